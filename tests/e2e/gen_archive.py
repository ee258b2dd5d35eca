#!/usr/bin/env python3
"""Writes a synthetic archive for the reindexing tests: DIR/issue-III/art-NNNNN.txt,
plain-text articles (title line, body) made of words of corpus/, each with the
unique word zqNx (N its number) in title and body, so that a test can ask for
every article by name.  Deterministic for a given seed.

usage: gen_archive.py DIR COUNT [--per-issue K] [--first N] [--seed S]"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from corpus_words import corpus_words  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("count", type=int)
ap.add_argument("--per-issue", type=int, default=30)
ap.add_argument("--first", type=int, default=0)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--corpus", default="corpus")
a = ap.parse_args()

words = corpus_words(a.corpus)
rng = random.Random(a.seed)
for n in range(a.first, a.first + a.count):
    issue = os.path.join(a.dir, "issue-%03d" % (n // a.per_issue))
    os.makedirs(issue, exist_ok=True)
    body = " ".join(rng.choice(words) for _ in range(rng.randint(150, 450)))
    with open(os.path.join(issue, "art-%05d.txt" % n), "w", encoding="utf-8") as fh:
        fh.write("Макала zq%dx %s\n\n%s zq%dx.\n" % (n, rng.choice(words), body, n))
