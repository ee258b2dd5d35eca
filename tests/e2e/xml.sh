#!/bin/bash
# Issue XML (README "Issue XML"): each article of schema/issue-example.xml
# is a document FILE#ID with the issue's fields (issue:, author:, lang:,
# rubric:, dates); a PDF map indexes nothing; an edited issue is updated in
# place (an article removed from it is gone); a broken edit fails the file
# and leaves its indexed version whole; --max-size limits an article, not
# the file; a big issue is committed inside, and a run killed there reads
# it again.
. "$(dirname "$0")/lib.bash"
PY=$(command -v /usr/bin/python3 || command -v python3)
A=$TMP/issues
DB=$TMP/db
mkdir -p "$A"
cp schema/issue-example.xml "$A/148.xml"
cp schema/issue-map-example.xml "$A/148-map.xml"

found() {
    "$BIN/izde-search" --format json -d "$DB" -n 50 "$@" 2>/dev/null |
        $PY -c 'import json,sys; print(" ".join(sorted(h["path"] for h in json.load(sys.stdin)["hits"])))'
}

"$BIN/izde-index" -d "$DB" "$A" >"$TMP/out" 2>"$TMP/err" || fail "first run exit $?"
expect_eq "summary" "$(sed 's/ ([0-9.]* s)$//' "$TMP/out")" \
    "izde-index: files: 2 added, 0 updated, 0 deleted, 0 unchanged, 0 failed, 0 skipped; 3 articles written"
expect_eq "no warnings" "$(cat "$TMP/err")" ""

expect_eq "issue:148" "$(found 'issue:148')" "148.xml#budget 148.xml#hearings 148.xml#school"
expect_eq "issue:147" "$(found 'issue:147')" ""
expect_eq "author, one of two" "$(found 'author:"Марат Исаев"')" "148.xml#hearings"
expect_eq "author, alone" "$(found 'author:"Айгүл Токтогулова"')" "148.xml#budget"
expect_eq "lang:ru" "$(found 'lang:ru')" "148.xml#hearings"
expect_eq "rubric" "$(found 'rubric:Финансы')" "148.xml#budget"
expect_eq "the article's own date" "$(found '2024-02-01..2024-02-01')" "148.xml#school"
expect_eq "the issue's date" "$(found '2024-02-13..2024-02-13')" "148.xml#budget 148.xml#hearings"
expect_eq "a stem, Kyrgyz" "$(found 'гранттар')" "148.xml#budget"
expect_eq "a stem, Russian" "$(found 'бюджета')" "148.xml#budget 148.xml#hearings"
search "$TMP/q" -d "$DB" 'теңдештирүүчү' >/dev/null
expect_eq "fields in JSON" "$(json_get "$TMP/q" '[(h["title"], h["date"], h["rubric"], h["issue"]) for h in j["hits"]]')" \
    "[('Айыл өкмөтүнүн бюджети ачык болушу керек', '2024-02-13', 'Финансы', '2 (148)')]"
# (гранттардын is not marked: "теңдештирүүчү грант" is a glossary term that
# only ranks a one-word query's articles higher — README, "Ranking is BM25".)
expect_eq "<em> text is text" "$(json_get "$TMP/q" '"<mark>теңдештирүүчү</mark> гранттардын" in j["hits"][0]["snippet"]')" True

# An edit: one article rewritten, one removed; the others untouched.
$PY - "$A/148.xml" <<'EOF'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r'\s*<article id="school".*?</article>', "", s, flags=re.S)
s = s.replace("коомдук угууларда", "коомдук угууларда жана Курултайда")
open(p, "w", encoding="utf-8").write(s)
EOF
"$BIN/izde-index" -v -d "$DB" "$A" >"$TMP/v" 2>"$TMP/err" || fail "edit run exit $?"
grep -q "^update $A/148.xml$" "$TMP/v" || fail "edit not an update: $(cat "$TMP/v")"
expect_eq "removed article gone" "$(found 'чатыры')" ""
expect_eq "new word found" "$(found 'Курултайда')" "148.xml#budget"
expect_eq "the rest kept" "$(found 'issue:148')" "148.xml#budget 148.xml#hearings"

