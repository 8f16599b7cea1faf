#!/usr/bin/env bash
# What house style and spelling cost `copydesk lint`: the 2,000-article corpus linted without
# the index with ST and SP ignored, and with a 500-term style (each kind of `style_newsroom` in
# common.sh) and en_US spelling, timed alternately for ROUNDS rounds (default 21). Figures go
# in docs/benchmarks.md ("House style and spelling").
#
# Usage: bench/style.sh [--articles N] [--rounds N] [--keep]
set -euo pipefail

articles=2000
rounds=21
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --keep) keep=true ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_work style "$keep"
build_release

log "generating $articles articles (seed 1)"
"$bench" generate --articles "$articles" --seed 1 --out "$work/corpus" >&2
style_newsroom "$work/corpus" "$work/synthetic" synthetic
style_newsroom "$work/corpus" "$work/corpus-words" corpus-words
find "$work/corpus/articles" -name '*.md' -exec cat {} + >/dev/null

lint="$copydesk lint --quiet --no-cache --root"
log "timing $rounds alternating rounds"
python3 "$repo/bench/alternate.py" "$rounds" \
  "ST and SP ignored" "$lint $work/synthetic --ignore ST --ignore SP" \
  "500 terms (synthetic) + en_US" "$lint $work/synthetic" \
  "500 terms on the corpus's words + en_US" "$lint $work/corpus-words" \
  "en_US only (ST ignored)" "$lint $work/synthetic --ignore ST"
