// The i18n resources under real i18next with i18next-icu (ICU MessageFormat through
// intl-messageformat): every text renders as the Rust crate renders it, details with their
// params (numbers and plurals per locale) included.
import { test } from "node:test";
import assert from "node:assert/strict";
import i18next from "i18next";
import ICU from "i18next-icu";

import { cases, readJson } from "./cases.js";

async function i18nFor(kase) {
  const resources = {};
  for (const locale of kase.locales) {
    resources[locale] = { translation: readJson(kase, "i18n", `${locale}.json`) };
  }
  const i18n = i18next.createInstance().use(ICU);
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

test("i18next renders numbers and plurals per locale", async () => {
  const kase = cases.find((c) => c.name === "codes.toml");
  const i18n = await i18nFor(kase);
  const en = i18n.getFixedT("en");
  const es = i18n.getFixedT("es");
  assert.equal(en("ERR_MAX_AMOUNT_EXCEEDED.detail", { max_amount: 12345.5 }), "The maximum amount for this payment is 12,345.5.");
  assert.equal(es("ERR_MAX_AMOUNT_EXCEEDED.detail", { max_amount: 12345.5 }), "El monto máximo para este pago es 12.345,5.");
  assert.equal(en("ERR_PIN_ATTEMPTS_EXCEEDED.detail", { attempts_left: 1 }), "Only 1 attempt is left before the payment method is locked.");
  assert.equal(es("ERR_PIN_ATTEMPTS_EXCEEDED.detail", { attempts_left: 3 }), "Quedan 3 intentos antes de que se bloquee el medio de pago.");
  for (const render of kase.renders.filter((r) => r.reference)) {
    const t = i18n.getFixedT(render.locale);
    assert.equal(t(`${render.code}.detail`, render.args), render.detail, `${render.code} ${render.locale} ${JSON.stringify(render.args)}`);
  }
});
