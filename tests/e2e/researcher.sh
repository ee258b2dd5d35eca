#!/bin/bash
# izde-search for researchers on corpus/: each query-language feature, each
# output format read back by a real parser, facets against filters,
# did-you-mean, and hostile queries.
. "$(dirname "$0")/lib.bash"
SEED=seed/000_68d1a355e32fe76a.txt
DB=$TMP/izde.db
"$BIN/izde-index" -q -d "$DB" corpus || fail "izde-index exit $?"

# paths QUERY [OPTIONS]: the sorted paths of every hit
paths() {
    local q=$1; shift
    "$BIN/izde-search" -d "$DB" -n 100 --format json "$@" -- "$q" >"$TMP/p" 2>"$TMP/p.err"
    json_get "$TMP/p" '" ".join(sorted(h["path"] for h in j["hits"]))'
}
count() { "$BIN/izde-search" -d "$DB" --count "$@"; }

A002=articles/002_reuters_218932.txt
RT=plain/rt.com.91337.txt
# Boolean operators, +/-, brackets.
expect_eq "OR" "$(paths 'бюджет OR референдум')" "$A002 $RT $SEED"
expect_eq "AND" "$(paths 'шайлоо AND референдум')" "$A002 $RT"
expect_eq "NOT" "$(paths 'референдум NOT Македония')" ""
expect_eq "minus" "$(paths 'шайлоо -референдум' --fields path)" \
    "$(paths 'шайлоо NOT референдум')"
expect_eq "brackets" "$(paths '(бюджет OR референдум) AND шайлоо')" "$A002 $RT $SEED"
n_all=$(count 'шайлоо'); n_not=$(count 'шайлоо NOT референдум'); n_and=$(count 'шайлоо AND референдум')
expect_eq "NOT + AND = all" "$((n_not + n_and))" "$n_all"
expect_eq "plus under --any" "$(paths 'референдум +бюджет' --any)" "$SEED"
# Phrases, NEAR, ADJ, wildcards.
expect_eq "phrase" "$(paths '"тегерек стол"')" "$SEED"
expect_eq "NEAR/2" "$(paths 'тегерек NEAR/2 талкуусунун')" "$SEED"
expect_eq "NEAR/1 is adjacent" "$(paths 'тегерек NEAR/1 талкуусунун')" ""
expect_eq "NEAR any order" "$(paths 'талкуусунун NEAR/2 тегерек')" "$SEED"
expect_eq "ADJ in order" "$(paths 'стол ADJ/1 тегерек')" ""
expect_eq "ADJ" "$(paths 'тегерек ADJ/1 стол')" "$SEED"
expect_eq "wildcard" "$(paths 'референдум*')" "$A002 $RT"
search "$TMP/q" -d "$DB" 'референдум*' >/dev/null
expect_eq "wildcard marks" "$(json_get "$TMP/q" 'all("<mark>референдум" in h["snippet"] for h in j["hits"])')" True
# Fields and dates.
expect_eq "title:" "$(paths 'title:референдум')" "$A002 $RT"
expect_eq "title: stems" "$(paths 'title:резолюция')" "$SEED"
expect_eq "rubric:" "$(paths 'rubric:"көңүл чордонунда"')" \
    "articles/005_scotsman_133744.txt articles/010_nytimes_184853.txt $SEED"
expect_eq "lang:" "$(count 'lang:ky')" 25
expect_eq "year:" "$(paths 'year:2021')" "articles/008_guardian_221762.txt $SEED"
expect_eq "date range" "$(paths '2021-04-01..2021-04-30')" "$SEED"
expect_eq "year range" "$(count 'year:2018..2019')" "$(count '2018..2019')"
expect_eq "--from/--to" "$(paths 'шайлоо' --from 2021-04 --to 2021-05-01)" "$SEED"
expect_eq "--from/--to = range" "$(count шайлоо --from 2018-10 --to 2019)" "$(count 'шайлоо 2018-10..2019')"
# Sorting by date: newest first, undated last.
search "$TMP/q" -d "$DB" -n 100 --sort date 'шайл*' >/dev/null
expect_eq "sort date" "$(json_get "$TMP/q" '[h["date"] or "" for h in j["hits"]] == sorted([h["date"] or "" for h in j["hits"]], reverse=True)')" True
# Facets: each count equals the count of the same query filtered.
search "$TMP/q" -d "$DB" --facets 'шайл*' >/dev/null
json_get "$TMP/q" '"\n".join(f"{k}\t{v}" for k, v in j["facets"]["year"].items())' >"$TMP/years"
[ -s "$TMP/years" ] || fail "no year facets"
while IFS=$'\t' read -r year n; do
    expect_eq "facet year $year" "$n" "$(count "шайл* year:$year")"
