#!/usr/bin/env bash
# Checks that two copydesk builds lint identically: same stdout, stderr and exit status, byte
# for byte, and the same files after `--fix`.
#
# Usage: bench/same-output.sh OLD_BIN NEW_BIN
#   OLD_BIN, NEW_BIN   two `copydesk` binaries (for example a release build of the last
#                      commit and target/release/copydesk)
# Environment:
#   OLD_BENCH, NEW_BENCH   the `copydesk-bench` binaries (default: the one beside each copydesk)
#   KEEP=1                 keep the work directory and print its path
#   ARTICLES=N             size of the generated corpus (default 2000)
#
# Corpora, each copied into a fresh git repository (two commits: the corpus, then one edited
# article, so `--changed-since HEAD~1` has something to report): examples/newsroom,
# tests/corpus/as-published (and tests/corpus/wire when it holds a `copydesk.toml`), and a
# corpus written by `NEW_BENCH generate --articles 2000 --seed 1 --fault-rate 0.3`.
# For each corpus and binary, in a fresh copy at the same path: `lint` in every `--format`,
# `--diff`, `--fix` (then the trees are compared), `--changed-since HEAD~1` (cold, then with a
# warm index), explicit paths (a directory and a file), `--no-cache`, a second (warm) run,
# `--verbose`, and `copydesk list`; plus `copydesk-bench verify` on the generated corpus.
# Every run uses a fixed `--now`. Paths are normalised to `<ROOT>` and the elapsed time in the
# summary line to `<TIME>`. Exits 1 with a diff on any difference, 0 when all match.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  sed -n '2,22p' "$0" >&2
  exit 2
fi
old_bin="$(realpath "$1")"
new_bin="$(realpath "$2")"
old_bench="${OLD_BENCH:-$(dirname "$old_bin")/copydesk-bench}"
new_bench="${NEW_BENCH:-$(dirname "$new_bin")/copydesk-bench}"
articles="${ARTICLES:-2000}"
for bin in "$old_bin" "$new_bin" "$old_bench" "$new_bench"; do
  [[ -x "$bin" ]] || { echo "not an executable: $bin" >&2; exit 2; }
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-same.XXXXXX")"
if [[ "${KEEP:-}" == 1 ]]; then
  echo "work directory: $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
log() { printf '==> %s\n' "$*" >&2; }
now="2026-06-01T00:00:00Z"
git_() { git -c user.name=same -c user.email=same@example.com -c commit.gpgsign=false "$@"; }

# template NAME SOURCE_DIR: a git repository holding a copy of SOURCE_DIR, with a second
# commit that appends a paragraph to the first article.
template() {
  local name="$1" source="$2" dir="$work/templates/$1"
  mkdir -p "$dir"
  cp -a "$source/." "$dir/"
  rm -rf "$dir/.copydesk-cache" "$dir/.git"
  git_ -C "$dir" init --quiet
  git_ -C "$dir" add --all
  git_ -C "$dir" commit --quiet -m corpus
  local edited
  edited=$(cd "$dir" && find articles -name '*.md' | LC_ALL=C sort | awk 'NR == 1')
  printf '\nA paragraph added in a later commit, so that this article changed: “it ships” and "it works", she said.\n' >>"$dir/$edited"
  git_ -C "$dir" commit --quiet -am edit
}

# The outputs of one binary go to $work/out/LABEL/CORPUS/CASE.{out,err,code}.
# case_ LABEL CORPUS CASE CMD...: runs CMD in the copy (cwd = its root) and records it.
run_root="$work/run"
case_() {
  local label="$1" corpus="$2" name="$3"
  shift 3
  local out="$work/out/$label/$corpus"
  mkdir -p "$out"
  local code=0
  (cd "$run_root" && "$@" >"$out/$name.out" 2>"$out/$name.err") || code=$?
  echo "$code" >"$out/$name.code"
  # Same path for both binaries, but normalised anyway so the report reads well.
  sed -i -e "s#$run_root#<ROOT>#g" \
    -e 's/ in [0-9.]*\(ns\|µs\|ms\|s\)\([:)]\)/ in <TIME>\2/g' \
    "$out/$name.out" "$out/$name.err"
}

