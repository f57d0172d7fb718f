#!/usr/bin/env bash
# The one test command (README: "Run every test"). Installs what the tests need, then runs
# every check CI runs, and prints each step's duration at the end. Safe to run again: installs
# are skipped when already present.
#
# Why it is shaped this way (a 2-core machine; BENCHMARKS.md has the before/after timings):
# - Installs (apt, npm, PyPI) are network-bound: they run in the background, while the first
#   compile uses the CPU, and a step waits only for the installs it needs.
# - Every cargo step uses the workspace's one feature set (`--workspace --all-features`), so
#   the example server and the CLI the later steps run are the ones `cargo test` built; no step
#   compiles a crate twice with other features, except the three lean-feature checks.
# - The fuzz targets (their own release + ASan build) build and run in the background at low
#   priority, after the main compile, while the tests run.
# - `cargo bench --no-run` is gone: `cargo clippy --all-targets` already type-checks every
#   bench, and a release build of the 10,000-code bench catalogs is what made the cold run slow.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tests that drive an installed tool (Node packages, ...) fail when it is missing, instead of
# skipping as they do under a plain `cargo test`.
export FLUX_CODES_REQUIRE_TOOLS=1

root=$PWD
# Cargo's output (honours CARGO_TARGET_DIR); the tools and logs below stay under ./target.
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
logs=$root/target/ci
mkdir -p "$logs"

