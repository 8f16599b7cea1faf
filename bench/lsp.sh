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
# The first article's front matter and a body of about 2,000 words made of its own paragraphs.
python3 - "$article" "$long" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
head, _, body = text.partition("\n+++\n")
head = head.replace('slug = "', 'slug = "lsp-bench-', 1)
paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
words, out = 0, []
while words < 2000:
    for p in paragraphs:
        out.append(p)
        words += len(p.split())
open(sys.argv[2], "w", encoding="utf-8").write(head + "\n+++\n\n" + "\n\n".join(out) + "\n")
PY
# A warm index: what an editor finds after any `copydesk lint` of the newsroom.
target/release/copydesk lint --quiet --root "$out" >/dev/null || true
python3 bench/lsp.py "$PWD/target/release/copydesk" "$out" "$long" --rounds "${ROUNDS:-50}"
rm -f "$long"
