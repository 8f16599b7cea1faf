"""Writes a 2,000-word article next to a generated one, for the editor and preview benchmarks.

Usage: python3 bench/long_article.py SOURCE DEST

DEST gets SOURCE's front matter (with the slug prefixed `long-`, so it is an article of its
own) and a body of about 2,000 words made of SOURCE's own paragraphs, repeated.
"""

import sys

source, dest = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read()
head, _, body = text.partition("\n+++\n")
head = head.replace('slug = "', 'slug = "long-', 1)
paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
words, out = 0, []
while words < 2000:
    for paragraph in paragraphs:
        out.append(paragraph)
        words += len(paragraph.split())
open(dest, "w", encoding="utf-8").write(head + "\n+++\n\n" + "\n\n".join(out) + "\n")
