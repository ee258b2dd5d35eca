#!/bin/bash
# make check-browser: headless Chromium against izde.cgi in a real lighttpd
# (by FastCGI, then by CGI); screenshots in tests/out/.
cd "$(dirname "$0")/../.."
. tests/e2e/lib.bash
. tests/e2e/lighttpd.bash
"$BIN/izde-index" -q -d "$TMP/izde.db" corpus || fail "izde-index exit $?"
printf 'db = %s\nurl = /archive/{base}.html\n' "$TMP/izde.db" >"$TMP/izde.conf"
lighttpd_start "$TMP/izde.conf"
python3 tests/browser/cdp.py "$FCGI_URL" tests/out fastcgi || fail "browser test by FastCGI"
python3 tests/browser/cdp.py "$CGI_URL" tests/out cgi || fail "browser test by CGI"
lighttpd_stop
errs=$(lighttpd_errors) && fail "izde.cgi under lighttpd: $errs"
[ "$FAILS" -eq 0 ] && echo "check-browser: 2 passed, 0 failed; screenshots in tests/out/"
finish
