#!/bin/bash
# Known-item search quality with and without the Kyrgyz stemmer.
#
#   bench/known-item.sh          (from the repository root; `make bench-quality`)
#
# Every article of ../shared/kyrgyz-text (24kg-topics, news-summarization,
# ntrex128) is indexed twice: by bin/ (the stemmer) and by a build with
# -DIZDE_NO_STEM (stem = the word itself).  Each known-item query of
# ../shared/eval (a human summary of article summ-NNNN, in full and cut to
# its first 8 words) is run in all-words and --any mode; the hit that counts
# is <article-id>.txt.  Prints a table and writes bench/results/known-item.json.
# The texts stay in bench/work/ (git-ignored): 24kg and news-summarization
# have no licence.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
W=bench/work
T0=$EPOCHREALTIME

# The stem-less variant is built out of tree.  Its dependency files are not
# read by the Makefile (it includes build/**/*.d only), so header changes would
# go unnoticed: build it from scratch every time.
make -s all
rm -rf $W/nostem
make -s -j"$(nproc)" OBJDIR=$W/nostem/obj BINDIR=$W/nostem/bin LIBA=$W/nostem/libizde.a \
    CFLAGS=-DIZDE_NO_STEM $W/nostem/bin/izde-index $W/nostem/bin/izde-search

rm -rf $W/archive
python3 bench/tools/known_item.py layout "$SHARED" $W/archive
articles=$(find $W/archive -name '*.txt' | wc -l)

: >$W/variants.txt
for v in stem nostem; do
    bindir=bin
    [ $v = nostem ] && bindir=$W/nostem/bin
    rm -rf $W/$v.db
    t=$EPOCHREALTIME
    $bindir/izde-index -q -d $W/$v.db $W/archive
    secs=$(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $t }")
    echo "$v $bindir $W/$v.db $secs $(du -sk $W/$v.db | cut -f1)" >>$W/variants.txt
done

# The commit alone does not say what was built when sources are being edited
# (the stemmer often is): list uncommitted source files too.
mapfile -t changed < <(git status --porcelain -- lib include indexer searcher | cut -c4-)
mkdir -p bench/results
python3 bench/tools/known_item.py score --commit "$(git rev-parse --short HEAD)" \
    --tree-changes "${changed[@]}" --articles "$articles" --out bench/results/known-item.json \
    $W/variants.txt "$SHARED"/eval/queries-summary-short.tsv "$SHARED"/eval/queries-summary.tsv
awk "BEGIN { printf \"known-item.sh: %.0f s in all\n\", $EPOCHREALTIME - $T0 }"
