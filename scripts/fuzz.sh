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
    seed unicode "ERR_QR_EXPİRED"
    ;;
  *)
    echo "unknown fuzz target \`$target\`; the targets are: $(cd fuzz/fuzz_targets && ls | sed 's/\.rs$//' | tr '\n' ' ')" >&2
    exit 2
    ;;
esac

# -rss_limit_mb and -malloc_limit_mb make an input that allocates without bound a finding.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 "$@"
