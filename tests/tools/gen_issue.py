#!/usr/bin/env python3
"""Writes one large issue XML (schema/izde-issue.rng) of about MB megabytes:
articles of 40 paragraphs, each paragraph words of corpus/ (deterministic),
article N with the unique word zqN in its title.  For the memory bench and
the hostile-input test.

usage: gen_issue.py OUT MB [--corpus corpus] [--truncate]
  --truncate: stop in the middle of the last article (a file cut short)"""
import argparse
import os
import random
from xml.sax.saxutils import escape

from corpus_words import corpus_words

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("mb", type=float)
ap.add_argument("--corpus", default="corpus")
ap.add_argument("--truncate", action="store_true")
a = ap.parse_args()

words = corpus_words(a.corpus)
rng = random.Random(1)
limit = int(a.mb * 1024 * 1024)
with open(a.out, "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<issue number="2" serial="148" date="2024-02-13" lang="ky">\n')
    n = size = 0
    while size < limit:
        n += 1
        paras = "".join("    <p>%s.</p>\n" % escape(" ".join(rng.choices(words, k=60)))
                        for _ in range(40))
        art = ('  <article id="a%d" pages="%d-%d">\n    <title>zq%d %s</title>\n'
               '    <author>Автор %d</author>\n    <rubric>Рубрика %d</rubric>\n%s  </article>\n'
               % (n, n, n + 1, n, escape(" ".join(rng.choices(words, k=6))), n % 50, n % 12, paras))
        size += len(art.encode("utf-8"))
        if a.truncate and size >= limit:
            art = art[:len(art) // 2]
        out.write(art)
    if not a.truncate:
        out.write("</issue>\n")
