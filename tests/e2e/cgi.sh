#!/bin/bash
# izde.cgi in a real lighttpd on 127.0.0.1, by CGI (/cgi-bin/izde.cgi) and by
# FastCGI (/search), queried with curl: pages, headers, status codes, the
# JSON of izde-search, links that work, HTML5 validity, the FastCGI process
# seeing what the indexer commits, and a missing database as a 503.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/lighttpd.bash"
SEED=seed/000_68d1a355e32fe76a.txt
DB=$TMP/izde.db
CHECK="python3 $(dirname "$0")/htmlcheck.py"
"$BIN/izde-index" -q -d "$DB" corpus || fail "izde-index exit $?"
cat >"$TMP/izde.conf" <<EOF
# written by tests/e2e/cgi.sh
db = $DB
url = /archive/{base}.html
EOF
lighttpd_start "$TMP/izde.conf"

# get NAME URL [CURL-ARGS...]: body in $TMP/NAME, headers in $TMP/NAME.h;
# prints the status code.
get() {
    local name=$1 url=$2; shift 2
    curl -sS -g -o "$TMP/$name" -D "$TMP/$name.h" -w '%{http_code}' "$@" "$url"
}
header() { grep -i "^$2:" "$TMP/$1.h" | head -1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }
has() { grep -qF -- "$2" "$TMP/$1" || fail "$1: no '$2' in the page"; }
hasnt() { ! grep -qF -- "$2" "$TMP/$1" || fail "$1: '$2' in the page"; }
valid() { local p; p=$($CHECK "$TMP/$1") || fail "$1: $p"; }
# enc TEXT: percent-encoded for a query string (bytes, in bash: fast).
enc() {
    local LC_ALL=C s=$1 i c out=
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
        [a-zA-Z0-9.~_-]) out+=$c ;;
        *) printf -v c '%%%02X' "'$c"; out+=${c: -3} ;;
        esac
    done
    printf '%s\n' "$out"
}

