# Shared by the bench scripts: `source "$(dirname "${BASH_SOURCE[0]}")/common.sh"`.
#
# bench_work NAME KEEP   sets `repo` (the workspace) and `work` (a fresh directory named
#                        copydesk-NAME.XXXXXX), removed on exit unless KEEP is `true`
# log MESSAGE            prints `==> MESSAGE` on stderr
# require_gnu_time       exits 1 unless GNU time is at /usr/bin/time
# build_release          builds copydesk and copydesk-bench (release) and sets `copydesk`
#                        and `bench` to their paths
# style_newsroom CORPUS OUT KIND
#                        copies the newsroom CORPUS to OUT with a 500-term house style
#                        included, of KIND `synthetic` (each term a proper noun and two forms
#                        to avoid that the corpus never uses) or `corpus-words` (each term
#                        anchored on one of the corpus's own words, most used first, so nearly
#                        every block holds some term's anchor and is compared), plus one
#                        `per cent` pattern; without the lint index

log() { printf '==> %s\n' "$*" >&2; }

bench_work() {
  repo="$(cd "$(dirname "${BASH_SOURCE[1]}")/.." && pwd)"
  work="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-$1.XXXXXX")"
  if [[ "$2" == true ]]; then
    echo "work directory: $work" >&2
  else
    trap 'rm -rf "$work"' EXIT
  fi
}

require_gnu_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "GNU time (/usr/bin/time) is required: apt-get install -y time" >&2
    exit 1
  fi
}

build_release() {
  log "building copydesk and copydesk-bench (release)"
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml" -p copydesk-cli -p copydesk-bench
  copydesk="$repo/target/release/copydesk"
  bench="$repo/target/release/copydesk-bench"
}

style_newsroom() {
  local corpus="$1" out="$2" kind="$3"
  rm -rf "$out"
  cp -r "$corpus" "$out"
  rm -rf "$out/.copydesk-cache"
  mkdir -p "$out/styles"
  case "$kind" in
    synthetic)
      for ((i = 0; i < 500; i++)); do
        printf '[[style.terms]]\nuse = "Brandname%d"\navoid = ["avoidform%d", "avoided form %d"]\n' "$i" "$i" "$i"
      done >"$out/styles/bench.toml"
      ;;
    corpus-words)
      # "<word> x<i>": the word, of five letters or more, is the form's longest run (its anchor).
      find "$corpus/articles" -name '*.md' -exec cat {} + | tr -cs 'A-Za-z' '\n' | tr 'A-Z' 'a-z' |
        awk 'length($0) >= 5' | sort | uniq -c | sort -rn |
        awk '{ words[n++] = $2 } END {
          for (i = 0; i < 500; i++) {
            printf "[[style.terms]]\nuse = \"Brandname%d\"\navoid = [\"avoidform%d\", \"%s x%d\"]\n", i, i, words[i % n], i
          }
        }' >"$out/styles/bench.toml"
      ;;
    *) echo "style_newsroom: unknown kind $kind" >&2; return 2 ;;
  esac
  printf "[[style.patterns]]\nregex = '\\\\b(\\\\d+) per cent\\\\b'\nreplace = '\$1%%'\n" >>"$out/styles/bench.toml"
  printf '\n[style]\ninclude = ["styles/bench.toml"]\n' >>"$out/copydesk.toml"
}
