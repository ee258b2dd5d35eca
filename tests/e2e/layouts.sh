#!/bin/bash
# Text exports in every layout the site has used (tests/fixtures/text/):
# each yields the title, date and rubric its layout carries (null where it
# carries none); no word of the masthead, slogan, registration, breadcrumb
# or related links is searchable; author lines are not body text; the
# repairs of real text (print hyphens, footnote digits, missing spaces,
# look-alike letters) make the words findable.
. "$(dirname "$0")/lib.bash"
DB=$TMP/izde.db
out=$("$BIN/izde-index" -d "$DB" tests/fixtures/text) || fail "izde-index exit $?"
expect_eq "summary" "$(echo "$out" | sed 's/ (.*//')" \
    "izde-index: files: 7 added, 0 updated, 0 deleted, 0 unchanged, 0 failed, 0 skipped; 7 articles written"

# hit FILE QUERY FIELD: FIELD of FILE's hit for QUERY (python's repr of it).
hit() {
    search "$TMP/q" -d "$DB" -n 20 "$2" >/dev/null
    json_get "$TMP/q" '[h["'"$3"'"] for h in j["hits"] if h["path"] == "'"$1"'"]'
}

# layout FILE QUERY TITLE DATE RUBRIC: the fields of FILE, found by QUERY.
layout() {
    expect_eq "$1 title" "$(hit "$1" "$2" title)" "[$3]"
    expect_eq "$1 date" "$(hit "$1" "$2" date)" "[$4]"
    expect_eq "$1 rubric" "$(hit "$1" "$2" rubric)" "[$5]"
    expect_eq "$1 issue" "$(hit "$1" "$2" issue)" "[None]"
}
layout ky-classic.txt 'ачык бюджет' "'Айыл өкмөтү ачык бюджетти кантип түзөт'" \
    "'2022-11-14'" "'Жергиликтүү бюджет'"
layout ru-classic.txt облигации "'Р2Р-платформы и муниципальные облигации'" \
    "'2023-05-22'" "'Финансы'"
layout ky-no-repeat.txt 'жайыт комитеттери' "'Жайыт комитеттеринин жаңы милдеттери'" \
    "'2019-06-03'" "'Мыйзам жана укук'"
layout ky-date-first.txt сугат None "'2020-09-21'" "'Айыл чарба'"
layout ru-date-first.txt слушания "'Как сельские советы отчитываются перед жителями'" \
    "'2021-10-11'" "'Местное самоуправление'"
layout ky-breadcrumb.txt 'башкы план' "'Шаардын башкы планы ким үчүн түзүлөт'" None "'Шаар куруу'"
layout ru-breadcrumb.txt 'кадровый резерв' "'Кадровый резерв для айыл окмоту'" None \
    "'Муниципальная служба'"

# The site's chrome finds nothing: masthead, registration, slogan (both
# languages, the Russian one's wrapped line too), breadcrumb, related links,
# the issue lines.
for w in күбөлүктүн Регистрационный свидетельства ISSN ISBN dpi Илимий-популярдуу \
         Научно-популярный үчилтиги проживающего самоуправления Главная Статьи \
         Макалалар Окшош Похожие Сейсмикалык таштанды мусора шайлоосу салыктар \
         китепканалардын Зарплаты Января Февраль 148; do
    rc=$(search "$TMP/q" -d "$DB" "\"$w\"")
    expect_eq "chrome word $w" "$rc/$(json_get "$TMP/q" 'j["total"]')" "1/0"
done
# (самоуправления is in the wrapped slogan and in a rubric: a rubric is a
# filter, not text.)

# Author and credit lines are the author field, not body text.
for w in Садыков ЖУМАБАЕВА финансист Байсалов Токтогулова Асанов Осмонова редактору; do
    rc=$(search "$TMP/q" -d "$DB" "$w")
    expect_eq "author word $w" "$rc" 1
done

# Real text: a print-hyphenated word, a word with a footnote digit glued
# to it, a sentence run into the next, are found as words.
for q in тажрыйба аймагы алынды '"алынды ал эми"'; do
    expect_eq "repaired '$q'" "$(hit ky-classic.txt "$q" path)" "['ky-classic.txt']"
done
# A real compound is not joined.
expect_eq "онлайн" "$(hit ky-classic.txt онлайн path)" "['ky-classic.txt']"
# "Р2Р" in Cyrillic (the title) and "P2P" in Latin (the body) meet.
for q in P2P Р2Р p2p; do
    search "$TMP/q" -d "$DB" "$q" >/dev/null
    expect_eq "$q" "$(json_get "$TMP/q" '[h["path"] for h in j["hits"]]')" "['ru-classic.txt']"
    expect_eq "$q marks the Latin P2P" \
        "$(json_get "$TMP/q" '"<mark>P2P</mark>" in j["hits"][0]["snippet"]')" True
done
finish
