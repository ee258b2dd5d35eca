#!/usr/bin/env python3
"""Helpers of bench/known-item.sh (Python 3 standard library only).

    known_item.py layout SHARED OUTDIR
        Write every article of SHARED/kyrgyz-text/raw (24kg-topics,
        kyrgyz-news-summarization, ntrex128-kir) as OUTDIR/<set>/<id>.txt in
        the plain layout izde-index reads: title line, blank line, body.

    known_item.py score --commit C --out JSON VARIANTS QUERIES.tsv...
        VARIANTS has one line per variant: "name bindir db index_seconds db_kb".
        Runs each query (article-id<TAB>query) through each variant's
        izde-search in all-words and --any mode, prints a table and writes JSON.
"""
import argparse
import json
import os
import subprocess
import sys

# Sentence-level sets (sib200, ud, xwmt) are not articles: left out.
SETS = {
    "24kg-topics": ["24kg_topics_train.jsonl", "24kg_topics_test.jsonl"],
    "kyrgyz-news-summarization": ["news_summ.jsonl"],
    "ntrex128-kir": ["ntrex_kir_docs.jsonl"],
}
TOP = 10


def layout(shared, out):
    n = empty = 0
    for name, files in SETS.items():
        os.makedirs(os.path.join(out, name))  # the caller starts from an empty OUTDIR
        for fn in files:
            with open(os.path.join(shared, "kyrgyz-text/raw", name, fn), encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    title, body = d["title"], d["text"].strip()
                    if not body:  # 24kg has empty stubs; izde-index rejects them
                        empty += 1
                        continue
                    if title is None:  # 24kg has no title: its lede line serves
                        title, _, body = body.partition("\n")
                    path = os.path.join(out, name, d["id"] + ".txt")
                    # "x" mode: two articles with one id would silently overwrite
                    with open(path, "x", encoding="utf-8", newline="\n") as g:
                        g.write(title.strip() + "\n\n" + body.strip() + "\n")
                    n += 1
    print("known_item.py: %d articles laid out under %s (%d without text left out)"
          % (n, out, empty))


def search(bindir, db, query, any_mode):
    """Rank list of hit file names (basenames) and the total, or None for a
    query without words (exit 2).  Exit 1 = no hits, a normal outcome."""
    cmd = [os.path.join(bindir, "izde-search"), "-d", db, "--format", "json", "-n", str(TOP)]
    if any_mode:
        cmd.append("--any")
    p = subprocess.run(cmd + ["--", query], capture_output=True, text=True)
    if p.returncode == 2:
        return None
    if p.returncode not in (0, 1):
        sys.exit("izde-search failed (%d) on %r: %s" % (p.returncode, query, p.stderr))
    r = json.loads(p.stdout)
    return [os.path.basename(h["path"]) for h in r["hits"]], r["total"]


def rank_of(hits, qid):
    """1-based rank of the known item <qid>.txt among hit basenames, or None."""
    name = qid + ".txt"
    return hits.index(name) + 1 if name in hits[:TOP] else None


def metrics(ranks):
    """Known-item scores of a list of ranks (None = not in the top TOP): the
    one scoring function of bench-quality and make bench."""
    n = len(ranks)
    return dict(n=n,
                mrr10=round(sum(1 / r for r in ranks if r) / n, 4),
                success1=round(sum(r == 1 for r in ranks) / n, 4),
                success10=round(sum(r is not None for r in ranks) / n, 4))


def score(args):
    variants = []
    with open(args.variants) as f:
        for line in f:
            name, bindir, db, secs, kb = line.split()
            variants.append(dict(name=name, bindir=bindir, db=db,
                                 index_seconds=float(secs), db_kb=int(kb)))
    results, ranks = [], {}
    for qfile in args.queries:
        qset = os.path.basename(qfile).removesuffix(".tsv")
        with open(qfile, encoding="utf-8") as f:
            queries = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
        for v in variants:
            for mode in ("all", "any"):
                zero = nowords = 0
                got_ranks = []
                for qid, q in queries:
                    got = search(v["bindir"], v["db"], q, mode == "any")
                    rank = None
                    if got is None:
                        nowords += 1
                    else:
                        hits, total = got
                        zero += total == 0
                        rank = rank_of(hits, qid)
                    ranks[qset, mode, v["name"], qid] = rank
                    got_ranks.append(rank)
                results.append(dict(variant=v["name"], mode=mode, queries=qset,
                                    **metrics(got_ranks), zero_hits=zero,
                                    no_words=nowords))
    # Queries whose known item ranks differently with and without the stemmer
    # (None = not in the top 10): the cases to read when judging the stemmer.
    diffs = []
    for (qset, mode, name, qid), rank in sorted(ranks.items(), key=lambda kv: str(kv[0])):
        if name == "stem":
            other = ranks.get((qset, mode, "nostem", qid))
            if other != rank:
                diffs.append(dict(queries=qset, mode=mode, id=qid, rank_stem=rank,
                                  rank_nostem=other,
                                  better=("stem" if (rank or 99) < (other or 99) else "nostem")))

    print("%-8s %-4s %-24s %4s %7s %6s %6s %5s" %
          ("variant", "mode", "queries", "n", "MRR@10", "S@1", "S@10", "zero"))
    for r in results:
        print("%-8s %-4s %-24s %4d %7.3f %6.3f %6.3f %5d" %
              (r["variant"], r["mode"], r["queries"], r["n"], r["mrr10"],
               r["success1"], r["success10"], r["zero_hits"]))
    for v in variants:
        print("%-8s index %.1f s, %d KB" % (v["name"], v["index_seconds"], v["db_kb"]))
    for b in ("stem", "nostem"):
        print("queries where %s ranks the known item higher: %d" %
              (b, sum(d["better"] == b for d in diffs)))

    out = dict(commit=args.commit, tree_changes=args.tree_changes or [],
               articles=args.articles, top=TOP,
               variants=[dict(name=v["name"], index_seconds=v["index_seconds"],
                              db_kb=v["db_kb"]) for v in variants],
               results=results, rank_differences=diffs)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    lay = sub.add_parser("layout")
    lay.add_argument("shared")
    lay.add_argument("outdir")
    sc = sub.add_parser("score")
    sc.add_argument("--commit", required=True)
    sc.add_argument("--tree-changes", nargs="*", help="uncommitted source files built")
    sc.add_argument("--articles", type=int, required=True)
    sc.add_argument("--out", required=True)
    sc.add_argument("variants")
    sc.add_argument("queries", nargs="+")
    a = ap.parse_args()
    if a.cmd == "layout":
        layout(a.shared, a.outdir)
    else:
        score(a)


if __name__ == "__main__":
    main()
