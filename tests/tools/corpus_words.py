"""The words of the sample archive (corpus/), for the generated test
archives and issues: every word of its .txt files in file order, numbers
left out."""
import os
import re


def corpus_words(corpus):
    words = []
    for root, _, files in sorted(os.walk(corpus)):
        for f in sorted(files):
            if f.endswith(".txt"):
                with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                    words += re.findall(r"\w+", fh.read())
    return [w for w in words if not w.isdigit()] or ["сөз"]
