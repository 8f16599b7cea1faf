#!/usr/bin/env bash
# Save-to-page time of `copydesk preview` for a 2,000-word article: from writing the article
# to the server-sent `change` event, and to the article page served again right after it.
#
#   bench/preview-refresh.sh [ARTICLES] [ROUNDS]     (defaults: 10000 articles, 9 rounds)
#
# Builds release binaries, generates a newsroom with copydesk-bench (kept in
# /tmp/copydesk-preview-bench-ARTICLES for the next run), writes a 2,000-word article into it,
# and runs bench/preview_refresh.py, which starts the preview, keeps the event stream open as a
# page does and appends a paragraph ROUNDS times. COPYDESK=PATH times another build. Prints one
# line per round and the medians. A benchmark, not a test: nothing fails.
set -euo pipefail
cd "$(dirname "$0")/.."

articles="${1:-10000}"
rounds="${2:-9}"
cargo build --release --locked -p copydesk-cli -p copydesk-bench >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release"
out="/tmp/copydesk-preview-bench-$articles"
if [ ! -f "$out/copydesk.toml" ]; then
  "$bin/copydesk-bench" generate --articles "$articles" --out "$out" >/dev/null
fi
article="$(find "$out/articles" -name '*.md' ! -name 'preview-bench-*' | sort | awk 'NR == 1')"
long="$(dirname "$article")/preview-bench-long-article.md"
python3 bench/long_article.py "$article" "$long"
trap 'rm -f "$long"' EXIT
python3 bench/preview_refresh.py "${COPYDESK:-$PWD/$bin/copydesk}" "$out" "$long" --rounds "$rounds"
