#!/usr/bin/env bash
# didChange -> publishDiagnostics latency of `copydesk lsp` for a 2,000-word article in a
# generated newsroom of 10,000 articles (ARTICLES=N to change), against
# `copydesk lint --stdin-filename` of the same text. Figures go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
articles="${ARTICLES:-10000}"
out="${OUT:-/tmp/copydesk-lsp-bench-$articles}"
cargo build --release --locked -p copydesk-cli -p copydesk-bench
if [ ! -f "$out/copydesk.toml" ]; then
  target/release/copydesk-bench generate --articles "$articles" --out "$out" >/dev/null
fi
article="$(find "$out/articles" -name '*.md' | sort | awk 'NR == 1')"
long="$(dirname "$article")/lsp-bench-long-article.md"
python3 bench/long_article.py "$article" "$long"
# A warm index: what an editor finds after any `copydesk lint` of the newsroom.
target/release/copydesk lint --quiet --root "$out" >/dev/null || true
python3 bench/lsp.py "$PWD/target/release/copydesk" "$out" "$long" --rounds "${ROUNDS:-50}"
rm -f "$long"
