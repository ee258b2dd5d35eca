#!/bin/bash
# Scores the Kyrgyz stemmer on the gold standard.
#   tests/stem-eval.sh BIN EVALDIR [extra score_stemmer.py options, e.g. --errors 40]
# BIN is bin/kystem (word per line in, word<TAB>stem out); EVALDIR holds
# ky-lemmas.tsv and score_stemmer.py.  Prints the nominal (NOUN, PROPN, ADJ)
# and the verb figures; the targets are nominal recall >= 0.90 at precision
# >= 0.95 and verb recall >= 0.55 at precision >= 0.90.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 BIN EVALDIR [score options]" >&2
    exit 2
fi
bin=$1
evaldir=$2
shift 2

gold=$evaldir/ky-lemmas.tsv
[ -x "$bin" ] || { echo "$0: $bin is not executable" >&2; exit 2; }
[ -r "$gold" ] || { echo "$0: no $gold" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cut -f1 "$gold" | tail -n +2 | LC_ALL=C sort -u | "$bin" > "$tmp/stems.tsv"

for subset in NOUN,PROPN,ADJ VERB; do
    echo "== $subset =="
    python3 "$evaldir/score_stemmer.py" --upos "$subset" "$@" "$gold" "$tmp/stems.tsv"
    echo
done
