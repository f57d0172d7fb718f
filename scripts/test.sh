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

# ---- checks ---------------------------------------------------------------------------------
step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --workspace

step "the published crate carries its catalog and build script"
files=$(cargo package --list -p flux-codes --allow-dirty)
for f in codes.toml build.rs; do
  grep -qx "$f" <<<"$files" || { echo "cargo package --list lacks $f"; exit 1; }
done

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

step "all checks passed"
