#!/bin/bash
# Bilingual archive, trilingual readers: languages detected and filtered,
# Russian and English queries reach Kyrgyz articles with --lang-expand (and
# not without), a query's own language ranks first, names meet through
# transliteration, and izde-index's glossary options.
. "$(dirname "$0")/lib.bash"
SEED=seed/000_68d1a355e32fe76a.txt
DB=$TMP/izde.db
"$BIN/izde-index" -q -d "$DB" corpus || fail "izde-index exit $?"

# The demo database: Russian and English put the seed article first.
for q in 'выравнивающие гранты' 'equalization grants' 'Выравнивающих грантов' \
         'местное самоуправление' 'local self-government'; do
    rc=$(search "$TMP/q" -d "$DB" --lang-expand "$q")
    expect_eq "'$q' exit" "$rc" 0
    expect_eq "'$q' first hit" "$(json_get "$TMP/q" 'j["hits"][0]["path"]')" "$SEED"
done
# ... and the snippet marks the Kyrgyz words that matched.
expect_eq "marked counterpart" \
    "$(json_get "$TMP/q" '"<mark>" in j["hits"][0]["snippet"]')" True
# Without expansion, "выравнивающие" is in no Kyrgyz article: no hits.
expect_eq "no expansion" "$(search "$TMP/q" -d "$DB" 'выравнивающие гранты')" 1
expect_eq "no expansion, en" "$(search "$TMP/q" -d "$DB" 'equalization grants')" 1

# The mixed archive: 44 Kyrgyz and 10 Russian articles, languages detected.
MIX=$TMP/mix.db
"$BIN/izde-index" -q -d "$MIX" tests/lang/archive || fail "izde-index mix exit $?"
expect_eq "lang:ky" "$("$BIN/izde-search" -d "$MIX" --count lang:ky)" 44
expect_eq "lang:ru" "$("$BIN/izde-search" -d "$MIX" --count lang:ru)" 10
expect_eq "lang: field" "$(search "$TMP/q" -d "$MIX" --fields lang -n 1 'lang:ru' && json_get "$TMP/q" 'j["hits"][0].get("lang")')" "0
ru"

# Russian stems: an inflected Russian form finds the Russian article.
search "$TMP/q" -d "$MIX" 'пастбищных билетов' >/dev/null
expect_eq "Russian stems" "$(json_get "$TMP/q" '[h["path"] for h in j["hits"]]')" "['ru/ru01.txt']"

# A query's own language first, the other language's article after it.
own() { # query first second
    search "$TMP/q" -d "$MIX" --lang-expand "$1" >/dev/null
    expect_eq "'$1' order" "$(json_get "$TMP/q" '[h["path"] for h in j["hits"]][:2]')" "['$2', '$3']"
}
own 'мүлк салыгы' ky/ky06.txt ru/ru10.txt
own 'налог на имущество' ru/ru10.txt ky/ky06.txt
own 'жайыт комитети' ky/ky02.txt ru/ru01.txt
own 'пастбищный комитет' ru/ru01.txt ky/ky02.txt

# Names meet through transliteration (lib/translit.c), both ways.
search "$TMP/q" -d "$MIX" --lang-expand 'Arashan' >/dev/null
expect_eq "Arashan" "$(json_get "$TMP/q" 'j["hits"][0]["path"]')" "ky/ky41.txt"
expect_eq "Arashan without expansion" "$(search "$TMP/q" -d "$MIX" 'Arashan')" 1

# izde-index: a glossary of one's own, a broken one, none.
printf 'ky\tru\ten\nжайыт\tпастбище\tgrazing land\n' >"$TMP/g.tsv"
"$BIN/izde-index" -q -d "$TMP/own.db" --glossary "$TMP/g.tsv" tests/lang/archive/ky/ky02.txt \
    || fail "own glossary exit $?"
expect_eq "own glossary" "$(search "$TMP/q" -d "$TMP/own.db" --lang-expand 'grazing land')" 0
expect_eq "not the built-in one" "$(search "$TMP/q" -d "$TMP/own.db" --lang-expand 'pasture')" 1
# Back to the built-in glossary: the articles' glossary terms are the old
# one's until --full, and the run says so; a run that changes nothing not.
"$BIN/izde-index" -d "$TMP/own.db" tests/lang/archive/ky/ky02.txt >/dev/null 2>"$TMP/err" \
    || fail "built-in glossary again exit $?"
expect_eq "glossary changed" "$(cat "$TMP/err")" "izde-index: $TMP/own.db: the glossary changed: \
one-word queries rank the articles indexed before by the old one's terms until izde-index --full"
"$BIN/izde-index" -d "$TMP/own.db" tests/lang/archive/ky/ky02.txt >/dev/null 2>"$TMP/err" \
    || fail "built-in glossary, unchanged, exit $?"
expect_eq "glossary unchanged" "$(cat "$TMP/err")" ""
printf 'ky\tru\ten\nжайыт\n' >"$TMP/bad.tsv"
"$BIN/izde-index" -q -d "$TMP/own.db" --glossary "$TMP/bad.tsv" corpus 2>"$TMP/err"
expect_eq "bad glossary exit" "$?" 2
expect_eq "bad glossary message" "$(cat "$TMP/err")" \
    "izde-index: $TMP/bad.tsv:2: 1 column, want ky, ru, en separated by tabs"
"$BIN/izde-index" -q -d "$TMP/own.db" --no-glossary tests/lang/archive/ky/ky02.txt || fail "--no-glossary exit $?"
expect_eq "--no-glossary" "$(search "$TMP/q" -d "$TMP/own.db" --lang-expand 'grazing land')" 1
finish
