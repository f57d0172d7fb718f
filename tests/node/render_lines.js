// The JS side of the generated-message agreement test (tests/generated_messages/mod.rs): one
// JSON request per line of stdin ({ message, locale, args }), rendered by intl-messageformat as
// i18next-icu configures it (`ignoreTag`), one JSON answer per line of stdout ({ ok } or
// { error }). One process answers every case, shrinking included.
import { createInterface } from "node:readline";
import { IntlMessageFormat } from "intl-messageformat";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const { message, locale, args } = JSON.parse(line);
  let answer;
  try {
    answer = { ok: String(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format(args)) };
  } catch (e) {
    answer = { error: String(e?.message ?? e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
