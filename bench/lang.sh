#!/bin/bash
# Cross-language search: MRR@10 of the test set tests/lang/needs.tsv (each
# need asked in Kyrgyz, Russian and English) per query language, with and
# without --lang-expand, on tests/lang/archive (44 Kyrgyz and 10 Russian
# articles written for izde) plus corpus/.
#
#   bench/lang.sh                  (`make bench-lang`)
#   WEIGHTS="0.3 0.7" bench/lang.sh   also builds izde with other expansion
#                                     weights (IZDE_EXPAND_WEIGHT) and scores them
#   DETAIL=1 bench/lang.sh         lists every query that missed rank 1
# Prints a table; writes bench/results/lang.json.
set -euo pipefail
cd "$(dirname "$0")/.."
W=bench/work/lang
mkdir -p $W bench/results
make -s all
rm -f bench/results/lang.json
score() { # label bindir
    rm -rf $W/$1.db
    "$2/izde-index" -q -d $W/$1.db tests/lang/archive corpus
    python3 bench/tools/lang_mrr.py tests/lang/needs.tsv "$2/izde-search" $W/$1.db \
        --label "$1" --json bench/results/lang.json ${DETAIL:+--detail}
}
echo "index: $(du -sk --apparent-size tests/lang/archive corpus | awk '{s+=$1} END {print s}') KiB of text"
score "weight-0.5" bin
for w in ${WEIGHTS:-}; do
    make -s -j"$(nproc)" OBJDIR=$W/w$w/obj BINDIR=$W/w$w/bin LIBA=$W/w$w/libizde.a \
        CFLAGS=-DIZDE_EXPAND_WEIGHT=$w $W/w$w/bin/izde-index $W/w$w/bin/izde-search
    score "weight-$w" $W/w$w/bin
done
echo "database: $(du -sk $W/weight-0.5.db | cut -f1) KiB"
