#!/bin/bash
# The printed issues: PDFs set at test time from known Kyrgyz and Russian
# text (tests/tools/mkpdf, cairo + pango; tests/fixtures/pdf/*.txt).  The
# text read (reading order on a two-column page, print hyphens joined,
# compounds kept, running heads and page numbers dropped), the hits (the
# contents page's articles, else pages), their issue and pages, language
# and stemmer, and the page in the JSON of izde-search and in the CGI page.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/lighttpd.bash"
A=$TMP/archive
mkdir -p "$A/pdf"
"$BIN/mkpdf" "$A/pdf/2024-02-148.pdf" <tests/fixtures/pdf/issue.txt || fail "mkpdf issue.txt"
"$BIN/mkpdf" "$A/pdf/2023-11-140.pdf" <tests/fixtures/pdf/pages.txt || fail "mkpdf pages.txt"

# The text as read: artdump prints each hit.
(cd "$A" && "$BIN/artdump" pdf/2024-02-148.pdf pdf/2023-11-140.pdf) >"$TMP/dump" 2>&1 ||
    fail "artdump: $(cat "$TMP/dump")"
# hit ID: the lines of artdump's record of that hit.
hit() { awk -v id="id: $1" '$0 == id {on = 1; print; next} /^id: / {on = 0} on' "$TMP/dump"; }
field() { hit "$1" | sed -n "s/^$2: //p"; }
body() { hit "$1" | sed '1,/^body:$/d'; }

# The contents page: two articles, their titles, rubric and pages.
expect_eq "hits" "$(grep '^id: ' "$TMP/dump" | tr '\n' ' ')" \
    "id: pdf/2024-02-148.pdf#a1 id: pdf/2024-02-148.pdf#a2 id: pdf/2023-11-140.pdf#p1 id: pdf/2023-11-140.pdf#p3 "
expect_eq "a1 title" "$(field pdf/2024-02-148.pdf#a1 title)" "Жергиликтүү бюджеттин тажрыйбасы"
expect_eq "a1 rubric" "$(field pdf/2024-02-148.pdf#a1 rubric)" "ЭКОНОМИКА"
expect_eq "a1 pages" "$(field pdf/2024-02-148.pdf#a1 pages)" "2"
expect_eq "a2 pages" "$(field pdf/2024-02-148.pdf#a2 pages)" "3"
# The issue from the cover's issue line.
expect_eq "a1 issue" "$(field pdf/2024-02-148.pdf#a1 issue)" "2 (148)"
expect_eq "a1 date" "$(field pdf/2024-02-148.pdf#a1 date)" "2024-02-13"
# Reading order: the first column top to bottom, then the second; print
# hyphens joined (тажрый-/ба), a year's hyphen kept (2021-/жылы), so is a
# compound's that the issue writes elsewhere (социалдык-/экономикалык),
# and the hyphen before a conjunction (онлайн-/жана).
expect_eq "two columns" "$(body pdf/2024-02-148.pdf#a1)" "Жергиликтүү бюджеттин тажрыйбасы
Айыл өкмөттөрү жергиликтүү бюджетти түзүүдө жаңы тажрыйба топтоду. Социалдык-экономикалык өнүгүү жана онлайн- жана офлайн кызматтар.
Экинчи мамычада 2021-жылы кабыл алынган мыйзам боюнча социалдык-экономикалык гранттар бөлүнгөн."
# Languages: each article its own.
expect_eq "a1 lang" "$(field pdf/2024-02-148.pdf#a1 lang)" ky
expect_eq "a2 lang" "$(field pdf/2024-02-148.pdf#a2 lang)" ru
# No contents: a hit a page, titled by its heading, the issue from the file
# name (no date); the scanned page 2 is reported and skipped.
expect_eq "p1 title" "$(field pdf/2023-11-140.pdf#p1 title)" "Айыл өкмөтүнүн отчету"
expect_eq "p3 title" "$(field pdf/2023-11-140.pdf#p3 title)" "Муниципальная собственность"
expect_eq "p1 issue" "$(field pdf/2023-11-140.pdf#p1 issue)" "11 (140)"
expect_eq "p1 date" "$(field pdf/2023-11-140.pdf#p1 date)" ""
grep -qF "pdf/2023-11-140.pdf: 1 of 3 pages have no text layer (scanned: needs OCR), not indexed: 2" \
    "$TMP/dump" || fail "no OCR warning for the scanned page: $(cat "$TMP/dump")"
# Running heads and page numbers are not text.
grep -q 'популярдуу\|^[0-9]$' "$TMP/dump" && fail "a running head or page number was read as text"

