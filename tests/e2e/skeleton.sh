#!/bin/bash
# The skeleton end to end: corpus/ → izde-index → izde-search, asserted on
# the JSON output.
. "$(dirname "$0")/lib.bash"
SEED=seed/000_68d1a355e32fe76a.txt
DB=$TMP/izde.db

out=$("$BIN/izde-index" -d "$DB" corpus) || fail "izde-index exit $?"
expect_eq "summary" "$(echo "$out" | sed "s/ ([0-9.]* s)$//")" \
    "izde-index: files: 25 added, 0 updated, 0 deleted, 0 unchanged, 0 failed, 1 skipped; 25 articles written"

# The demo query: the seed first, with its fields.
rc=$(search "$TMP/q" -d "$DB" 'теңдештирүүчү гранттарды')
expect_eq "demo exit" "$rc" 0
expect_eq "demo path" "$(json_get "$TMP/q" 'j["hits"][0]["path"]')" "$SEED"
expect_eq "demo id" "$(json_get "$TMP/q" 'j["hits"][0]["id"]')" "$SEED"
expect_eq "demo date" "$(json_get "$TMP/q" 'j["hits"][0]["date"]')" "2021-04-05"
expect_eq "demo rubric" "$(json_get "$TMP/q" 'j["hits"][0]["rubric"]')" "Көңүл чордонунда"
expect_eq "demo issue" "$(json_get "$TMP/q" 'j["hits"][0]["issue"]')" "None"
expect_eq "demo title" "$(json_get "$TMP/q" 'j["hits"][0]["title"]')" \
    "$(sed -n 13p corpus/$SEED)"
expect_eq "demo query echoed" "$(json_get "$TMP/q" 'j["query"]')" 'теңдештирүүчү гранттарды'
expect_eq "demo snippet marks" \
    "$(json_get "$TMP/q" '"<mark>теңдештирүүчү</mark> <mark>гранттарды</mark>" in j["hits"][0]["snippet"]')" True
expect_eq "demo rank" "$(json_get "$TMP/q" 'j["hits"][0]["rank"]')" 1
expect_eq "demo score" "$(json_get "$TMP/q" 'j["hits"][0]["score"] > 0')" True

# Text output: rank, date, title / rubric, path, snippet.
"$BIN/izde-search" -d "$DB" 'теңдештирүүчү гранттарды' >"$TMP/t"
expect_eq "text line 1" "$(head -n 1 "$TMP/t")" "1. 2021-04-05  $(sed -n 13p corpus/$SEED) / Көңүл чордонунда"
expect_eq "text path" "$(sed -n 2p "$TMP/t" | tr -d ' ')" "$SEED"
grep -q 'теңдештирүүчү гранттарды' "$TMP/t" || fail "text snippet missing"

# Site chrome is not article text: masthead, related-links block.
for w in ISBN dpi Илимий-популярдуу каттоо күбөлүктүн; do
    rc=$(search "$TMP/q" -d "$DB" "\"$w\"")
    expect_eq "chrome word $w exit" "$rc" 1
    expect_eq "chrome word $w total" "$(json_get "$TMP/q" 'j["total"]')" 0
done
# референдумда is in 002's text and only in 004's related links.
search "$TMP/q" -d "$DB" '"референдумда"' >/dev/null
expect_eq "related links not indexed" "$(json_get "$TMP/q" '[h["path"] for h in j["hits"]]')" \
    "['articles/002_reuters_218932.txt']"

# Phrases are exact and ordered.
rc=$(search "$TMP/q" -d "$DB" '"тегерек стол"')
expect_eq "phrase" "$(json_get "$TMP/q" 'j["hits"][0]["path"]')" "$SEED"
rc=$(search "$TMP/q" -d "$DB" '"стол тегерек"')
expect_eq "reversed phrase exit" "$rc" 1

