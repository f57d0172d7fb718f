// Parse agreement: intl-messageformat's own parser test cases, flux-codes' cases and every
// detail of the test catalogs parse the same way in flux-codes-gen (the `rust` shape, written
// by tests/consumers.rs) and in intl-messageformat (`ignoreTag`, as i18next-icu uses it):
// accepted with the same structure, or rejected by both. What intl-messageformat accepts but
// the flux-codes dialect leaves out (dates, times, number skeletons and styles other than
// `integer`, `selectordinal`) must be rejected by flux-codes with an error saying so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IntlMessageFormat } from "intl-messageformat";

import { parseCases } from "./cases.js";

const TYPE = { literal: 0, argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, pound: 7, tag: 8 };

/** intl-messageformat's AST in the shape of the Rust side, or the reason it is outside the dialect. */
function shape(elements) {
  const out = [];
  let outside = null;
  for (const el of elements) {
    let value;
    switch (el.type) {
      case TYPE.literal: {
        const last = out[out.length - 1];
        if (last !== undefined && "literal" in last) {
          last.literal += el.value;
          continue;
        }
        value = { literal: el.value };
        break;
      }
      case TYPE.argument:
        value = { argument: el.value };
        break;
      case TYPE.number:
        if (el.style !== null && el.style !== "integer") outside ??= "number style";
        value = { number: el.value, style: el.style };
        break;
      case TYPE.date:
      case TYPE.time:
        outside ??= "date or time";
        value = { date: el.value };
        break;
      case TYPE.pound:
        value = { pound: true };
        break;
      case TYPE.plural:
      case TYPE.select: {
        if (el.type === TYPE.plural && el.pluralType === "ordinal") outside ??= "selectordinal";
        const options = Object.keys(el.options)
          .sort()
          .map((key) => {
            const inner = shape(el.options[key].value);
            outside ??= inner.outside;
            return [key, inner.elements];
          });
        value = el.type === TYPE.plural ? { plural: el.value, offset: el.offset, options } : { select: el.value, options };
        break;
      }
      default:
        outside ??= `element type ${el.type}`;
        value = { other: el.type };
    }
    out.push(value);
  }
  return { elements: out, outside };
}

test("flux-codes-gen parses every ICU case as intl-messageformat does", () => {
  let accepted = 0;
  let rejected = 0;
  let outsideDialect = 0;
  for (const kase of parseCases) {
    let ast = null;
    let error = null;
    try {
      ast = new IntlMessageFormat(kase.message, "en", undefined, { ignoreTag: true }).getAst();
    } catch (e) {
      error = e;
    }
    const what = `${kase.name}: ${JSON.stringify(kase.message)}`;
    if (error !== null) {
      assert.ok("error" in kase.rust, `intl-messageformat rejects (${error.message}), flux-codes accepts: ${what}`);
      rejected += 1;
      continue;
    }
    const { elements, outside } = shape(ast);
    if (outside !== null) {
      assert.ok("error" in kase.rust, `outside the dialect (${outside}) but accepted: ${what}`);
      assert.match(kase.rust.error, /not supported/, what);
      outsideDialect += 1;
      continue;
    }
    assert.ok("ok" in kase.rust, `intl-messageformat accepts, flux-codes rejects (${kase.rust.error}): ${what}`);
    assert.deepEqual(kase.rust.ok, elements, what);
    accepted += 1;
  }
  assert.ok(accepted > 40 && rejected > 20 && outsideDialect > 5, `${accepted} ${rejected} ${outsideDialect}`);
});
