#!/usr/bin/env bash
# The archive-scale check of baselines: a generated 100,000-article newsroom with planted
# faults, its baseline written, then linted with and without the baseline.
#
# Usage: bench/baseline-scale.sh [--articles N] [--runs N] [--keep]
#   --articles N   newsroom size (default 100000; about 750 MB of disk)
#   --runs N       timed lints of each kind; the median is reported (default 3)
#   --keep         keep the work directory and print its path
#
# Checks that the lint with the baseline reports nothing (exit 0), and that after one article
# gains a vague link it reports exactly that one finding; prints wall time and peak RSS
# (GNU time) of full lints (--no-index) with and without the baseline, and their ratios.
# Needs: cargo, GNU time (/usr/bin/time). Builds release binaries.
set -euo pipefail

articles=100000
runs=3
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --keep) keep=true ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_work baseline "$keep"
require_gnu_time
build_release

news="$work/newsroom"
log "generating $articles articles with planted faults (seed 1, fault rate 0.2)"
"$bench" generate --articles "$articles" --seed 1 --fault-rate 0.2 --out "$news" >&2
now="2026-06-01T00:00:00Z"
lint() { "$copydesk" lint --root "$news" --now "$now" --no-index --format concise --quiet "$@"; }

log "writing the baseline"
lint --write-baseline "$work/baseline.json"
entries=$(grep -c '"fingerprint"' "$work/baseline.json")
log "$entries entries, $(wc -c < "$work/baseline.json") bytes"

# One timed lint: prints "seconds kilobytes exit-code findings".
measure() {
  local out="$work/out.txt" timing="$work/time.txt" code=0
  /usr/bin/time -v -o "$timing" "$copydesk" lint --root "$news" --now "$now" --no-index \
    --format concise --quiet "$@" > "$out" || code=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
  echo "$wall $rss $code $(wc -l < "$out")"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -a plain_wall plain_rss base_wall base_rss
for ((i = 1; i <= runs; i++)); do
  log "run $i of $runs: without the baseline"
  read -r wall rss code found < <(measure)
  [[ $code == 1 && $found -ge $entries ]] || { echo "expected $entries findings and exit 1, got $found, exit $code" >&2; exit 1; }
  plain_wall+=("$wall"); plain_rss+=("$rss")
  log "run $i of $runs: with the baseline"
  read -r wall rss code found < <(measure --baseline "$work/baseline.json")
  [[ $code == 0 && $found == 0 ]] || { echo "the baseline left $found findings (exit $code)" >&2; exit 1; }
  base_wall+=("$wall"); base_rss+=("$rss")
done

log "adding a vague link to one article"
target=$(find "$news/articles" -name '*.md' | sort | awk 'NR == 1')
printf '\nThe filing is [here](https://example.com/filing-for-the-check).\n' >> "$target"
read -r _ _ code found < <(measure --baseline "$work/baseline.json" --fail-on warning)
reported=$(cat "$work/out.txt")
[[ $code == 1 && $found == 1 && $reported == *MD006* ]] || {
  echo "expected only the new MD006, got (exit $code):" >&2; cat "$work/out.txt" >&2; exit 1; }
log "reported: $reported"

pw=$(printf '%s\n' "${plain_wall[@]}" | median); bw=$(printf '%s\n' "${base_wall[@]}" | median)
pr=$(printf '%s\n' "${plain_rss[@]}" | median); br=$(printf '%s\n' "${base_rss[@]}" | median)
cat <<TABLE
| $articles articles, $entries baseline entries | wall time (median of $runs) | peak RSS (median) |
|---|---|---|
| lint | ${pw} s | $((pr / 1024)) MB |
| lint --baseline | ${bw} s | $((br / 1024)) MB |
| ratio | $(awk -v a="$bw" -v b="$pw" 'BEGIN {printf "%.3f", a / b}') | $(awk -v a="$br" -v b="$pr" 'BEGIN {printf "%.3f", a / b}') |
TABLE