# fresh CORPUS: a clean copy of the template at $run_root.
fresh() {
  rm -rf "$run_root"
  cp -a "$work/templates/$1" "$run_root"
}

# suite LABEL BIN BENCH CORPUS
suite() {
  local label="$1" bin="$2" bench="$3" corpus="$4"
  log "$label: $corpus"
  fresh "$corpus"
  local f
  for f in full concise json github sarif; do
    case_ "$label" "$corpus" "format-$f" "$bin" lint --now "$now" --no-cache --format "$f"
  done
  case_ "$label" "$corpus" "fail-on-info" "$bin" lint --now "$now" --no-cache --fail-on info --format concise
  case_ "$label" "$corpus" "diff" "$bin" lint --now "$now" --no-cache --diff
  # Explicit paths: the directory of the first article and the first article itself.
  local first
  first=$(cd "$run_root" && find articles -name '*.md' | LC_ALL=C sort | awk 'NR == 1')
  case_ "$label" "$corpus" "paths-dir" "$bin" lint --now "$now" "$(dirname "$first")"
  case_ "$label" "$corpus" "paths-file" "$bin" lint --now "$now" --format json "$first"
  case_ "$label" "$corpus" "changed-since-cold" "$bin" lint --now "$now" --verbose --changed-since HEAD~1
  case_ "$label" "$corpus" "changed-since-warm" "$bin" lint --now "$now" --verbose --changed-since HEAD~1
  case_ "$label" "$corpus" "changed-since-concise" "$bin" lint --now "$now" --changed-since HEAD~1 --format concise
  case_ "$label" "$corpus" "changed-since-no-cache" "$bin" lint --now "$now" --no-cache --changed-since HEAD~1
  fresh "$corpus"
  case_ "$label" "$corpus" "first-run" "$bin" lint --now "$now" --verbose
  case_ "$label" "$corpus" "warm-run" "$bin" lint --now "$now" --verbose
  case_ "$label" "$corpus" "list" "$bin" list --now "$now" --format csv
  case_ "$label" "$corpus" "list-no-cache" "$bin" list --now "$now" --no-cache
  fresh "$corpus"
  case_ "$label" "$corpus" "list-cold" "$bin" list --now "$now" --verbose
  fresh "$corpus"
  case_ "$label" "$corpus" "fix" "$bin" lint --now "$now" --fix
  case_ "$label" "$corpus" "after-fix" "$bin" lint --now "$now" --no-cache --format concise
  rm -rf "$run_root/.copydesk-cache"
  mkdir -p "$work/fixed/$label"
  mv "$run_root" "$work/fixed/$label/$corpus"
  if [[ "$corpus" == generated ]]; then
    fresh "$corpus"
    case_ "$label" "$corpus" "bench-verify" "$bench" verify .
  fi
  rm -rf "$run_root"
}

log "preparing corpora"
template newsroom "$repo/examples/newsroom"
template as-published "$repo/tests/corpus/as-published"
corpora=(newsroom as-published)
if [[ -f "$repo/tests/corpus/wire/copydesk.toml" ]]; then
  template wire "$repo/tests/corpus/wire"
  corpora+=(wire)
fi
"$new_bench" generate --articles "$articles" --seed 1 --fault-rate 0.3 --out "$work/generated" >/dev/null
template generated "$work/generated"
corpora+=(generated)

for corpus in "${corpora[@]}"; do
  suite old "$old_bin" "$old_bench" "$corpus"
  suite new "$new_bin" "$new_bench" "$corpus"
done

status=0
if ! diff -r -u "$work/out/old" "$work/out/new"; then
  status=1
fi
if ! diff -r -u --exclude=.git "$work/fixed/old" "$work/fixed/new"; then
  status=1
fi
runs=$(find "$work/out/old" -name '*.code' | wc -l)
if ((status == 0)); then
  log "same output: $runs runs over ${#corpora[@]} corpora (${corpora[*]}) match byte for byte"
else
  log "the outputs differ (diff above)"
fi
exit "$status"
