#!/usr/bin/env python3
"""The corpora of `make bench` (Python 3 standard library only).

    bench_corpus.py real SHARED OUTDIR
        Every article of SHARED/kyrgyz-text (the sets of known_item.SETS) as
        OUTDIR/<set>/<id>.txt in the site's text-export layout (corpus/seed/):
        masthead, title, "YYYY-MM-DD / Rubric", title again, body, the
        "Окшош материалы:" block.  The texts are the real ones; the dates,
        rubrics (24kg: its first topic label) and issue lines are invented.

    bench_corpus.py resampled SHARED OUTDIR [--n N] [--first K] [--seed S] [--issue I]
        Articles K .. K+N-1 of the resampled corpus: paragraphs of the real
        texts recombined at random (fixed seed), 30 articles an issue,
        OUTDIR/<issue>/<article>.txt in the text-export layout.  Article i
        depends only on (seed, i), so --first 20000 --n 30 --issue 1000
        is a new issue.  RESAMPLED TEXT, FOR THROUGHPUT ONLY: it is not Kyrgyz prose
        anyone wrote and must never be read as new text.

bench/work/ (git-ignored) is where `make bench` puts them: 24kg-topics and
kyrgyz-news-summarization have no licence and must not be committed.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from known_item import SETS  # noqa: E402  (the same articles as bench-quality)

PER_ISSUE = 30
MASTHEAD = ("Муниципалитет Илимий-популярдуу журнал\n\n{issue}\n\n"
            "ISBN 1694-7053\n"
            "Массалык маалымат каражаттарын\n"
            "каттоо жөнүндө күбөлүктүн каттоо номери 1785.\n\n"
            "dpi\n\n"
            "Муниципалитет - бул аймактын, ал жерде жашаган калктын жана "
            "жергиликтүү өз алдынча башкаруу органынын үчилтиги\n\n")
RUBRICS = ["Көңүл чордонунда", "Жаңылыктар", "Финансы", "Укук", "Маек",
           "Эл аралык тажрыйба", "Жергиликтүү бюджет", "Билим берүү"]
MONTHS = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль",
          "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"]


def articles(shared):
    """(set, id, title, body, labels) of every non-empty real article."""
    for name, files in SETS.items():
        for fn in files:
            with open(os.path.join(shared, "kyrgyz-text/raw", name, fn), encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    title, body = d["title"], d["text"].strip()
                    if not body:
                        continue
                    if title is None:  # 24kg: the lede line serves as title
                        title, _, body = body.partition("\n")
                    yield name, d["id"], title.strip(), body.strip(), d.get("labels") or []


def page(rng, serial, title, body, rubric, related):
    """One article as the site's text export."""
    year = rng.randint(2012, 2024)
    date = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
    issue = "%d (%d) %d %s %d" % (serial % 12 + 1, serial, rng.randint(1, 28),
                                  MONTHS[rng.randrange(12)], 2024)
    links = "".join(t + "\n" for t in related)
    return (MASTHEAD.format(issue=issue) + title + "\n\n" + date + " / " + rubric + "\n"
            + title + "\n\n" + body + "\n\nОкшош материалы:\n" + links)


def write(path, text):
    with open(path, "x", encoding="utf-8", newline="\n") as g:
        g.write(text)
    return len(text.encode())


def real(shared, out):
    rng = random.Random(8)
    arts = list(articles(shared))
    titles = [a[2] for a in arts]
    n = size = 0
    for name, id_, title, body, labels in arts:
        os.makedirs(os.path.join(out, name), exist_ok=True)
        rubric = labels[0] if labels else rng.choice(RUBRICS)
        related = [titles[rng.randrange(len(titles))] for _ in range(3)]
        size += write(os.path.join(out, name, id_ + ".txt"),
                      page(rng, 100 + n // PER_ISSUE, title, body, rubric, related))
        n += 1
    print("bench_corpus.py: %d real articles (%.1f MB) under %s" % (n, size / 1e6, out))


def resampled(shared, out, n, first, seed, issue=None):
    paras = []
    for _, _, title, body, _ in articles(shared):
        paras.extend(p.strip() for p in body.split("\n") if len(p.strip()) >= 40)
    paras.sort()  # independent of set order
    size = 0
    for i in range(first, first + n):
        rng = random.Random(seed * 1000003 + i)
        serial = issue or 1 + i // PER_ISSUE
        d = os.path.join(out, "%04d" % serial)
        os.makedirs(d, exist_ok=True)
        # 3..13 paragraphs: about 3.4 KB of text, a magazine article's size
        body = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 13)))
        words = rng.choice(paras).split()
        title = " ".join(words[:rng.randint(4, 12)])
        related = [" ".join(rng.choice(paras).split()[:8]) for _ in range(3)]
        size += write(os.path.join(d, "a%06d.txt" % i),
                      page(rng, serial, title, body, rng.choice(RUBRICS), related))
    # beside the tree, not in it: omindex would index it
    with open(out.rstrip("/") + ".README", "w", encoding="utf-8") as f:
        f.write("Resampled corpus (paragraphs of real Kyrgyz texts recombined, seed %d):\n"
                "for throughput only, not text anyone wrote.\n" % seed)
    print("bench_corpus.py: %d resampled articles (%.1f MB) under %s" % (n, size / 1e6, out))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("real")
    r.add_argument("shared")
    r.add_argument("outdir")
    s = sub.add_parser("resampled")
    s.add_argument("shared")
    s.add_argument("outdir")
    s.add_argument("--n", type=int, default=20000)
    s.add_argument("--first", type=int, default=0)
    s.add_argument("--seed", type=int, default=8)
    s.add_argument("--issue", type=int, help="put every article in this issue")
    a = ap.parse_args()
    if a.cmd == "real":
        real(a.shared, a.outdir)
    else:
        resampled(a.shared, a.outdir, a.n, a.first, a.seed, a.issue)


if __name__ == "__main__":
    main()