# ---- steps and their durations --------------------------------------------------------------
started_all=$(date +%s)
step_name="" step_start=0
timings=()
finish_step() {
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%5ss  %s' "$(($(date +%s) - step_start))" "$step_name")")
  fi
  step_name=""
}
step() {
  finish_step
  step_name="$*" step_start=$(date +%s)
  printf '\n==> %s\n' "$*"
}
summary() {
  local rc=$?
  finish_step
  printf '\n==> step durations (foreground; background jobs: %s/*.time)\n' "$logs"
  printf '%s\n' "${timings[@]}"
  for t in "$logs"/*.time; do
    [ -f "$t" ] && printf '%5ss  (background) %s\n' "$(cat "$t")" "$(basename "$t" .time)"
  done
  printf '%5ss  total\n' "$(($(date +%s) - started_all))"
  for pid in $(jobs -p); do kill_tree "$pid"; done
  exit "$rc"
}
# A background job's cargo and its compilers must not outlive a failed run.
kill_tree() {
  local child
  for child in $(pgrep -P "$1"); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
trap summary EXIT

# ---- background jobs ------------------------------------------------------------------------
declare -A job_pids
# background NAME COMMAND...: runs COMMAND in the background, its output in target/ci/NAME.log
# and its duration in target/ci/NAME.time.
background() {
  local name=$1
  shift
  rm -f "$logs/$name.time"
  (
    start=$(date +%s)
    "$@"
    echo $(($(date +%s) - start)) >"$logs/$name.time"
  ) >"$logs/$name.log" 2>&1 &
  job_pids[$name]=$!
}
# await NAME: waits for a background job; on failure shows its log and stops.
await() {
  if ! wait "${job_pids[$1]}"; then
    echo "background job $1 failed (log: $logs/$1.log):"
    tail -n 80 "$logs/$1.log"
    exit 1
  fi
}

# ---- setup (in the background) --------------------------------------------------------------
tools=$root/target/tools
py="$tools/py"
node="$tools/node"
redocly_version=2.77.0
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

# Debian packages the tests drive, by the command that must exist.
apt_packages() {
  local missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ -x /usr/bin/chromium ] || missing+=(chromium) # the HTML page's browser test
  command -v msgfmt >/dev/null || missing+=(gettext) # the translators' PO files (tests/l10n.rs)
  command -v protoc >/dev/null || missing+=(protobuf-compiler) # the proto export (flux-codes-gen/tests/proto.rs)
  # The mobile exports (tests/mobile.rs): aapt2/aapt and the framework resources to link
  # against, a JVM for kotlinc and the Kotlin checks, ICU4J's plural rules.
  command -v aapt2 >/dev/null || missing+=(aapt)
  [ -f /usr/share/android-framework-res/framework-res.apk ] || missing+=(android-framework-res)
  [ -f /usr/share/java/icu4j.jar ] || missing+=(libicu4j-java)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# npm packages: the exports' consumers (tests/node), playwright-core (tests/browser), the
# mobile exports' tools (tests/mobile), and the Redocly CLI, pinned.
npm_packages() {
  for dir in tests/node tests/browser; do
    if [ ! -f $dir/node_modules/.package-lock.json ] ||
      [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
      npm ci --prefix $dir --no-audit --no-fund
    fi
  done
  # tests/mobile: kotlinc, tree-sitter-swift, locize-xcstrings. Without install scripts:
  # tree-sitter-cli's (a dependency of tree-sitter-swift, unused here) downloads a binary from
  # outside the registry, and tree-sitter and tree-sitter-swift load their prebuilt binaries
  # at run time.
  if [ ! -f tests/mobile/node_modules/.package-lock.json ] ||
    [ tests/mobile/package-lock.json -nt tests/mobile/node_modules/.package-lock.json ]; then
    npm ci --prefix tests/mobile --no-audit --no-fund --ignore-scripts
  fi
  if [ "$(cat "$node/version" 2>/dev/null)" != "$redocly_version" ]; then
    npm install --prefix "$node" --no-audit --no-fund --silent "@redocly/cli@$redocly_version"
    echo "$redocly_version" >"$node/version"
  fi
}

# PyPI tools, pinned, each set in a venv of its own: schemathesis and openapi-spec-validator
# (the OpenAPI checks below); translate-toolkit's pocount, pofilter and polib
# (flux-codes-cli/tests/l10n.rs); grpcio with grpcio-status (the gRPC client check below).
venv() {
  local dir=$1 requirements=$2
  if ! cmp -s "$requirements" "$dir/requirements.txt"; then
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$dir/requirements.txt"
  fi
}
python_packages() {
  venv "$py" scripts/requirements-openapi.txt
  venv "$tools/py-l10n" scripts/requirements-l10n.txt
  venv "$tools/py-grpc" scripts/requirements-grpc.txt
}

# The npm installs need node, so apt goes first.
installs() {
  apt_packages
  npm_packages
}
background installs installs
background python python_packages

# The fuzz targets: cargo-fuzz is installed at once (crates.io publishes no prebuilt binary; at
# low priority it takes what the first compile leaves idle); they build and run, also at low
# priority, once the main compile is done (the flag file), while the tests run. Each target
# runs for about 10 seconds from its seeds (and any corpus kept from longer runs); a crash, a
# failed assertion or an input over the memory limits fails the run (FUZZING.md).
compiled=$logs/main-compile-done
rm -f "$compiled"
fuzz_all() {
  command -v cargo-fuzz >/dev/null || nice cargo install cargo-fuzz --locked
  while [ ! -f "$compiled" ]; do sleep 1; done
  RUSTC_BOOTSTRAP=1 nice cargo fuzz build
  for t in catalog render error_code negotiate client po_import po_import_structured icu_parse detail; do
    echo "fuzz $t (10 s; log in $logs/fuzz-$t.log)"
    nice bash scripts/fuzz.sh "$t" 10 >"$logs/fuzz-$t.log" 2>&1 ||
      { tail -n 60 "$logs/fuzz-$t.log"; exit 1; }
    grep -E '^(Done|stat::number_of_executed_units)' "$logs/fuzz-$t.log" || true
  done
}
background fuzz fuzz_all

# ---- checks ---------------------------------------------------------------------------------
step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, all features; type-checks the benches too)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "flux-codes builds with its default features, with none (no \`tracing\`), and with \`http\` alone"
cargo check --quiet -p flux-codes --lib
cargo check --quiet -p flux-codes --lib --no-default-features
cargo check --quiet -p flux-codes --lib --features http
# gRPC is opt-in: without the `tonic` feature, neither tonic nor prost is compiled.
if cargo tree -q -p flux-codes -e normal --prefix none | grep -E '^(tonic|prost)'; then
  echo "the default build of flux-codes depends on tonic or prost"; exit 1
fi
# What a service pays (BENCHMARKS.md): the default build compiles no generator, TOML parser or
# ICU4X for the host (no build script; the derive uses the core without `icu`).
if cargo tree -q -p flux-codes -e normal,build --prefix none --target all |
  grep -E '^(flux-codes-gen|toml|toml_parser|annotate-snippets|sha2) v'; then
  echo "the default build of flux-codes compiles the generator or its dependencies"; exit 1
fi

# The CLI checks anyone's catalog: it compiles the generator and the core, not Flux's own catalog.
if cargo tree -q -p flux-codes-cli -e normal,build,dev --prefix none | grep -E '^flux-codes v'; then
  echo "flux-codes-cli depends on the flux-codes runtime crate"; exit 1
fi

step "cargo test --no-run (all features)"
cargo test --workspace --all-features --no-run
touch "$compiled"

step "cargo doc with the default features, as \`cargo doc -p flux-codes\` shows a user: no unresolved link"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p flux-codes
python3 scripts/check-doc-links.py "$target/doc" flux_codes

# docs.rs builds with every feature and `--cfg docsrs` on nightly ([package.metadata.docs.rs]);
# RUSTC_BOOTSTRAP lets this toolchain take the nightly-only `doc_cfg` the same way.
step "cargo doc as docs.rs builds it (all features, --cfg docsrs; warnings are errors)"
RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --workspace --no-deps --all-features
# Each feature's items carry its badge.
for feature_page in http:struct.ApiError.html axum:index.html tonic:index.html \
  tonic:struct.ApiError.html; do
  grep -q "Available on[^<]*<strong>crate feature <code>${feature_page%%:*}</code>\|title=\"Available on crate feature \`${feature_page%%:*}\` only\"" \
    "$target/doc/flux_codes/${feature_page#*:}" ||
    { echo "no \`${feature_page%%:*}\` feature badge in flux_codes/${feature_page#*:}"; exit 1; }
done

step "no broken link in the docs ($target/doc)"
python3 scripts/check-doc-links.py --self-test
python3 scripts/check-doc-links.py "$target/doc"

step "the guide: README.md a front door under 16 KB, every Markdown link and anchor resolves"
python3 scripts/check-md-links.py

step "the crate's front page lists every code of codes.toml"
for code in $(grep -oP '^\[codes\.\K[A-Z][A-Z0-9_]*' codes.toml); do
  grep -q "<code>$code</code>" "$target/doc/flux_codes/index.html" ||
    { echo "$target/doc/flux_codes/index.html lacks $code"; exit 1; }
done

step "wait for the installs (apt, npm, PyPI)"
await installs
await python

step "cargo test (all features)"
cargo test --workspace --all-features

step "the published crates carry their files: flux-codes its catalog and the sources generated from it, flux-codes-core no build script"
files=$(cargo package --list -p flux-codes --allow-dirty)
for f in codes.toml src/generated/flux_codes.rs src/generated/flux_codes.md \
  src/generated/catalog.json src/generated/codes_toml.fnv1a; do
  grep -qx "$f" <<<"$files" || { echo "cargo package --list lacks $f"; exit 1; }
done
files=$(cargo package --list -p flux-codes-core --allow-dirty)
for f in Cargo.toml README.md src/lib.rs; do
  grep -qx "$f" <<<"$files" || { echo "cargo package --list -p flux-codes-core lacks $f"; exit 1; }
done
if grep -qx build.rs <<<"$files"; then echo "flux-codes-core has a build script"; exit 1; fi

# The CLI and the example servers as `cargo test` built them: `--tests` keeps the
# dev-dependencies' features in the build as `cargo test` had them, so nothing rebuilds (without
# it, tokio, hyper, axum, tonic and the workspace crates compile a second time: ~55 s cold).
cargo build --quiet --workspace --all-features --tests --bins --examples
cli=$target/debug/flux-codes
payments=$target/debug/examples/payments
payments_grpc=$target/debug/examples/payments_grpc

step "flux-codes audit: no code is misspelled or hand-written outside the catalog"
# Placeholders this repository's docs and tests use on purpose: ERR_X ("some code"), ERR_NOPE
# ("no such code") and ERR_RATE_LIMITED (a code newer than the catalog, which the HTTP client
# must accept). Other deliberate uses carry a `flux-codes: allow` comment; test fixtures,
# snapshots and compile-fail tests are listed in .flux-codes-audit-ignore.
"$cli" audit --deny-warnings \
  --allow-unknown ERR_X --allow-unknown ERR_NOPE --allow-unknown ERR_RATE_LIMITED

step "OpenAPI: the catalog's components and the example service's document are valid"
out=$target/openapi
mkdir -p "$out"
"$cli" export --format openapi >"$out/components.json"
"$payments" openapi >"$out/payments.json"
"$py/bin/openapi-spec-validator" "$out/components.json" "$out/payments.json"
"$node/node_modules/.bin/redocly" lint --config scripts/redocly.yaml --format=summary \
  "$out/components.json" "$out/payments.json"

# start_example LOG COMMAND...: starts an example server in the background (its pid in
# $server, output in LOG.out and LOG.err) and waits for its `listening on ADDRESS` line
# (ADDRESS in $listening).
start_example() {
  local log=$1
  shift
  # Created here, not by the background job's redirection: the first `sed` below may run before
  # the job has opened them (and a failed `sed` would stop this script under `set -e`).
  : >"$log.out"
  : >"$log.err"
  "$@" >>"$log.out" 2>>"$log.err" &
  server=$!
  listening=""
  for _ in $(seq 100); do
    listening=$(sed -n 's/^listening on //p' "$log.out")
    [ -n "$listening" ] && return
    sleep 0.1
  done
  echo "$* did not start:"
  cat "$log.err"
  exit 1
}
stop_example() {
  kill "$server"
  wait "$server" 2>/dev/null || true
}

step "schemathesis: the live example service answers as its document says, errors included"
start_example "$out/server" "$payments" serve
(cd "$out" && "$py/bin/st" --config-file "$root/examples/payments/schemathesis.toml" run \
  "$listening/openapi.json" --checks all --workers 1 --generation-deterministic \
  --max-examples 100 --no-color)
stop_example

step "gRPC: a Python client (grpcio, grpcio-status) reads the example service's rich errors"
start_example "$out/grpc-server" "$payments_grpc"
"$tools/py-grpc/bin/python" tests/grpc-python/test_payments_client.py "$listening"
stop_example

step "the HTML error-code page in headless Chromium (screenshots in target/browser/)"
mkdir -p target/browser
for fixture in adversarial adversarial_pages; do
  "$cli" --catalog "flux-codes-gen/tests/fixtures/$fixture.toml" \
    export --format html --out "target/browser/$fixture.html"
done
npm test --prefix tests/browser

step "wait for the fuzz runs (log in $logs/fuzz.log)"
await fuzz
cat "$logs/fuzz.log"

step "all checks passed"
