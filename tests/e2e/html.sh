#!/bin/bash
# The site's pages as HTML (tests/fixtures/html: the seed as the site
# serves it, in UTF-8, Windows-1251 and KOI8-R): fields extracted, and the
# site's chrome (masthead, menu, search form, breadcrumb, share buttons,
# related links, sidebar, footer, script, style) not indexed.
. "$(dirname "$0")/lib.bash"
DB=$TMP/html.db
out=$("$BIN/izde-index" -d "$DB" tests/fixtures/html 2>"$TMP/err") || fail "izde-index exit $?: $(cat "$TMP/err")"
expect_eq "summary" "$(echo "$out" | sed 's/ (.*//')" "izde-index: files: 3 added, 0 updated, 0 deleted, 0 unchanged, 0 failed, 1 skipped; 3 articles written"
expect_eq "no warnings" "$(cat "$TMP/err")" ""

TITLE=$(sed -n 13p corpus/seed/000_68d1a355e32fe76a.txt)
rc=$(search "$TMP/q" -d "$DB" -n 10 'теңдештирүүчү гранттарды')
expect_eq "found" "$rc" 0
expect_eq "every encoding" "$(json_get "$TMP/q" 'sorted(h["path"] for h in j["hits"])')" \
    "['seed-cp1251.html', 'seed-koi8r.html', 'seed.html']"
for i in 0 1 2; do
    expect_eq "title $i" "$(json_get "$TMP/q" "j['hits'][$i]['title']")" "$TITLE"
    expect_eq "date $i" "$(json_get "$TMP/q" "j['hits'][$i]['date']")" "2021-04-05"
    expect_eq "rubric $i" "$(json_get "$TMP/q" "j['hits'][$i]['rubric']")" "Көңүл чордонунда"
done

# The chrome: words only there find nothing.
for w in Жарнама Архив Редакция Издөө Подписка Бөлүшүү жылытуу Сайттын шилтеме ISSN dpi \
         Илимий-популярдуу күбөлүктүн Макалалар 'Көп окулгандар' color document; do
    rc=$(search "$TMP/q" -d "$DB" "\"$w\"")
    expect_eq "chrome word '$w'" "$rc" 1
done
# Words of the article's last paragraph and of its lists are there.
for w in 'калыс' 'Санарип аймак' 'COVID-19'; do
    rc=$(search "$TMP/q" -d "$DB" "\"$w\"")
    expect_eq "article words '$w'" "$rc" 0
done
# The site's name (masthead, <title> suffix, footer) is in no field.
rc=$(search "$TMP/q" -d "$DB" 'Муниципалитет')
expect_eq "site name" "$rc" 1
# --max-size: the limit is the user's.
"$BIN/izde-index" -d "$TMP/m.db" --max-size 1000 tests/fixtures/html/seed.html >/dev/null 2>"$TMP/err"
expect_eq "--max-size exit" "$?" 1
grep -q "seed.html: 15848 bytes is over the limit of 1000 bytes (--max-size)" "$TMP/err" ||
    fail "--max-size message: $(cat "$TMP/err")"
"$BIN/izde-index" -d "$TMP/m.db" --max-size 20000 tests/fixtures/html/seed.html >/dev/null 2>&1
expect_eq "--max-size 20000 exit" "$?" 0
for bad in abc -5 0 ''; do
    "$BIN/izde-index" -d "$TMP/m.db" --max-size "$bad" corpus/seed >/dev/null 2>&1
    expect_eq "--max-size '$bad' exit" "$?" 2
done
"$BIN/izde-index" --help | grep -q -- "--max-size BYTES" || fail "--max-size not in --help"
finish
