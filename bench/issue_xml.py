#!/usr/bin/env python3
"""make bench-xml: what reading an issue XML costs, by its size.

    python3 bench/issue_xml.py [--sizes 1 10 100] [--runs 3] [--index-mb 100]

Issues of 1, 10 and 100 MB (tests/tools/gen_issue.py: articles of 40
paragraphs of corpus/ words, in bench/work/) are read by
build/bench/izde-issue-read (izde_read_articles, as izde-index reads a
file: the streaming reader, validated against the schema, two passes)
beside the anchor, libxml2's own streaming validator on the same file and
schema (xmllint --stream --noout --relaxng, one pass).  Then izde-index
indexes the largest issue once.  Peak RSS (GNU time) and wall seconds,
medians of --runs runs, interleaved; bench/results/issue-xml.json.  It
measures and prints; it never fails on a figure.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
W = os.path.join(HERE, "work", "issue-xml")
READ = os.path.join(TOP, "build", "bench", "izde-issue-read")
SCHEMA = os.path.join(TOP, "schema", "izde-issue.rng")


def timed(cmd):
    out = os.path.join(W, "time.out")
    p = subprocess.run(["/usr/bin/time", "-o", out, "-f", "%e %M"] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    with open(out) as f:
        e, m = f.read().split()[-2:]
    return dict(wall=float(e), rss_mb=round(int(m) / 1024, 1), stdout=p.stdout.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--index-mb", type=float, default=100, help="0: do not run izde-index")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "issue-xml.json"))
    a = ap.parse_args()
    os.makedirs(W, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=TOP,
                            capture_output=True, text=True).stdout.strip()
    rows = []
    for mb in a.sizes:
        path = os.path.join(W, "issue-%gmb.xml" % mb)
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(TOP, "tests", "tools", "gen_issue.py"),
                            path, str(mb), "--corpus", os.path.join(TOP, "corpus")], check=True)
        size = os.path.getsize(path)
        runs = {"izde": [], "xmllint": []}
        for _ in range(a.runs):
            runs["izde"].append(timed([READ, path]))
            runs["xmllint"].append(timed(["xmllint", "--stream", "--noout", "--relaxng", SCHEMA,
                                          path]))
        row = dict(file_mb=round(size / 2**20, 1), articles=int(runs["izde"][0]["stdout"].split()[0]))
        for s, r in runs.items():
            row[s] = dict(wall=statistics.median(x["wall"] for x in r),
                          rss_mb=statistics.median(x["rss_mb"] for x in r))
        row["wall_ratio"] = round(row["izde"]["wall"] / max(row["xmllint"]["wall"], 0.01), 2)
        row["rss_ratio"] = round(row["izde"]["rss_mb"] / row["xmllint"]["rss_mb"], 2)
        rows.append(row)
        print("bench: %g MB issue done" % mb, file=sys.stderr, flush=True)
    index = None
    if a.index_mb:
        path = os.path.join(W, "issue-%gmb.xml" % a.index_mb)
        if os.path.exists(path):
            db = os.path.join(W, "index.db")
            subprocess.run(["rm", "-rf", db], check=True)
            r = timed([os.path.join(TOP, "bin", "izde-index"), "-q", "-d", db, path])
            index = dict(file_mb=round(os.path.getsize(path) / 2**20, 1), wall=r["wall"],
                         rss_mb=r["rss_mb"])
            subprocess.run(["rm", "-rf", db], check=True)
    res = dict(commit=commit, runs=a.runs, load_average=open("/proc/loadavg").read().split()[:3],
               rows=rows, izde_index=index)
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(res, f, indent=1)
    os.replace(tmp, a.out)
    print("%-10s %9s %12s %12s %7s %13s %13s %7s" % ("issue", "articles", "izde s", "xmllint s",
                                                     "ratio", "izde RSS MB", "xmllint MB",
                                                     "ratio"))
    for r in rows:
        print("%-10s %9d %12.2f %12.2f %7.2f %13.1f %13.1f %7.2f" % (
            "%g MB" % r["file_mb"], r["articles"], r["izde"]["wall"], r["xmllint"]["wall"],
            r["wall_ratio"], r["izde"]["rss_mb"], r["xmllint"]["rss_mb"], r["rss_ratio"]))
    if index:
        print("izde-index, %g MB issue: %.1f s, peak RSS %.1f MB" % (index["file_mb"], index["wall"],
                                                                     index["rss_mb"]))


if __name__ == "__main__":
    main()