# All words by default; --any ranks any word.
rc=$(search "$TMP/q" -d "$DB" бюджет референдум)
expect_eq "all words exit" "$rc" 1
rc=$(search "$TMP/q" -d "$DB" --any бюджет референдум)
expect_eq "any exit" "$rc" 0
expect_eq "any paths" "$(json_get "$TMP/q" 'sorted(h["path"] for h in j["hits"])')" \
    "['articles/002_reuters_218932.txt', 'plain/rt.com.91337.txt', '$SEED']"

# -n and --offset page through the same ranking.
search "$TMP/all" -d "$DB" -n 20 шайлоо >/dev/null
search "$TMP/p2" -d "$DB" -n 2 --offset 2 шайлоо >/dev/null
expect_eq "offset" "$(json_get "$TMP/p2" '[h["path"] for h in j["hits"]]')" \
    "$(json_get "$TMP/all" '[h["path"] for h in j["hits"][2:4]]')"
expect_eq "offset field" "$(json_get "$TMP/p2" 'j["offset"]')" 2
expect_eq "offset ranks" "$(json_get "$TMP/p2" '[h["rank"] for h in j["hits"]]')" "[3, 4]"
expect_eq "total" "$(json_get "$TMP/p2" 'j["total"]')" "$(json_get "$TMP/all" 'len(j["hits"])')"

# Exit codes and messages.
"$BIN/izde-search" -d "$TMP/missing.db" грант >/dev/null 2>"$TMP/err"
expect_eq "missing db exit" "$?" 3
grep -q "missing.db" "$TMP/err" || fail "missing db message does not name it: $(cat "$TMP/err")"
"$BIN/izde-search" -d "$DB" >/dev/null 2>&1
expect_eq "no query exit" "$?" 2
"$BIN/izde-search" -d "$DB" -n abc грант >/dev/null 2>&1
expect_eq "bad -n exit" "$?" 2
"$BIN/izde-search" -d "$DB" --format xml грант >/dev/null 2>&1
expect_eq "bad format exit" "$?" 2
"$BIN/izde-search" -d "$DB" '!!! ... ,,,' >/dev/null 2>"$TMP/err"
expect_eq "no-word query exit" "$?" 2
grep -q "no words" "$TMP/err" || fail "no-word query message: $(cat "$TMP/err")"
"$BIN/izde-index" >/dev/null 2>&1
expect_eq "index usage exit" "$?" 2
"$BIN/izde-index" -d "$TMP/x.db" "$TMP/nonexistent" >/dev/null 2>"$TMP/err"
expect_eq "index missing path exit" "$?" 1
grep -q nonexistent "$TMP/err" || fail "missing path message: $(cat "$TMP/err")"

# JSON stays valid for hostile input: invalid UTF-8, quotes, controls.
for q in $'\xff\xfe грант' 'грант "\\' $'грант\x01\x1b[31m' '</script><script>alert(1)</script> грант'; do
    search "$TMP/q" -d "$DB" "$q" >/dev/null
    json_get "$TMP/q" 'j["total"]' >/dev/null || fail "invalid JSON for query $(printf %q "$q")"
done
expect_eq "no raw < in JSON" "$(grep -c '<script' "$TMP/q")" 0

# Indexing again replaces by unique id: the same number of documents.
"$BIN/izde-index" -q -d "$DB" corpus || fail "reindex exit $?"
expect_eq "doccount after reindex" \
    "$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')" 25

# Xapian's own tools read the database (Omega conventions).  quest's
# default English stemmer looks for Zгранттарды, which izde does not have
# (its Z terms are Kyrgyz stems): it opens and answers; with -s none it finds
# the word as written, and the Kyrgyz stem as Zгрант.
quest -d "$DB" гранттарды >"$TMP/quest" 2>&1 || fail "quest failed: $(cat "$TMP/quest")"
grep -q 'MSet:' "$TMP/quest" || fail "quest output: $(cat "$TMP/quest")"
quest -s none -d "$DB" гранттарды >"$TMP/quest" 2>&1
grep -q "path=$SEED" "$TMP/quest" || fail "quest -s none did not find the seed"
quest -s none -b stem:Z -d "$DB" stem:грант >"$TMP/quest" 2>&1
grep -q "path=$SEED" "$TMP/quest" || fail "quest did not find the seed by its stem term"
finish