for mode in cgi fcgi; do
    url=$CGI_URL
    [ $mode = fcgi ] && url=$FCGI_URL
    # The front page: the search box, no results.
    expect_eq "$mode front" "$(get front "$url")" 200
    has front 'name="q" value=""'
    valid front
    # A search: the count, the hit linked by the site's pattern, highlighted.
    expect_eq "$mode search" "$(get s "$url?q=$(enc 'теңдештирүүчү гранттарды')")" 200
    expect_eq "$mode content-type" "$(header s Content-Type)" "text/html; charset=utf-8"
    expect_eq "$mode nosniff" "$(header s X-Content-Type-Options)" nosniff
    expect_eq "$mode CSP" "$(header s Content-Security-Policy)" \
        "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    expect_eq "$mode cache" "$(header s Cache-Control)" "public, max-age=300"
    has s 'value="теңдештирүүчү гранттарды"'
    has s '<a href="/archive/seed/000_68d1a355e32fe76a.html">“Жергиликтүү өз алдынча башкаруу'
    has s '<mark>гранттарды</mark>'
    has s '<time datetime="2021-04-05">2021-04-05</time>'
    has s 'Табылды: <strong>1</strong>'
    has s '<h2>Рубрикалар</h2>'
    valid s
    # The stylesheet the page links, from the same program.
    css=$(grep -o 'rel="stylesheet" href="[^"]*"' "$TMP/s" | sed 's/.*href="//; s/"$//')
    expect_eq "$mode css" "$(get css "$BASE$css")" 200
    expect_eq "$mode css type" "$(header css Content-Type)" "text/css; charset=utf-8"
    has css 'mark {'
    # HEAD: the same headers, no body.
    expect_eq "$mode HEAD" "$(get head "$url?q=$(enc 'теңдештирүүчү гранттарды')" -I)" 200
    expect_eq "$mode HEAD length" "$(header head Content-Length)" "$(header s Content-Length)"
    # Other methods: 405 with Allow.
    expect_eq "$mode POST" "$(get post "$url" -X POST -d q=x)" 405
    expect_eq "$mode Allow" "$(header post Allow)" "GET, HEAD"
    expect_eq "$mode PUT" "$(get put "$url" -X PUT -d q=x)" 405
    expect_eq "$mode DELETE" "$(get del "$url?q=x" -X DELETE)" 405
    valid post
    # Pages and facets: follow the links the page gives.
    expect_eq "$mode page 1" "$(get p1 "$url?q=$(enc 'шайл*')&n=2")" 200
    next=$(grep -o '<a rel="next" href="[^"]*"' "$TMP/p1" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
    [ -n "$next" ] || fail "$mode: no next-page link"
    expect_eq "$mode page 2" "$(get p2 "$url$next")" 200
    has p2 '<ol class="hits" start="3">'
    has p2 '<a rel="prev"'
    valid p2
    year=$(grep -o 'href="[^"]*year=2019"' "$TMP/p1" | head -1 | sed 's/href="//; s/"$//; s/&amp;/\&/g')
    [ -n "$year" ] || fail "$mode: no year facet link"
    get y "$url$year" >/dev/null
    has y 'Жыл: 2019 ✕'
    n_facet=$(grep -o 'Табылды: <strong>[0-9]*' "$TMP/y" | grep -o '[0-9]*$')
    expect_eq "$mode year facet = year: query" "$n_facet" \
        "$("$BIN/izde-search" -d "$DB" --count 'шайл* year:2019')"
    expect_eq "$mode rubric filter" "$(get r "$url?q=$(enc шайлоо)&rubric=$(enc 'көңүл ЧОРДОНУНДА')")" 200
    has r 'Рубрика: көңүл ЧОРДОНУНДА ✕'
    expect_eq "$mode rubric count" "$(grep -o 'Табылды: <strong>[0-9]*' "$TMP/r" | grep -o '[0-9]*$')" \
        "$("$BIN/izde-search" -d "$DB" --count 'шайлоо rubric:"көңүл чордонунда"')"
    expect_eq "$mode filter only" "$(get fo "$url?rubric=$(enc 'Көңүл чордонунда')&sort=date")" 200
    has fo 'Табылды: <strong>3</strong>'
    # Did-you-mean (a typo) and the zero-results page.
    expect_eq "$mode typo" "$(get dym "$url?q=$(enc 'референдумдн')")" 200
    has dym 'Балким, муну издегенсиз:'
    valid dym
    expect_eq "$mode zero" "$(get z "$url?q=$(enc 'шайлоо')&year=1999")" 200
    has z 'эч нерсе табылган жок'
    has z 'Чыпкаларсыз издөө'
    valid z
    # Curly quotes and guillemets are phrases, not errors.
    expect_eq "$mode curly" "$(get cq "$url?q=$(enc '“тегерек стол”')")" 200
    has cq 'Табылды: <strong>1</strong>'
    expect_eq "$mode guillemets" "$(get gq "$url?q=$(enc '«тегерек стол»')")" 200
    # format=json is izde-search's JSON, byte for byte.
    expect_eq "$mode json" "$(get j "$url?q=$(enc шайлоо)&format=json&n=3&page=2&sort=date")" 200
    expect_eq "$mode json type" "$(header j Content-Type)" "application/json; charset=utf-8"
    "$BIN/izde-search" -d "$DB" --format json -n 3 --offset 3 --sort date --lang-expand шайлоо >"$TMP/j.cli"
    cmp -s "$TMP/j" "$TMP/j.cli" || fail "$mode: format=json differs from izde-search --format json"
    get jf "$url?q=$(enc 'шайл*')&format=json&facets=1&rubric=$(enc 'Эл аралык тажрыйба')&from=2018&to=2023-06" >/dev/null
    "$BIN/izde-search" -d "$DB" --format json --lang-expand --facets --rubric 'Эл аралык тажрыйба' --from 2018 \
        --to 2023-06 'шайл*' >"$TMP/jf.cli"
    cmp -s "$TMP/jf" "$TMP/jf.cli" || fail "$mode: format=json&facets=1 differs from izde-search"
    # Cross-language expansion: on by default (a ticked box), off with expand=0
    # (what the form sends when the box is unticked).
    expect_eq "$mode ru query" "$(get ru "$url?q=$(enc 'выравнивающие гранты')&format=json")" 200
    has ru '"path": "seed/'
    "$BIN/izde-search" -d "$DB" --format json --lang-expand 'выравнивающие гранты' >"$TMP/ru.cli"
    cmp -s "$TMP/ru" "$TMP/ru.cli" || fail "$mode: expanded JSON differs from izde-search --lang-expand"
    get rh "$url?q=$(enc 'equalization grants')" >/dev/null
    has rh 'name="expand" value="1" checked>'
    has rh '<input type="hidden" name="expand" value="0">'
    has rh 'Табылды: <strong>1</strong>'
    get r0 "$url?q=$(enc 'equalization grants')&expand=1&expand=0" >/dev/null
    has r0 'Табылды: <strong>1</strong>'
    get r1 "$url?q=$(enc 'equalization grants')&expand=0" >/dev/null
    has r1 'эч нерсе табылган жок'
    has r1 'name="expand" value="1">'
    valid r1
    expect_eq "$mode expand=2" "$(get e2 "$url?q=x&expand=2")" 400
    # Bad requests: 400 with a message, never a 500.
    k1=$(printf 'шайлоо %.0s' $(seq 78))$(printf 'x%.0s' $(seq 10))   # 1024 bytes
    expect_eq "$mode q = 1 KB" "$(get ok1k "$url?q=$(enc "$k1")")" 200
    expect_eq "$mode q > 1 KB" "$(get long "$url?q=$(enc "${k1}y")")" 400
    has long 'Сурам өтө узун'
    expect_eq "$mode page too deep" "$(get deep "$url?q=x&page=101")" 400
    has deep 'Бет өтө алыс'
    expect_eq "$mode page 100" "$(get p100 "$url?q=$(enc шайлоо)&page=100")" 200
    expect_eq "$mode n > 100" "$(get n101 "$url?q=x&n=101")" 400
    expect_eq "$mode page 0" "$(get p0 "$url?q=x&page=0")" 400
    expect_eq "$mode sort" "$(get so "$url?q=x&sort=random")" 400
    expect_eq "$mode bad date" "$(get bd "$url?q=x&from=2021-13")" 400
    expect_eq "$mode bad year" "$(get by "$url?q=x&year=21")" 400
    expect_eq "$mode bad %" "$(get pct "$url?q=%ZZ")" 400
    has pct '%-коддоо туура эмес'
    expect_eq "$mode truncated %" "$(get pct2 "$url?q=a%2")" 400
    expect_eq "$mode invalid UTF-8" "$(get u8 "$url?q=%FF%FE")" 400
    expect_eq "$mode overlong" "$(get ol "$url?q=%C0%BCscript%C0%BE")" 400
    expect_eq "$mode NUL" "$(get nul "$url?q=a%00b")" 400
    expect_eq "$mode syntax" "$(get syn "$url?q=$(enc 'бюджет AND')")" 400
    has syn 'Сурамды түшүнө алган жокмун'
    has syn 'value="бюджет AND"'
    expect_eq "$mode syntax no-store" "$(header syn Cache-Control)" "no-store"
    valid syn
    expect_eq "$mode json error" "$(get je "$url?q=$(enc '(бюджет')&format=json")" 400
    expect_eq "$mode json error body" "$(json_get "$TMP/je" '"error" in j')" True
    expect_eq "$mode 404" "$(get nf "$url/other")" 404
done

# Both transports give the same page, but for the stylesheet's URL.
get a "$CGI_URL?q=$(enc бюджет)" >/dev/null
get b "$FCGI_URL?q=$(enc бюджет)" >/dev/null
diff <(sed 's#/cgi-bin/izde.cgi/izde.css#CSS#' "$TMP/a") <(sed 's#/search/izde.css#CSS#' "$TMP/b") \
    >/dev/null || fail "CGI and FastCGI pages differ"

# FastCGI keeps the database open: what the indexer commits meanwhile is
# found by the same process, without a restart.
pid_before=$(pgrep -f "^$BIN/izde.cgi" | head -1)
expect_eq "before commit" "$(get fc1 "$FCGI_URL?q=$(enc кыйчыктестсөзү)&format=json")" 200
expect_eq "before commit: none" "$(json_get "$TMP/fc1" 'j["total"]')" 0
mkdir -p "$TMP/new"
printf 'Кыйчык макала\n2024-01-15 / Жаңылыктар\nБул макалада кыйчыктестсөзү бар.\n' >"$TMP/new/new.txt"
"$BIN/izde-index" -q -d "$DB" "$TMP/new" || fail "second izde-index exit $?"
expect_eq "after commit" "$(get fc2 "$FCGI_URL?q=$(enc кыйчыктестсөзү)&format=json")" 200
expect_eq "after commit: found" "$(json_get "$TMP/fc2" 'j["total"]')" 1
expect_eq "same FastCGI process" "$(pgrep -f "^$BIN/izde.cgi" | head -1)" "$pid_before"

# The database gone: 503, without paths or Xapian's words.
mv "$DB" "$DB.away"
for url in "$CGI_URL" "$FCGI_URL"; do
    expect_eq "503 $url" "$(get gone "$url?q=$(enc бюджет)")" 503
    has gone 'Издөө убактылуу иштебей турат'
    hasnt gone "$TMP"
    hasnt gone Xapian
    hasnt gone Database
    expect_eq "503 Retry-After" "$(header gone Retry-After)" 60
done
mv "$DB.away" "$DB"
expect_eq "back after 503" "$(get back "$FCGI_URL?q=$(enc бюджет)")" 200
grep -q 'database:' "$TMP/lighttpd.log" || fail "the 503 left no message in the server's log"

# A broken configuration: 503, the reason in the server's log only.
echo 'colour = blue' >>"$TMP/izde.conf"
expect_eq "bad config" "$(get bc "$CGI_URL?q=x")" 503
hasnt bc colour
grep -q "unknown setting 'colour'" "$TMP/lighttpd.log" || fail "config error not logged"

lighttpd_stop
errs=$(lighttpd_errors) && fail "izde.cgi under lighttpd: $errs"
finish
