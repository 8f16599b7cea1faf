# Shared by the bench scripts: `source "$(dirname "${BASH_SOURCE[0]}")/common.sh"`.
#
# bench_work NAME KEEP   sets `repo` (the workspace) and `work` (a fresh directory named
#                        copydesk-NAME.XXXXXX), removed on exit unless KEEP is `true`
# log MESSAGE            prints `==> MESSAGE` on stderr
# require_gnu_time       exits 1 unless GNU time is at /usr/bin/time
# build_release          builds copydesk and copydesk-bench (release) and sets `copydesk`
#                        and `bench` to their paths

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
