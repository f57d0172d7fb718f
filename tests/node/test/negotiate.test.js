// The npm package's locale negotiation against the Rust crate's: the cases of
// tests/negotiate.rs (and their bounds, and more), each with the locale `Locale::negotiate`
// answers, written by tests/consumers.rs.
import { test } from "node:test";
import assert from "node:assert/strict";

import { cases, importPackage } from "./cases.js";

const shown = (accepted) => JSON.stringify(accepted).slice(0, 80);

for (const kase of cases) {
  test(`${kase.name}: negotiate() answers as Locale::negotiate does`, async () => {
    const pkg = await importPackage(kase);
    assert.ok(kase.negotiation.length > 100, "the cases are there");
    for (const { what, accepted, expected } of kase.negotiation) {
      assert.equal(pkg.negotiate(accepted), expected, `${what}: ${shown(accepted)}`);
    }
  });

  test(`${kase.name}: every function taking a locale looks it up the same way`, async () => {
    const pkg = await importPackage(kase);
    const withDetail = kase.codes.find((c) => Object.values(c.locales).some((t) => t.detail !== null));
    for (const { what, accepted, expected } of kase.negotiation) {
      for (const want of [kase.codes[0], withDetail].filter(Boolean)) {
        const texts = want.locales[expected];
        const where = `${want.code}, ${what}: ${shown(accepted)}`;
        assert.equal(pkg.message(want.code, accepted), texts.message, where);
        assert.equal(pkg.hint(want.code, accepted), texts.hint, where);
        if (texts.detail !== null) assert.equal(pkg.detail(want.code, accepted, want.args), texts.detail, where);
      }
    }
    // A region of a catalog locale falls back to it: `es-CL` reads `es`.
    for (const want of kase.codes) {
      for (const [locale, texts] of Object.entries(want.locales)) {
        if (locale.includes("-") || kase.locales.includes(`${locale}-CL`)) continue;
        assert.equal(pkg.message(want.code, `${locale}-CL`), texts.message, `${want.code} ${locale}-CL`);
      }
    }
  });
}
