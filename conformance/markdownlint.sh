#!/usr/bin/env bash
# Compares copydesk's Markdown rules with markdownlint's on markdownlint's own test suite and
# prints the disagreements that docs/accuracy.md does not list as deliberate.
#
# Usage: conformance/markdownlint.sh CHECKOUT [--all]
#   CHECKOUT  a clone of markdownlint's repository (its test/*.md files are linted); the
#             markdownlint release of the same version is installed from npm into a temporary
#             directory. Needs node, npm and cargo.
#   --all     also print the documented differences, line by line.
# Exits 0 when every disagreement is documented, 1 otherwise. Not part of `cargo test`: the
# peer's test suite is not ours to copy into this repository.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1/test" ]; then
  echo "usage: $0 MARKDOWNLINT_CHECKOUT [--all]" >&2
  exit 2
fi
checkout=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(node -p 'require(process.argv[1]).version' "$checkout/package.json")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund --silent "markdownlint@$version" >&2

cargo build --quiet --locked --manifest-path "$root/Cargo.toml" -p copydesk-cli
target=${CARGO_TARGET_DIR:-$root/target}

node "$root/conformance/markdownlint-compare.mjs" \
  "$checkout" "$work/node_modules/markdownlint" "$target/debug/copydesk" "$@"