done <"$TMP/years"
json_get "$TMP/q" '"\n".join(f"{k}\t{v}" for k, v in j["facets"]["rubric"].items())' >"$TMP/rubrics"
while IFS=$'\t' read -r rubric n; do
    expect_eq "facet rubric $rubric" "$n" "$(count "шайл* rubric:\"$rubric\"")"
done <"$TMP/rubrics"
"$BIN/izde-search" -d "$DB" --facets 'шайл*' | grep -q '^Years:' || fail "text facets table"

# Output formats: CSV read back by Python's csv module, JSON lines parsed.
"$BIN/izde-search" -d "$DB" -n 5 --format csv 'шайлоо' >"$TMP/csv"
python3 - "$TMP/csv" "$TMP/q" <<'PY' || fail "CSV does not read back"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["rank", "id", "path", "title", "date", "rubric", "issue", "page", "pages",
                   "score", "snippet"], rows[0]
assert len(rows) == 6 and [r[0] for r in rows[1:]] == ["1", "2", "3", "4", "5"], rows
assert all("<mark>" not in r[10] and r[10] for r in rows[1:])
assert all(r[7] == r[8] == "" for r in rows[1:])  # no pages: not from a PDF
assert open(sys.argv[1], "rb").read().count(b"\r\n") >= 6
PY
"$BIN/izde-search" -d "$DB" -n 3 --format csv --fields title,date 'rubric:Финансы' >"$TMP/csv"
python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],newline=""))); assert r[0]==["title","date"] and len(r)==4 and any("," in x[0] for x in r[1:]), r' "$TMP/csv" \
    || fail "CSV --fields or quoting"
"$BIN/izde-search" -d "$DB" -n 4 --format jsonl --fields rank,path шайлоо >"$TMP/jsonl"
python3 -c 'import json,sys; L=[json.loads(l) for l in open(sys.argv[1])]; assert [list(x) for x in L]==[["rank","path"]]*4 and [x["rank"] for x in L]==[1,2,3,4]' "$TMP/jsonl" \
    || fail "JSON lines"
expect_eq "--count" "$("$BIN/izde-search" -d "$DB" --count 'шайлоо')" "$(paths шайлоо | wc -w)"
"$BIN/izde-search" -d "$DB" --fields rank,nosuch x >/dev/null 2>"$TMP/err"
expect_eq "bad field exit" "$?" 2
grep -q "unknown field 'nosuch'" "$TMP/err" || fail "bad field message"

# Did-you-mean: from the index, only with hits of its own.
search "$TMP/q" -d "$DB" 'теңдештирүүчү гранттардв' >/dev/null
expect_eq "suggestion" "$(json_get "$TMP/q" 'j["suggestion"]')" "теңдештирүүчү гранттарды"
search "$TMP/q" -d "$DB" 'бюджетт референдумм' >/dev/null
expect_eq "no suggestion without hits" "$(json_get "$TMP/q" 'j["suggestion"]')" None
"$BIN/izde-search" -d "$DB" 'референдумм' | grep -q '^Did you mean: референдум' || fail "text suggestion"

# Several databases searched as one.
"$BIN/izde-index" -q -d "$TMP/a.db" corpus/seed corpus/plain
"$BIN/izde-index" -q -d "$TMP/b.db" corpus/articles
n1=$(count шайлоо); n2=$("$BIN/izde-search" -d "$TMP/a.db" -d "$TMP/b.db" --count шайлоо)
expect_eq "two databases" "$n2" "$n1"

# Hostile queries: a result or a message with exit 2, never a crash.
long=$(printf 'сөз%.0s' $(seq 1 3400))
ors=$(for i in $(seq 1 1000); do printf 'сөз%d OR ' "$i"; done; printf 'шайлоо')
for q in "$long" '"unbalanced' '((шайлоо' 'шайлоо))' 'AND OR NOT' '*' $'\xff\xfe\xfd' \
         'NEAR' '"' '-' '+' ':' 'title:' '..' '2021..20x' "$ors" \
         $'\x01\x02' '«»“”' 'шайлоо NEAR/999999999999 бюджет' "$(printf '(%.0s' $(seq 1 500))x"; do
    "$BIN/izde-search" -d "$DB" --format json -- "$q" >"$TMP/h" 2>"$TMP/h.err"
    rc=$?
    case $rc in
        0|1) json_get "$TMP/h" 'j["total"]' >/dev/null || fail "invalid JSON for $(printf %q "${q:0:40}")" ;;
        2) [ -s "$TMP/h.err" ] || fail "exit 2 without a message for $(printf %q "${q:0:40}")" ;;
        *) fail "exit $rc for $(printf %q "${q:0:40}"): $(head -c 300 "$TMP/h.err")" ;;
    esac
done
expect_eq "1000 ORs find" "$(count "$ors")" "$(count шайлоо)"
finish
