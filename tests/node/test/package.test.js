// The npm package, imported as a frontend imports it: facts, messages and details must be what
// the Rust crate says, and the table must be frozen.
import { test } from "node:test";
import assert from "node:assert/strict";

import { cases, importPackage } from "./cases.js";

for (const kase of cases) {
  test(`${kase.name}: the npm package has every code's facts and texts`, async () => {
    const pkg = await importPackage(kase);
    assert.deepEqual([...pkg.ERROR_CODES], kase.codes.map((c) => c.code));
    assert.deepEqual([...pkg.LOCALES], kase.locales);
    assert.equal(pkg.DEFAULT_LOCALE, kase.defaultLocale);
    for (const want of kase.codes) {
      const code = want.code;
      assert.ok(pkg.isErrorCode(code), code);
      assert.equal(pkg.httpStatus(code), want.status, code);
      assert.equal(pkg.isRetryable(code), want.retryable, code);
      assert.equal(pkg.CODES[code].category, want.category, code);
      assert.equal(pkg.CODES[code].docsUrl, want.docsUrl, code);
      assert.deepEqual(JSON.parse(JSON.stringify(pkg.CODES[code].params)), want.params, code);
      assert.equal(pkg.message(code), want.locales[kase.defaultLocale].message, code);
      for (const [locale, texts] of Object.entries(want.locales)) {
        assert.equal(pkg.message(code, locale), texts.message, `${code} ${locale}`);
        assert.equal(pkg.hint(code, locale), texts.hint, `${code} ${locale}`);
        assert.equal(pkg.detail(code, locale, want.args), texts.detail, `${code} ${locale}`);
        const without = texts.detailWithoutParams;
        if (without !== null && typeof without === "object") {
          // The Rust crate refuses a detail without its params, naming one: so must the package.
          assert.throws(
            () => pkg.detail(code, locale, {}),
            (e) => e instanceof TypeError && e.message.includes(JSON.stringify(without.throws)),
            `${code} ${locale}: a TypeError naming ${without.throws}`,
          );
        } else {
          assert.equal(pkg.detail(code, locale, {}), without, `${code} ${locale}`);
        }
      }
    }
  });

  test(`${kase.name}: the npm package rejects what is not a code and cannot be changed`, async () => {
    const pkg = await importPackage(kase);
    for (const value of ["ERR_NOPE", "constructor", "toString", "__proto__", "", 42, null, undefined, {}]) {
      assert.equal(pkg.isErrorCode(value), false, String(value));
      assert.throws(() => pkg.httpStatus(value), TypeError);
    }
    assert.equal(pkg.isLocale(kase.defaultLocale), true);
    assert.equal(pkg.isLocale("xx"), false);
    const [first] = pkg.ERROR_CODES;
    assert.equal(pkg.message(first, "xx"), pkg.message(first, kase.defaultLocale), "unknown locale falls back");
    assert.ok(Object.isFrozen(pkg.CODES) && Object.isFrozen(pkg.CODES[first].message) && Object.isFrozen(pkg.ERROR_CODES));
    assert.throws(() => {
      pkg.CODES[first].status = 200;
    }, TypeError);
  });
}

for (const kase of cases) {
  test(`${kase.name}: detail throws a TypeError naming a missing, misspelled or mistyped param`, async () => {
    const pkg = await importPackage(kase);
    for (const want of kase.codes.filter((c) => c.params.length > 0 && c.locales[kase.defaultLocale].detail !== null)) {
      const [first] = want.params;
      const names = (e) => e instanceof TypeError && e.message.includes(JSON.stringify(first.name));
      // Left out.
      const without = { ...want.args };
      delete without[first.name];
      assert.throws(() => pkg.detail(want.code, kase.defaultLocale, without), names, `${want.code}: missing`);
      // Misspelled: the typo is named.
      const typo = `${first.name}x`;
      const misspelled = { ...without, [typo]: want.args[first.name] };
      assert.throws(
        () => pkg.detail(want.code, kase.defaultLocale, misspelled),
        (e) => e instanceof TypeError && e.message.includes(JSON.stringify(typo)),
        `${want.code}: misspelled`,
      );
      // Text for a number.
      const numeric = want.params.find((p) => p.type === "number" || p.type === "integer");
      if (numeric !== undefined) {
        const mistyped = { ...want.args, [numeric.name]: "three" };
        assert.throws(
          () => pkg.detail(want.code, kase.defaultLocale, mistyped),
          (e) => e instanceof TypeError && e.message.includes(JSON.stringify(numeric.name)),
          `${want.code}: mistyped`,
        );
      }
      // The right params still render.
      assert.equal(typeof pkg.detail(want.code, kase.defaultLocale, want.args), "string");
    }
  });
}
