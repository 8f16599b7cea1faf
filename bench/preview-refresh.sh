#!/usr/bin/env bash
# Save-to-refresh time of `copydesk preview`: how long from writing an article to the
# server-sent `change` event that makes open pages reload, and to the article page being served.
#
#   bench/preview-refresh.sh [ARTICLES] [ROUNDS]     (defaults: 10000 articles, 5 rounds)
#
# Builds release binaries, generates a newsroom with copydesk-bench, starts the preview on a
# free loopback port, then appends a line to one article ROUNDS times and times each round
# with curl. Prints one line per round and the median. A benchmark, not a test: nothing fails.
set -euo pipefail
cd "$(dirname "$0")/.."

articles="${1:-10000}"
rounds="${2:-5}"
cargo build --release --locked -p copydesk-cli -p copydesk-bench >/dev/null
bin="${CARGO_TARGET_DIR:-target}/release"
work="$(mktemp -d)"
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -n "${stream:-}" ] && kill "$stream" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/copydesk-bench" generate --articles "$articles" --out "$work/newsroom" >/dev/null
"$bin/copydesk" preview --root "$work/newsroom" --port 0 >"$work/server.out" &
server=$!
for _ in $(seq 100); do grep -q '^copydesk preview: ' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
url="$(sed -n 's/^copydesk preview: //p' "$work/server.out")"
article="$(find "$work/newsroom/articles" -name '*.md' | sort | awk 'NR == 1')"
page="${url}article/${article#"$work/newsroom/"}"
curl -sf -o /dev/null "$page"

# Events arrive on one long-lived stream; each `event: change` line is stamped as it arrives.
: >"$work/events"
curl -sN "${url}_preview/events" | while IFS= read -r line; do
  [ "$line" = "event: change" ] && date +%s%N >>"$work/events"
done &
stream=$!
sleep 0.5

times=()
for round in $(seq "$rounds"); do
  before="$(wc -l <"$work/events")"
  start="$(date +%s%N)"
  printf '\nAnother paragraph, round %s.\n' "$round" >>"$article"
  for _ in $(seq 600); do
    [ "$(wc -l <"$work/events")" -gt "$before" ] && break
    sleep 0.01
  done
  event="$(tail -n 1 "$work/events")"
  curl -sf -o /dev/null "$page"
  served="$(date +%s%N)"
  ms=$(( (event - start) / 1000000 ))
  total=$(( (served - start) / 1000000 ))
  echo "round $round: change event after ${ms} ms, page served after ${total} ms"
  times+=("$total")
  sleep 0.3
done
median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p")"
echo "median save-to-page time over $rounds rounds, $articles articles: ${median} ms"
