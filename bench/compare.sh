#!/usr/bin/env bash
# Measures copydesk against peer tools on one generated corpus and writes docs/benchmarks.md.
#
# Usage: bench/compare.sh [--scale] [--articles N] [--keep]
#   --scale        also lint generated newsrooms of 10,000 and 100,000 articles (about 1 GB of disk)
#                  and check that a 10,000-article newsroom with planted faults (fault rate 0.2)
#                  lints to exactly those faults (`copydesk-bench verify`)
#   --articles N   size of the comparison corpus (default 2000)
#   --keep         keep the work directory (corpus, peers, outputs) and print its path
#
# Needs: cargo, node/npm, python3 with pip, /usr/bin/time (GNU time). Installs the peers into a
# temporary prefix (npm: markdownlint-cli2, remark-cli + remark-preset-lint-recommended,
# textlint + textlint-rule-max-comma; PyPI: typos) and hugo with apt-get when it is missing.
set -euo pipefail

scale=false
keep=false
articles=2000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --scale) scale=true ;;
    --keep) keep=true ;;
    --articles) articles="$2"; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_work bench "$keep"
require_gnu_time
build_release

corpus="$work/corpus"
log "generating $articles articles (seed 1)"
"$bench" generate --articles "$articles" --seed 1 --out "$corpus" >&2
corpus_bytes=$(find "$corpus/articles" -name '*.md' -exec cat {} + | wc -c)
corpus_words=$(find "$corpus/articles" -name '*.md' -exec cat {} + | wc -w)

log "installing peers"
peers="$work/peers"
mkdir -p "$peers"
npm install --prefix "$peers" --no-audit --no-fund --silent \
  markdownlint-cli2 remark-cli remark-preset-lint-recommended textlint textlint-rule-max-comma >&2
# remark and textlint resolve plugins from the working directory.
ln -s "$peers/node_modules" "$corpus/node_modules"
bin="$peers/node_modules/.bin"
typos=""
if python3 -m pip install --quiet --target "$work/py" typos >&2 2>/dev/null; then
  typos="$work/py/bin/typos"
else
  log "typos could not be installed from PyPI; skipping it"
fi
if ! command -v hugo >/dev/null; then
  apt-get install -y hugo >&2 || log "hugo could not be installed; skipping it"
fi

# A minimal Hugo site whose content is the corpus exported by copydesk.
site="$work/hugo-site"
if command -v hugo >/dev/null; then
  "$copydesk" export --root "$corpus" --format hugo --out "$work/hugo-export" >&2
  mkdir -p "$site/layouts/_default"
  ln -s "$work/hugo-export/content" "$site/content"
  printf 'baseURL = "https://bench.example.com/"\ntitle = "Benchmark Desk"\n' >"$site/config.toml"
  printf '<h1>{{ .Title }}</h1><p>{{ .Params.dek }}</p>{{ .Content }}\n' >"$site/layouts/_default/single.html"
  printf '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n' >"$site/layouts/_default/list.html"
fi

# measure NAME RUNS CMD...: runs CMD in the corpus RUNS times (output discarded, exit status
# ignored: linters exit non-zero on findings) and records the fastest wall time and the largest
# peak RSS. GNU time reports both per run.
declare -A wall rss
order=()
measure() {
  local name="$1" runs="$2"
  shift 2
  local best="" peak=0 i out="$work/time.txt"
  log "timing $name ($runs run(s))"
  for ((i = 0; i < runs; i++)); do
    (cd "$corpus" && /usr/bin/time -v -o "$out" "$@" >/dev/null 2>&1) || true
    local elapsed kb seconds
    elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out")
    seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<<"$elapsed")
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best="$seconds"
    fi
    if ((kb > peak)); then peak="$kb"; fi
  done
  wall[$name]="$best"
  rss[$name]="$peak"
  order+=("$name")
}

# Warm the page cache so every tool reads from memory.
find "$corpus/articles" -name '*.md' -exec cat {} + >/dev/null

measure "copydesk lint" 5 "$copydesk" lint --quiet
measure "parse-only floor (copydesk-bench parse-only)" 5 "$bench" parse-only .
# House style and spelling in this run: copies of the corpus with a 500-term style included
# (see `style_newsroom` in common.sh), linted with en_US spelling and every rule, against the
# same lint with ST and SP ignored. Without the lint index, so every article is linted each
# time. `bench/style.sh` times the same commands alternately, many times, for the ratio.
style_corpus="$work/corpus-style"
style_newsroom "$corpus" "$style_corpus" synthetic
measure "copydesk lint --no-cache, ST and SP ignored" 5 \
  "$copydesk" lint --quiet --no-cache --ignore ST --ignore SP --root "$style_corpus"
measure "copydesk lint --no-cache, 500-term style + en_US spelling" 5 \
  "$copydesk" lint --quiet --no-cache --root "$style_corpus"
style_newsroom "$corpus" "$style_corpus" corpus-words
measure "copydesk lint --no-cache, 500 terms on the corpus's words + en_US" 5 \
  "$copydesk" lint --quiet --no-cache --root "$style_corpus"
measure "copydesk export --format html --format json" 3 \
  "$copydesk" export --format html --format json --out "$work/export-out"
if [[ -n "$typos" ]]; then
  measure "typos (spelling only)" 3 "$typos" articles
