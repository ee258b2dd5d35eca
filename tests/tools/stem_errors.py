#!/usr/bin/env python3
"""Where a stemmer's pair errors come from, grouped by stem (false merges)
and by lemma (missed merges), largest pair count first.

    tests/tools/stem_errors.py GOLD STEMS [--upos NOUN,PROPN,ADJ] [--top N]

GOLD is ../shared/eval/ky-lemmas.tsv, STEMS a form<TAB>stem file (as
tests/stem-eval.sh makes it).  Pairs are counted as score_stemmer.py counts
them (types; a form with several lemmas shares a lemma with each), so the
numbers add up to its precision and recall.
"""
import argparse
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("stems")
    ap.add_argument("--upos")
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args()
    upos = set(a.upos.split(",")) if a.upos else None

    lemmas = defaultdict(set)
    with open(a.gold, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 3 and (not upos or c[2] in upos):
                lemmas[c[0]].add(c[1])
    stem = {}
    with open(a.stems, encoding="utf-8") as fh:
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 2:
                stem[c[0]] = c[1]
    stem_of = {f: stem.get(f, f) for f in lemmas}

    by_stem = defaultdict(list)
    by_lemma = defaultdict(list)
    for f in sorted(lemmas):
        by_stem[stem_of[f]].append(f)
        for l in lemmas[f]:
            by_lemma[l].append(f)

    false = []
    for s, fs in by_stem.items():
        n = sum(1 for i, x in enumerate(fs) for y in fs[i + 1:]
                if not lemmas[x] & lemmas[y])
        if n:
            groups = defaultdict(list)
            for f in fs:
                groups["/".join(sorted(lemmas[f]))].append(f)
            false.append((n, s, groups))
    false.sort(key=lambda x: -x[0])
    print(f"# false merges: {sum(x[0] for x in false)} pairs in "
          f"{len(false)} stems")
    for n, s, groups in false[:a.top]:
        print(f"{n:5d}  {s}: " + "  ".join(
            f"[{l}] {' '.join(fs)}" for l, fs in sorted(groups.items())))

    missed = []
    for l, fs in by_lemma.items():
        n = sum(1 for i, x in enumerate(fs) for y in fs[i + 1:]
                if stem_of[x] != stem_of[y])
        if n:
            groups = defaultdict(list)
            for f in fs:
                groups[stem_of[f]].append(f)
            missed.append((n, l, groups))
    missed.sort(key=lambda x: -x[0])
    print(f"\n# missed merges: {sum(x[0] for x in missed)} pairs in "
          f"{len(missed)} lemmas")
    for n, l, groups in missed[:a.top]:
        print(f"{n:5d}  {l}: " + "  ".join(
            f"{s}<{' '.join(fs)}>" for s, fs in sorted(groups.items())))


if __name__ == "__main__":
    main()
