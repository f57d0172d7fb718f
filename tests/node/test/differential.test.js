// The differential test: every detail of every test catalog, in every locale, filled from the
// table of values (0, 1, 2, 5, 21, 1000, 1234.5, 1000000, -3, a long string), must be the same
// string from the Rust runtime (the expected `detail`, rendered by tests/consumers.rs), from the
// npm package under Node, and from intl-messageformat, the independent reference (as
// i18next-icu configures it: `ignoreTag`). Exact decimal strings ("500.00") are compared
// between Rust and the npm package only: intl-messageformat reads a string as a JavaScript
// number and drops its trailing zeros.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IntlMessageFormat } from "intl-messageformat";

import { cases, importPackage } from "./cases.js";

for (const kase of cases) {
  test(`${kase.name}: Rust, the npm package and intl-messageformat render every detail alike`, async () => {
    const pkg = await importPackage(kase);
    let compared = 0;
    for (const render of kase.renders) {
      const what = `${render.code} ${render.locale} ${JSON.stringify(render.args)}`;
      assert.equal(pkg.detail(render.code, render.locale, render.args), render.detail, `npm: ${what}`);
      if (render.reference) {
        const reference = new IntlMessageFormat(render.source, render.locale, undefined, { ignoreTag: true });
        assert.equal(reference.format(render.args), render.detail, `intl-messageformat: ${what}`);
        compared += 1;
      }
    }
    const withDetail = kase.codes.filter((c) => c.locales[kase.defaultLocale].source !== null).length;
    assert.equal(compared, withDetail * kase.locales.length * 10, "every detail, locale and row");
  });
}
