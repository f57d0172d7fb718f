#!/usr/bin/env bash
# The one test command (README: "Run every test"). Installs what the tests need, then runs
# every check CI runs. Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

# ---- setup ----------------------------------------------------------------------------------
# Node.js runs the exports' consumer tests (tests/consumers.rs drives tests/node).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "install Node.js (apt)"
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
if [ ! -f tests/node/node_modules/.package-lock.json ] ||
  [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  step "npm ci --prefix tests/node"
  npm ci --prefix tests/node --no-audit --no-fund
fi

# Debian's Chromium and playwright-core run the HTML page's browser test (tests/browser).
if [ ! -x /usr/bin/chromium ]; then
  step "install Chromium (apt)"
  apt-get update -qq && apt-get install -y -qq chromium
fi
if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
  [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  step "npm ci --prefix tests/browser"
  npm ci --prefix tests/browser --no-audit --no-fund
fi

# protoc (Debian's protobuf-compiler) compiles the proto export (flux-codes-gen/tests/proto.rs).
if ! command -v protoc >/dev/null; then
  step "install protoc (apt)"
  apt-get update -qq && apt-get install -y -qq protobuf-compiler
fi

tools=target/tools

# schemathesis and openapi-spec-validator (PyPI), pinned, in a venv of their own.
py="$tools/py"
if ! cmp -s scripts/requirements-openapi.txt "$py/requirements.txt"; then
  step "installing the OpenAPI checkers (PyPI) into $py"
  python3 -m venv "$py"
  "$py/bin/pip" install --quiet --disable-pip-version-check -r scripts/requirements-openapi.txt
  cp scripts/requirements-openapi.txt "$py/requirements.txt"
fi

# Redocly CLI (npm), pinned.
redocly_version=2.77.0
node="$tools/node"
if [ "$(cat "$node/version" 2>/dev/null)" != "$redocly_version" ]; then
  step "installing @redocly/cli $redocly_version (npm) into $node"
  npm install --prefix "$node" --no-audit --no-fund --silent "@redocly/cli@$redocly_version"
  echo "$redocly_version" > "$node/version"
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

# cargo-fuzz (crates.io) drives the fuzz targets in fuzz/ (FUZZING.md).
if ! command -v cargo-fuzz >/dev/null; then
  step "cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# ---- checks ---------------------------------------------------------------------------------
step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all features)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "flux-codes builds with its default (lean) features and with \`http\` alone"
cargo check --quiet -p flux-codes --lib
cargo check --quiet -p flux-codes --lib --features http
# gRPC is opt-in: without the `tonic` feature, neither tonic nor prost is compiled.
if cargo tree -q -p flux-codes -e normal --prefix none | grep -E '^(tonic|prost)'; then
  echo "the default build of flux-codes depends on tonic or prost"; exit 1
fi

step "cargo test (all features: http, axum, tonic)"
cargo test --workspace --all-features

step "the published crate carries its catalog and build script"
files=$(cargo package --list -p flux-codes --allow-dirty)
for f in codes.toml build.rs; do
  grep -qx "$f" <<<"$files" || { echo "cargo package --list lacks $f"; exit 1; }
done

step "flux-codes audit: no code is misspelled or hand-written outside the catalog"
# Placeholders this repository's docs and tests use on purpose: ERR_X ("some code"), ERR_NOPE
# ("no such code") and ERR_RATE_LIMITED (a code newer than the catalog, which the HTTP client
# must accept). Other deliberate uses carry a `flux-codes: allow` comment; test fixtures,
# snapshots and compile-fail tests are listed in .flux-codes-audit-ignore.
cargo run -q -p flux-codes-cli -- audit --deny-warnings \
  --allow-unknown ERR_X --allow-unknown ERR_NOPE --allow-unknown ERR_RATE_LIMITED

step "cargo bench --no-run (the benchmarks compile; they are run by hand, see BENCHMARKS.md)"
cargo bench --no-run -p flux-codes-bench

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features

step "OpenAPI: the catalog's components and the example service's document are valid"
cargo build --quiet --features axum --example payments
payments=target/debug/examples/payments
out=target/openapi
mkdir -p "$out"
cargo run --quiet -p flux-codes-cli -- export --format openapi > "$out/components.json"
"$payments" openapi > "$out/payments.json"
"$py/bin/openapi-spec-validator" "$out/components.json" "$out/payments.json"
"$node/node_modules/.bin/redocly" lint --config scripts/redocly.yaml --format=summary \
  "$out/components.json" "$out/payments.json"

step "schemathesis: the live example service answers as its document says, errors included"
"$payments" serve > "$out/server.out" 2> "$out/server.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$out/server.out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "the example service did not start:"; cat "$out/server.err"; exit 1; }
(cd "$out" && "../../$py/bin/st" --config-file ../../examples/payments/schemathesis.toml run \
  "$url/openapi.json" --checks all --workers 1 --generation-deterministic \
  --max-examples 100 --no-color)
kill "$server"
wait "$server" 2>/dev/null || true
trap - EXIT

step "the crate's front page lists every code of codes.toml"
for code in $(grep -oP '^\[codes\.\K[A-Z][A-Z0-9_]*' codes.toml); do
  grep -q "<code>$code</code>" target/doc/flux_codes/index.html ||
    { echo "target/doc/flux_codes/index.html lacks $code"; exit 1; }
done

step "the HTML error-code page in headless Chromium (screenshots in target/browser/)"
mkdir -p target/browser
for fixture in adversarial adversarial_pages; do
  cargo run -q -p flux-codes-cli -- --catalog "flux-codes-gen/tests/fixtures/$fixture.toml" \
    export --format html --out "target/browser/$fixture.html"
done
npm test --prefix tests/browser

# Each fuzz target for about 20 seconds from its seeds (and any corpus kept from longer runs);
# a crash, a failed assertion or an input over the memory limits fails the run. The long runs
# and their findings are in FUZZING.md.
mkdir -p target/fuzz
for target in catalog render error_code negotiate client; do
  step "fuzz $target (20 s; log in target/fuzz/$target.log)"
  bash scripts/fuzz.sh "$target" 20 >"target/fuzz/$target.log" 2>&1 ||
    { tail -n 60 "target/fuzz/$target.log"; exit 1; }
  grep -E '^(Done|stat::number_of_executed_units)' "target/fuzz/$target.log" || true
done

step "all checks passed"
