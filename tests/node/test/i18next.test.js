// The i18n resources under real i18next: every text renders as the Rust crate renders it,
// details with their params included.
import { test } from "node:test";
import assert from "node:assert/strict";
import i18next from "i18next";

import { cases, readJson } from "./cases.js";

async function i18nFor(kase) {
  const resources = {};
  for (const locale of kase.locales) {
    resources[locale] = { translation: readJson(kase, "i18n", `${locale}.json`) };
  }
  const i18n = i18next.createInstance();
  // escapeValue: false, as React and Vue apps configure i18next (they escape on render).
  await i18n.init({ resources, lng: kase.defaultLocale, fallbackLng: false, interpolation: { escapeValue: false } });
  return i18n;
}

for (const kase of cases) {
  test(`${kase.name}: i18next renders every message, hint and detail as the Rust crate does`, async () => {
    const i18n = await i18nFor(kase);
    for (const want of kase.codes) {
      const code = want.code;
      for (const [locale, texts] of Object.entries(want.locales)) {
        const t = i18n.getFixedT(locale);
        assert.equal(t(`${code}.message`), texts.message, `${code}.message ${locale}`);
        if (texts.hint !== null) assert.equal(t(`${code}.hint`), texts.hint, `${code}.hint ${locale}`);
        if (texts.detail !== null) assert.equal(t(`${code}.detail`, want.args), texts.detail, `${code}.detail ${locale}`);
      }
    }
  });
}

test("i18next renders ERR_MAX_AMOUNT_EXCEEDED.detail with max_amount 500.00 in both languages", async () => {
  const kase = cases.find((c) => c.name === "codes.toml");
  const i18n = await i18nFor(kase);
  const want = kase.codes.find((c) => c.code === "ERR_MAX_AMOUNT_EXCEEDED");
  assert.deepEqual(want.args, { max_amount: "500.00" });
  for (const locale of ["en", "es"]) {
    const rendered = i18n.getFixedT(locale)("ERR_MAX_AMOUNT_EXCEEDED.detail", { max_amount: "500.00" });
    assert.equal(rendered, want.locales[locale].detail);
    assert.match(rendered, /500\.00/);
  }
});
