#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds (default 20), seeding its corpus with real
# inputs first: `bash scripts/fuzz.sh catalog 600`. See FUZZING.md. Installs cargo-fuzz when
# missing. cargo-fuzz needs nightly-only flags (-Zsanitizer); RUSTC_BOOTSTRAP=1 allows them on
# the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer args...]}
seconds=${2:-20}
shift $(( $# >= 2 ? 2 : 1 ))

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus=fuzz/corpus/$target
mkdir -p "$corpus"
dict=
seed() { printf '%s' "$2" >"$corpus/seed-$1"; }
case $target in
  catalog | render)
    cp codes.toml "$corpus/seed-codes.toml"
    for f in flux-codes-gen/tests/fixtures/*.toml flux-codes-gen/tests/fixtures/*/*.toml; do
      cp "$f" "$corpus/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    ;;
  error_code)
    # Every code of the catalog, near misses, and the other enums' strings.
    sed -n 's/^\[codes\.\([A-Z0-9_]*\)\]$/\1/p' codes.toml | while read -r code; do
      seed "$code" "$code"
      seed "$code-lower" "${code,,}"
      seed "$code-json" "\"$code\""
    done
    seed empty ""
    seed locale-en en
    seed locale-es-upper ES
    seed category-qr qr
    seed long "$(printf 'ERR_%.0s' {1..40})"
    seed unicode "ERR_QR_EXPİRED" # flux-codes: allow (a near miss on purpose)
    ;;
  negotiate)
    # The first byte picks the locale set and default; the rest is the header. Real headers:
    # browsers', curl's (none), RFC and MDN examples, wildcards, exclusions.
    i=0
    while IFS= read -r header; do
      seed "header-$i" "a$header"
      i=$((i + 1))
    done <<'HEADERS'
en-US,en;q=0.9
es-CL,es;q=0.9,en-US;q=0.8,en;q=0.7
es-ES,es;q=0.8,en-US;q=0.5,en;q=0.3
es-419,es;q=0.9
en-GB,en;q=0.9,en-US;q=0.8
fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5
zh-Hant-TW,zh;q=0.9,es;q=0.1
pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7
de-DE,de;q=0.9
*
*;q=0.5, es
en;q=0, *
es-CL, es;q=0
da, en-gb;q=0.8, en;q=0.7
sr-Latn-RS,sr;q=0.9
de-CH-1996;q=0.8
en-US;q=1.000, es;q=0.001
HEADERS
    seed curl-none "a"
    seed two-lines "aes-CL"$'\n'"en;q=0.5"
    ;;
  client)
    # Two bytes of status, then `content-type \0 retry-after \0 body`. Real bodies: every
    # example response of the OpenAPI export (what ApiError serializes), and what proxies and
    # newer servers send.
    python3 - "$corpus" <<'PY'
import json, struct, sys
out = sys.argv[1]
doc = json.load(open("exports/openapi.json"))
n = 0
def seed(name, status, content_type, retry_after, body):
    with open(f"{out}/seed-{name}", "wb") as f:
        f.write(struct.pack(">H", status) + content_type + b"\0" + retry_after + b"\0" + body)
for response in doc["components"]["responses"].values():
    for media, content in response.get("content", {}).items():
        for name, example in content.get("examples", {}).items():
            value = example["value"]
            seed(name, value.get("status", 500), media.encode(), b"", json.dumps(value).encode())
            n += 1
seed("unknown-code", 429, b"application/problem+json", b"30",
     b'{"type":"about:blank","title":"Too many requests.","status":429,"code":"ERR_RATE_LIMITED","retryable":true}')
seed("params", 422, b"application/problem+json; charset=utf-8", b"Fri, 31 Dec 1999 23:59:59 GMT",
     b'{"type":"about:blank","title":"t","status":422,"code":"ERR_MAX_AMOUNT_EXCEEDED","params":{"max_amount":"500.00","n":3,"ok":true}}')
seed("html-502", 502, b"text/html", b"",
     b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>")
seed("empty-503", 503, b"", b"120", b"")
seed("json-no-type", 400, b"application/json", b"", b'{"error":"bad"}')
print(f"{n} example responses", file=sys.stderr)
PY
    ;;
  po_import | po_import_structured)
    # Real translators' files: the repository catalog's PO exports (the CLI's own), a
    # byte-order-marked copy, and the generator's PO snapshots (another catalog: refused
    # entries). The structured target's input is a list of edits to an export; the empty
    # input imports the export as it is.
    cli=(cargo run -q -p flux-codes-cli --)
    built=${CARGO_TARGET_DIR:-target}/debug/flux-codes
    [ -x "$built" ] && cli=("$built")
    for locale in es pt-BR; do
      "${cli[@]}" l10n export --locale "$locale" >"$corpus/seed-$locale.po"
    done
    if [ "$target" = po_import ]; then
      for f in "$corpus"/seed-*.po; do printf '\1' | cat - "$f" >"$f.fuzzy"; done
      printf '\0\357\273\277' | cat - "$corpus/seed-es.po" >"$corpus/seed-es-bom"
      for f in flux-codes-gen/tests/snapshots/l10n__*.po.snap; do
        sed '1,/^---$/d' "$f" | sed '1s/^/\x00/' >"$corpus/seed-$(basename "$f" .snap)"
      done
    else
      rm -f "$corpus"/seed-*.po
      seed empty ""
      seed one-edit $'\x00\x00\x03\x41\x42\x43'
      seed many-edits "$(head -c 256 "codes.toml")"
    fi
    dict=fuzz/dict/po.dict
    ;;
  icu_parse | detail)
    # Every detail message of the catalogs in the repository, and intl-messageformat's own
    # parser test cases (tests/fixtures/icu_parse_cases.json). The detail target's first
    # bytes pick a locale and the message's length; the rest picks argument values.
    python3 - "$corpus" "$target" <<'PY'
import glob, json, sys, tomllib
out, target = sys.argv[1], sys.argv[2]
messages = [c["message"] for c in json.load(open("tests/fixtures/icu_parse_cases.json"))["cases"]]
for path in ["codes.toml"] + sorted(glob.glob("flux-codes-gen/tests/fixtures/*.toml")):
    try:
        catalog = tomllib.load(open(path, "rb"))
    except Exception:
        continue
    for code in catalog.get("codes", {}).values():
        detail = code.get("detail")
        if isinstance(detail, dict):
            messages.extend(t for t in detail.values() if isinstance(t, str))
for i, message in enumerate(messages):
    data = message.encode()
    if target == "detail":
        data = bytes([i % 9, 0xFF, 0xFF]) + data + bytes(range(0, 64, 3))
    with open(f"{out}/seed-{i}", "wb") as f:
        f.write(data)
PY
    dict=fuzz/dict/icu.dict
    ;;
  *)
    echo "unknown fuzz target \`$target\`; the targets are: $(cd fuzz/fuzz_targets && ls | sed 's/\.rs$//' | tr '\n' ' ')" >&2
    exit 2
    ;;
esac

# -rss_limit_mb and -malloc_limit_mb make an input that allocates without bound a finding.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
  ${dict:+-dict="$dict"} "$@"
