#!/bin/bash
# What the Russian-keyboard terms (XF) cost and buy.
#
#   bench/keyboard.sh      (from the repository root; `make bench-keyboard`)
#
# The archive of bench/known-item.sh (every article of ../shared/kyrgyz-text)
# is indexed by bin/ and by a build with -DIZDE_NO_KBD (no XF terms); the
# known-item queries of ../shared/eval are run as written and as a Russian
# keyboard writes them (ң→н, ө→о, ү→у).  Prints MRR@10 and success@10 of
# each, and the two index sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
W=bench/work
make -s all
rm -rf $W/nokbd
make -s -j"$(nproc)" OBJDIR=$W/nokbd/obj BINDIR=$W/nokbd/bin LIBA=$W/nokbd/libizde.a \
    CFLAGS=-DIZDE_NO_KBD $W/nokbd/bin/izde-index $W/nokbd/bin/izde-search
[ -d $W/archive ] || python3 bench/tools/known_item.py layout "$SHARED" $W/archive
for v in kbd nokbd; do
    bindir=bin
    [ $v = nokbd ] && bindir=$W/nokbd/bin
    rm -rf $W/$v.db
    $bindir/izde-index -q -d $W/$v.db $W/archive
    xapian-compact -q $W/$v.db $W/$v.compact.db >/dev/null 2>&1 || true
done
python3 - "$W" "$SHARED/eval/queries-summary-short.tsv" <<'PY'
import json, os, subprocess, sys
w, tsv = sys.argv[1], sys.argv[2]
fold = str.maketrans("ңөүҢӨҮ", "ноуНОУ")
queries = [l.split("\t", 1) for l in open(tsv, encoding="utf-8").read().splitlines()]
def score(bindir, db, folded, mode):
    n = rr = s10 = 0
    for id, q in queries:
        if folded:
            if q.translate(fold) == q:
                continue        # no ң/ө/ү: the same query either way
            q = q.translate(fold)
        n += 1
        out = subprocess.run([bindir + "/izde-search", "-d", db, "-n", "10", *mode,
                              "--format", "jsonl", "--fields", "rank,path", "--", q],
                             capture_output=True, text=True).stdout
        for l in out.splitlines():
            h = json.loads(l)
            if h["path"].endswith("/" + id + ".txt") or h["path"] == id + ".txt":
                rr += 1 / h["rank"]; s10 += 1
                break
    return f"{rr / n:.3f}  {s10 / n:.3f}  {n:4d}"
def size(p):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(p) for f in fs) // 1024
print(f"{'index':8} {'queries':14} {'mode':5} MRR@10 S@10   n")
for v, bindir in (("kbd", "bin"), ("nokbd", w + "/nokbd/bin")):
    for folded in (False, True):
        for mode in ([], ["--any"]):
            print(f"{v:8} {'keyboard' if folded else 'as written':14} {'any' if mode else 'all':5} "
                  + score(bindir, f"{w}/{v}.db", folded, mode))
for v in ("kbd", "nokbd"):
    print(f"{v}: {size(w + '/' + v + '.db')} KB, compacted {size(w + '/' + v + '.compact.db')} KB")
PY
