#!/usr/bin/env bash
# Runs copydesk on the hostile inputs of issue 19 (items 11-17) and prints a Markdown table of
# wall time and peak RSS for each, as docs/benchmarks.md ("Hostile inputs") records it.
#
# Usage: bench/hostile.sh [--keep] [--timeout SECONDS]
#   --keep             keep the work directory (inputs and outputs) and print its path
#   --timeout SECONDS  cap on each run (default 120); a run that hits it is reported "timed out"
#
# Needs: cargo, python3, mkfifo, timeout and GNU time (/usr/bin/time; installed with apt-get
# when missing and running as root). Every input is generated here, deterministically.
# Each input must stay near-linear: under 2 s and 500 MB in a release build.
set -euo pipefail

keep=false
cap=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=true ;;
    --timeout) cap="$2"; shift ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-hostile.XXXXXX")"
if $keep; then
  echo "work directory: $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
log() { printf '==> %s\n' "$*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing GNU time"
    apt-get install -y -qq time >/dev/null
  else
    echo "GNU time (/usr/bin/time) is required: apt-get install -y time" >&2
    exit 1
  fi
fi

log "building copydesk (release)"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml" -p copydesk-cli
copydesk="$repo/target/release/copydesk"

log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
log "generating inputs in $work"
python3 - "$work" <<'PY'
import os, random, sys

work = sys.argv[1]
CONFIG = """[site]
title = "Hostile"
base_url = "https://news.example.com"

[desks.ai]
name = "AI"
"""
FRONT = """+++
title = "{title}"
slug = "{slug}"
dek = "A dek for the hostile input."
authors = ["ryan-tanaka"]
desk = "ai"
status = "published"
published = 2026-05-06T14:25:00Z
{extra}+++

"""
PROSE = "OpenAI can now sell its models through other cloud providers, the companies said.\n"


def newsroom(name, config_extra=""):
    root = os.path.join(work, name)
    os.makedirs(os.path.join(root, "authors"))
    os.makedirs(os.path.join(root, "articles"))
    with open(os.path.join(root, "copydesk.toml"), "w") as f:
        f.write(CONFIG + config_extra)
    with open(os.path.join(root, "authors", "ryan-tanaka.toml"), "w") as f:
        f.write('name = "Ryan Tanaka"\n')
    return root


def article(root, relative, slug, body, extra="", title="Hostile Input"):
    path = os.path.join(root, "articles", relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(FRONT.format(title=title, slug=slug, extra=extra) + body)


# Item 11: n articles sharing one slug, each in its own directory so the stem matches.
for n in (5000, 10000):
    root = newsroom(f"slugs-{n}")
    for i in range(n):
        article(root, f"d{i:05}/same-story.md", "same-story", PROSE, title=f"Story {i}")

# Item 12: one 850 KB line holding 50,000 findings (vague link text, MD006).
root = newsroom("long-line")
article(root, "long-line.md", "long-line", PROSE + "\n" + "[link](/x/yy/z) " * 50000 + "\n")

# Item 13: 4 MB and 10 MB files, one finding per 160-byte paragraph, in the default format.
para = ("Some plain words of prose that go on for a while to make a paragraph of "
        "ordinary length before the link, then [here](/a) ends it.\n\n")
for mb in (4, 10):
    root = newsroom(f"big-{mb}mb")
    article(root, f"big-{mb}mb.md", f"big-{mb}mb", PROSE + para * (mb * 1_000_000 // len(para)))

# Item 14: 10,000 [[sources]] (none cited) and 10,000 [[updates]] (out of order) in one article.
root = newsroom("sources")
sources = "".join(
    f'[[sources]]\nid = "s{i}"\ntitle = "Source {i}"\nurl = "https://example.com/{i}"\n'
    for i in range(10000))
article(root, "sources.md", "sources", PROSE, extra=sources)
root = newsroom("updates")
updates = "".join(
    f'[[updates]]\nat = 2026-05-{1 + (10000 - i) % 28:02}T00:00:00Z\ntext = "Update {i}."\n'
    for i in range(10000))
article(root, "updates.md", "updates", PROSE, extra=updates)

# Item 15: a 9.5 MB article whose paragraphs share word runs in a grid pattern: under each of
# ten groupings (shuffles), every paragraph shares a ten-word run with 62 others, so it meets
# hundreds of earlier paragraphs while no pair is similar enough to report.
random.seed(1)
groupings, size = 10, 63
target = 9_500_000
count = target // 800  # about 820 bytes a paragraph; the text is cut at the target
orders = []
for g in range(groupings):
    order = list(range(count))
    random.shuffle(order)
    place = [0] * count
    for position, p in enumerate(order):
        place[p] = position // size
    orders.append(place)
body, length = [], 0
for p in range(count):
    words = []
    for g in range(groupings):
        words.extend(f"g{g}r{orders[g][p]}w{k}" for k in range(10))
    paragraph = " ".join(words) + ".\n\n"
    if length + len(paragraph) > target:
        break
    body.append(paragraph)
    length += len(paragraph)
root = newsroom("grid")
article(root, "grid.md", "grid", "".join(body))

# Found while fixing the above: 50,000 `disable-next-line` comments, each above a finding of
# another rule, so every suppression is checked and none is used.
root = newsroom("suppressions")
article(root, "suppressions.md", "suppressions",
        "<!-- copydesk-disable-next-line ED006 -->\n[here](/a) text.\n\n" * 50000)

# Item 16: 100 KB of `>` exported with raw HTML allowed.
root = newsroom("quotes", '\n[export]\nallow_raw_html = true\n')
article(root, "quotes.md", "quotes", PROSE + "\n" + ">" * 100_000 + " deep\n")

# Item 17: a FIFO as the new-article template.
root = newsroom("fifo", '\n[new_article]\ntemplate = "template.md"\n')
os.mkfifo(os.path.join(root, "template.md"))
PY

# name | directory | arguments after `copydesk`
runs=(
  "5,000 articles sharing one slug, --format json|slugs-5000|lint --no-cache --format json"
  "10,000 articles sharing one slug, --format json|slugs-10000|lint --no-cache --format json"
  "850 KB line with 50,000 findings|long-line|lint --no-cache"
  "4 MB file, --format full|big-4mb|lint --no-cache --format full"
  "4 MB file, --format concise|big-4mb|lint --no-cache --format concise"
  "10 MB file, --format full|big-10mb|lint --no-cache --format full"
  "10,000 [[sources]] in one article|sources|lint --no-cache"
  "10,000 [[updates]] in one article|updates|lint --no-cache"
  "ED002 grid article (9.5 MB)|grid|lint --no-cache"
  "50,000 suppressions beside 50,000 findings|suppressions|lint --no-cache --format concise"
  "100 KB of > with allow_raw_html, export html|quotes|export --format html --out $work/quotes-out"
  "FIFO as the new-article template|fifo|new-article Hostile --author ryan-tanaka --desk ai"
)

printf '| input | command | wall | CPU (user + sys) | peak RSS | exit |\n|---|---|---:|---:|---:|---:|\n'
for run in "${runs[@]}"; do
  IFS='|' read -r label dir args <<<"$run"
  log "$label"
  stats="$work/time.txt"
  set +e
  # shellcheck disable=SC2086 # the arguments are split on purpose
  (cd "$work/$dir" && /usr/bin/time -f '%e %M %U %S' -o "$stats" \
    timeout "$cap" "$copydesk" $args >"$work/$dir.out" 2>"$work/$dir.err" </dev/null)
  status=$?
  set -e
  read -r wall rss_kb user sys <"$stats" 2>/dev/null || { wall=?; rss_kb=0; user=0; sys=0; }
  # GNU time prints "Command exited with non-zero status N" first when the command fails.
  if [[ $wall == Command ]]; then read -r wall rss_kb user sys < <(tail -n1 "$stats"); fi
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  shown_args="${args//$work/DIR}"
  if [[ $status -eq 124 ]]; then
    printf '| %s | `copydesk %s` | timed out (%s s) | %s s | %d MB | - |\n' "$label" "$shown_args" "$cap" "$cpu" $((rss_kb / 1024))
  else
    printf '| %s | `copydesk %s` | %s s | %s s | %d MB | %s |\n' "$label" "$shown_args" "$wall" "$cpu" $((rss_kb / 1024)) "$status"
  fi
done
