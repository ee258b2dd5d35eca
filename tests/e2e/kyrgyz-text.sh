#!/bin/bash
# On real Kyrgyz articles (../shared/kyrgyz-text, read at test time, never
# copied into the repository): the known-item queries of ../shared/eval find
# their article, in any-word mode, and in all-words mode the stemmer finds
# more than the exact forms would.
. "$(dirname "$0")/lib.bash"
SHARED=${IZDE_SHARED:-../shared}
RAW=$SHARED/kyrgyz-text/raw
[ -d "$RAW" ] || { echo "kyrgyz-text.sh: $RAW missing" >&2; exit 1; }
mkdir -p "$TMP/archive"
python3 - "$RAW" "$TMP/archive" <<'PY'
import json, sys, os
raw, out = sys.argv[1], sys.argv[2]
for rel in ("kyrgyz-news-summarization/news_summ.jsonl", "ntrex128-kir/ntrex_kir_docs.jsonl"):
    for line in open(os.path.join(raw, rel), encoding="utf-8"):
        d = json.loads(line)
        with open(os.path.join(out, d["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write((d.get("title") or "") + "\n\n" + d["text"] + "\n")
PY
"$BIN/izde-index" -q -d "$TMP/db" "$TMP/archive" || fail "izde-index exit $?"

# score [MODE]: MRR@10, success@10 and the number of queries over
# queries-summary-short.tsv (one python process drives izde-search).
score() {
    python3 - "$BIN/izde-search" "$TMP/db" "$SHARED/eval/queries-summary-short.tsv" "$@" <<'PY'
import json, subprocess, sys
prog, db, tsv, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
n = rr = s10 = 0
for line in open(tsv, encoding="utf-8").read().splitlines():
    id, q = line.split("\t", 1)
    n += 1
    out = subprocess.run([prog, "-d", db, "-n", "10", *mode, "--format", "jsonl",
                          "--fields", "rank,path", "--", q], capture_output=True, text=True).stdout
    for l in out.splitlines():
        h = json.loads(l)
        if h["path"] == id + ".txt":
            rr += 1 / h["rank"]; s10 += 1
            break
print(f"{rr / n:.3f} {s10 / n:.3f} {n}")
PY
}
read -r mrr s10 n < <(score --any)
echo "kyrgyz-text.sh: --any MRR@10 $mrr success@10 $s10 over $n queries" >&2
python3 -c "import sys; sys.exit(not ($mrr >= 0.85 and $s10 >= 0.95 and $n >= 100))" ||
    fail "--any known-item: MRR@10 $mrr, success@10 $s10 (want >= 0.85, >= 0.95)"
read -r mrr s10 n < <(score)
echo "kyrgyz-text.sh: all words MRR@10 $mrr success@10 $s10" >&2
python3 -c "import sys; sys.exit(not ($mrr >= 0.6))" || fail "all-words known-item: MRR@10 $mrr (want >= 0.6)"

# The query language on real text.
w=$("$BIN/izde-search" -d "$TMP/db" --count 'шаар*'); e=$("$BIN/izde-search" -d "$TMP/db" --count '"шаарында"')
[ "$w" -gt "$e" ] && [ "$e" -ge 5 ] || fail "wildcard шаар* ($w) should find more than \"шаарында\" ($e)"
[ "$("$BIN/izde-search" -d "$TMP/db" --count '"Бишкек шаарында"')" -ge 1 ] || fail "phrase"
finish
