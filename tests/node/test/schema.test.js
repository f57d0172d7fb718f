// catalog.json against catalog.schema.json under ajv (JSON Schema draft 2020-12).
import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

import { cases, readJson } from "./cases.js";

function validator(kase) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(readJson(kase, "catalog.schema.json"));
}

for (const kase of cases) {
  test(`${kase.name}: ajv accepts catalog.json and rejects corrupted copies`, () => {
    const validate = validator(kase);
    const catalog = readJson(kase, "catalog.json");
    assert.equal(validate(catalog), true, JSON.stringify(validate.errors));
    assert.deepEqual(catalog.codes.map((c) => c.code), kase.codes.map((c) => c.code));

    const corruptions = {
      "a status as a string": (c) => (c.codes[0].status = String(c.codes[0].status)),
      "a status that is no error": (c) => (c.codes[0].status = 200),
      "a code without its message": (c) => delete c.codes[0].message,
      "an unknown field": (c) => (c.codes[0].retriable = true),
      "an empty text": (c) => (c.codes[0].message[kase.defaultLocale] = ""),
      "a malformed code": (c) => (c.codes[0].code = "err qr"),
      "a docs_url that is no URL": (c) => (c.codes[0].docs_url = "not a url"),
    };
    for (const [what, corrupt] of Object.entries(corruptions)) {
      const copy = structuredClone(catalog);
      corrupt(copy);
      assert.equal(validate(copy), false, `accepted ${what}`);
    }
  });
}
