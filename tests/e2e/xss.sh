#!/bin/bash
# The XSS suite (tests/e2e/xss.py): payloads through every parameter of
# izde.cgi, run as a CGI program and under lighttpd by FastCGI, on an index
# that also holds an article with hostile title, rubric, text and file name.
. "$(dirname "$0")/lib.bash"
. "$(dirname "$0")/lighttpd.bash"
DB=$TMP/izde.db
mkdir -p "$TMP/evil"
cat >"$TMP/evil/x\"'><b>&amp;.txt" <<'EOF2'
<script>alert("title")</script> "><img src=x onerror=alert(1)> Кыйчык
2021-04-05 / <b onmouseover=alert(1)>Рубрика</b>
Бул кыйчык макала: <script>alert(2)</script> жана "><svg onload=alert(3)> жана
javascript:alert(4) жана {{main}} жана &lt;b&gt; жана ' onfocus='alert(5) кыйчык.
EOF2
"$BIN/izde-index" -q -d "$DB" corpus "$TMP/evil" || fail "izde-index exit $?"
printf 'db = %s\nurl = /archive/{path}\n' "$DB" >"$TMP/izde.conf"
python3 "$(dirname "$0")/xss.py" cgi "$BIN/izde.cgi" "$TMP/izde.conf" || fail "XSS through CGI"
lighttpd_start "$TMP/izde.conf"
python3 "$(dirname "$0")/xss.py" http "$FCGI_URL" || fail "XSS through FastCGI"
lighttpd_stop
errs=$(lighttpd_errors) && fail "izde.cgi under lighttpd: $errs"
finish