fi
if command -v hugo >/dev/null; then
  measure "hugo --renderToMemory" 3 hugo --source "$site" --renderToMemory --quiet
fi
measure "markdownlint-cli2" 1 "$bin/markdownlint-cli2" 'articles/**/*.md'
measure "remark-lint (preset recommended)" 1 \
  "$bin/remark" articles --use remark-preset-lint-recommended --quiet --no-stdout
measure "textlint (max-comma)" 1 "$bin/textlint" --rule max-comma 'articles/**/*.md'
# Incremental CI run: the corpus committed to git, the index warm (every `copydesk lint` above
# wrote it), then one article edited.
if command -v git >/dev/null; then
  git -C "$corpus" init --quiet
  git -C "$corpus" add --all
  git -C "$corpus" -c user.name=bench -c user.email=bench@example.com commit --quiet -m corpus
  edited=$(find "$corpus/articles" -name '*.md' | sort | awk 'NR == 1')
  printf '\nOne more paragraph, added after the corpus was committed, to change this article.\n' >>"$edited"
  measure "copydesk lint --changed-since HEAD (1 article edited, warm index)" 5 \
    "$copydesk" lint --quiet --changed-since HEAD
fi
measure "copydesk --version" 5 "$copydesk" --version
measure "copydesk new-article --dry-run" 5 \
  "$copydesk" new-article "Chips ship early" --author author-0000 --desk ai --dry-run

scale_rows=""
if $scale; then
  for n in 10000 100000; do
    log "generating $n articles for the scale run"
    "$bench" generate --articles "$n" --seed 1 --out "$work/scale-$n" >&2
    (cd "$work/scale-$n" && /usr/bin/time -v -o "$work/time.txt" "$copydesk" lint --quiet >/dev/null 2>&1) || true
    elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }' <<<"$elapsed")
    bytes=$(du -sb "$work/scale-$n/articles" | cut -f1)
    scale_rows+="| $n | $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB | ${seconds} s | $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }') MB |"$'\n'
    rm -rf "$work/scale-$n"
  done
fi

verify_line=""
verify_failed=false
if $scale; then
  log "checking that 10,000 articles with planted faults lint to exactly those faults"
  "$bench" generate --articles 10000 --seed 1 --fault-rate 0.2 --out "$work/verify" >&2
  if ! "$bench" verify "$work/verify" >"$work/verify.txt"; then
    verify_failed=true
    cat "$work/verify.txt" >&2
  fi
  verify_line=$(head -n 1 "$work/verify.txt")
  rm -rf "$work/verify"
fi

base="${wall[copydesk lint]}"
table="| command | wall | peak RSS | wall ÷ copydesk lint |"$'\n'"|---|---:|---:|---:|"$'\n'
for name in "${order[@]}"; do
  table+="| $name | ${wall[$name]} s | $(awk -v k="${rss[$name]}" 'BEGIN { printf "%.0f", k / 1024 }') MB | $(awk -v a="${wall[$name]}" -v b="$base" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }') |"$'\n'
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
results="Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $mem of memory, $(uname -sr).
Tool versions: copydesk $("$copydesk" --version | awk '{ print $NF }'), hugo $(hugo version 2>/dev/null | awk '{ print $2 }' || echo absent),
markdownlint-cli2 $(node -p "require('$peers/node_modules/markdownlint-cli2/package.json').version"),
remark-cli $(node -p "require('$peers/node_modules/remark-cli/package.json').version"),
textlint $(node -p "require('$peers/node_modules/textlint/package.json').version"),
typos $([[ -n "$typos" ]] && "$typos" --version | awk '{ print $NF }' || echo absent), node $(node --version).

Corpus: \`copydesk-bench generate --articles $articles --seed 1\`: $articles articles,
$(awk -v b="$corpus_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB, $corpus_words words (as \`wc -w\` counts them), front matter included.
Page cache warm; fastest of several runs for the fast commands, one run for the Node.js linters.

$table"
if [[ -n "$scale_rows" ]]; then
  results+="
Scale run (\`copydesk lint\`, one run each):

| articles | corpus | wall | peak RSS |
|---|---:|---:|---:|
$scale_rows"
fi

if [[ -n "$verify_line" ]]; then
  results+="
Planted-fault check (\`copydesk-bench generate --articles 10000 --seed 1 --fault-rate 0.2\`,
then \`copydesk-bench verify\`): \`$verify_line\`
"
fi

printf '%s\n' "$results"

# Replace only the measured block of docs/benchmarks.md, keeping the commentary around it.
doc="$repo/docs/benchmarks.md"
start='<!-- results:start -->'
end='<!-- results:end -->'
if [[ ! -f "$doc" ]] || ! grep -q "$start" "$doc"; then
  printf '# Benchmarks\n\nRun `bench/compare.sh` to reproduce.\n\n%s\n%s\n' "$start" "$end" >"$doc"
fi
printf '%s\n' "$results" >"$work/results.md"
awk -v start="$start" -v end="$end" -v file="$work/results.md" '
  $0 == start { print; while ((getline line < file) > 0) print line; skip = 1; next }
  $0 == end { skip = 0 }
  !skip { print }
' "$doc" >"$work/doc.md"
mv "$work/doc.md" "$doc"
log "wrote $doc"
if $verify_failed; then
  log "the planted-fault check found differences (listed above)"
  exit 1
fi