# An issue XML in the PDF's folder that names it (pdf="2023-11-140.pdf") is
# its map: its articles are the hits, with their pages, titles, authors,
# rubrics, date and language; the issue is the map's.
M=$TMP/map
mkdir -p "$M"
cp "$A/pdf/2023-11-140.pdf" tests/fixtures/pdf/2023-11-140.xml "$M/"
(cd "$M" && "$BIN/artdump" 2023-11-140.pdf) >"$TMP/dump" 2>&1 || fail "artdump (map): $(cat "$TMP/dump")"
expect_eq "map: hits" "$(grep '^id: ' "$TMP/dump" | tr '\n' ' ')" \
    "id: 2023-11-140.pdf#report id: 2023-11-140.pdf#property "
expect_eq "map: title" "$(field 2023-11-140.pdf#report title)" "Айыл өкмөтүнүн жылдык отчету"
expect_eq "map: author" "$(field 2023-11-140.pdf#report author)" "Айгүл Токтогулова"
expect_eq "map: rubric" "$(field 2023-11-140.pdf#property rubric)" "Собственность"
expect_eq "map: issue" "$(field 2023-11-140.pdf#report issue)" "11 (140)"
expect_eq "map: date" "$(field 2023-11-140.pdf#report date)" "2023-11-20"
expect_eq "map: pages" "$(field 2023-11-140.pdf#property pages)" "3"
expect_eq "map: lang" "$(field 2023-11-140.pdf#property lang)" "ru"
expect_eq "map: body" "$(body 2023-11-140.pdf#report)" "Айыл өкмөтүнүн отчету
Айыл өкмөтү жылдык отчетун коомчулукка тааныштырды."
grep -qF '2023-11-140.pdf: article "lost" of its issue XML is not indexed: its pages are past the end of the PDF' \
    "$TMP/dump" || fail "map: no warning for the article past the end"

# Indexed with the other formats; searched.
cp -r corpus/seed "$A/seed"
"$BIN/izde-index" -d "$TMP/db" "$A" >"$TMP/out" 2>"$TMP/err"
expect_eq "izde-index" "$?" 0
grep -q "3 added.*5 articles written" "$TMP/out" || fail "summary: $(cat "$TMP/out" "$TMP/err")"
# тажрыйба across the print hyphen; its page and issue in the JSON.
search "$TMP/q" -d "$TMP/db" тажрыйба >/dev/null
expect_eq "тажрыйба hit" "$(json_get "$TMP/q" '[(h["path"], h["page"], h["pages"], h["issue"]) for h in j["hits"]]')" \
    "[('pdf/2024-02-148.pdf#a1', 2, '2', '2 (148)')]"
# The Russian article gets the Russian stemmer: налогов finds налоги.
search "$TMP/q" -d "$TMP/db" налогов >/dev/null
expect_eq "Russian stems" "$(json_get "$TMP/q" '[h["path"] for h in j["hits"]]')" "['pdf/2024-02-148.pdf#a2']"
# issue: finds the pages of an issue; other hits have no page.
search "$TMP/q" -d "$TMP/db" --sort date 'issue:140' >/dev/null
expect_eq "issue:140" "$(json_get "$TMP/q" 'sorted(h["path"] for h in j["hits"])')" \
    "['pdf/2023-11-140.pdf#p1', 'pdf/2023-11-140.pdf#p3']"
search "$TMP/q" -d "$TMP/db" гранттарды >/dev/null
expect_eq "no page for an article of the site" \
    "$(json_get "$TMP/q" '[(h["page"], h["pages"]) for h in j["hits"] if h["path"].startswith("seed/")]')" \
    "[(None, None)]"
# The citation in text output, the pages in CSV.
"$BIN/izde-search" -d "$TMP/db" тажрыйба >"$TMP/text"
grep -qF "   pdf/2024-02-148.pdf#a1  № 2 (148), б. 2" "$TMP/text" || fail "text output: $(cat "$TMP/text")"
"$BIN/izde-search" -d "$TMP/db" --format csv --fields path,page,pages 'отчету' >"$TMP/csv"
expect_eq "CSV" "$(tr -d '\r' <"$TMP/csv")" "path,page,pages
pdf/2023-11-140.pdf#p1,1,1"

# The website: the hit links to its page of the PDF and cites it.
cat >"$TMP/izde.conf" <<EOF
db = $TMP/db
url = /archive/{base}.html
pdf_url = /pdf/{path}
EOF
lighttpd_start "$TMP/izde.conf"
curl -sS -o "$TMP/page" "$CGI_URL?q=%D1%82%D0%B0%D0%B6%D1%80%D1%8B%D0%B9%D0%B1%D0%B0" || fail "curl"
grep -qF '<a href="/pdf/pdf/2024-02-148.pdf#page=2">Жергиликтүү бюджеттин тажрыйбасы</a>' "$TMP/page" ||
    fail "no link to the PDF's page: $(grep -A3 'class="hit"' "$TMP/page")"
grep -qF '<span class="issue">№ 2 (148), б. 2</span>' "$TMP/page" || fail "no citation in the page"
p=$(python3 "$(dirname "$0")/htmlcheck.py" "$TMP/page") || fail "page: $p"
errors=$(lighttpd_errors) && fail "izde.cgi: $errors"
lighttpd_stop
finish