# A broken edit: the file fails, its indexed version stays whole.
sed -i 's/pages="8-9"/pages="9-8"/; s/Курултайда/Кеңеште/' "$A/148.xml"
"$BIN/izde-index" -d "$DB" "$A" >"$TMP/out" 2>"$TMP/err"
expect_eq "broken edit exit" "$?" 1
expect_eq "broken edit message" "$(cat "$TMP/err")" \
    "izde-index: $A/148.xml: line 11: article hearings: pages=\"9-8\": the last page is before the first"
expect_eq "old version kept" "$(found 'Курултайда')" "148.xml#budget"
expect_eq "nothing of the broken one" "$(found 'Кеңеште')" ""
expect_eq "old version whole" "$(found 'issue:148')" "148.xml#budget 148.xml#hearings"

# --max-size: a 1 MB issue is read under a 200 000-byte limit (it is
# streamed); an article over the limit fails its file.
M=$TMP/max
mkdir -p "$M"
$PY tests/tools/gen_issue.py "$M/big.xml" 1 >/dev/null
want=$(grep -c '<article ' "$M/big.xml")
"$BIN/izde-index" -d "$TMP/db2" --max-size 200000 "$M" >"$TMP/out" 2>"$TMP/err" || fail "big issue exit $?: $(cat "$TMP/err")"
grep -q " $want articles written" "$TMP/out" || fail "big issue: $(cat "$TMP/out"), want $want articles"
# Commits inside an issue: the articles are committed as they come, and
# the file is whole at its end (the next run finds it the same).  (-j 1: a
# first build in place; a parallel one is committed once, at its swap.)
"$BIN/izde-index" -v -j 1 --commit-every 10 -d "$TMP/db4" "$M" >"$TMP/v" 2>"$TMP/err" || fail "commit inside exit $?"
expect_eq "commits inside" "$(sed 's/ [0-9]*$//' "$TMP/v" | uniq -c | sed 's/^ *//' | head -2)" \
    "$(printf '%s commit\n1 add %s' $((want / 10)) "$M/big.xml")"
"$BIN/izde-index" -v -d "$TMP/db4" "$M" >"$TMP/v" 2>"$TMP/err"
expect_eq "whole after commits inside" "$(head -1 "$TMP/v")" "same $M/big.xml"
# Killed after a commit inside the issue: what was committed is there, and
# the next run reads the issue again (it is marked unfinished).
$PY - "$BIN/izde-index" "$TMP/db5" "$M" <<'EOF'
import subprocess, sys
p = subprocess.Popen([sys.argv[1], "-v", "-j", "1", "--commit-every", "2", "-d", sys.argv[2], sys.argv[3]],
                     stdout=subprocess.PIPE, text=True)
for line in p.stdout:
    if line.startswith("commit "):
        p.kill()
        break
p.wait()
EOF
n=$(xapian-delve "$TMP/db5" | sed -n 's/^number of documents = //p')
[ "$n" -gt 0 ] && [ "$n" -lt "$want" ] || fail "killed inside the issue: $n of $want articles committed"
"$BIN/izde-index" -v -d "$TMP/db5" "$M" >"$TMP/v" 2>"$TMP/err" || fail "after the kill exit $?"
grep -q "^update $M/big.xml$" "$TMP/v" || fail "after the kill the issue is not read again: $(cat "$TMP/v")"
expect_eq "after the kill, whole" "$(xapian-delve "$TMP/db5" | sed -n 's/^number of documents = //p')" "$want"
"$BIN/izde-index" -v -d "$TMP/db5" "$M" >"$TMP/v" 2>"$TMP/err"
expect_eq "after the kill, then same" "$(head -1 "$TMP/v")" "same $M/big.xml"

"$BIN/izde-index" -d "$TMP/db3" --max-size 20000 "$M" >"$TMP/out" 2>"$TMP/err"
expect_eq "article over --max-size exit" "$?" 1
grep -q "^izde-index: $M/big.xml: line [0-9]*: article a1 is over the limit of 20000 bytes (--max-size)$" "$TMP/err" ||
    fail "article over --max-size: $(cat "$TMP/err")"
finish
