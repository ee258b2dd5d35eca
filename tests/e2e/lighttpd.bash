# A real lighttpd on 127.0.0.1 serving izde.cgi by CGI (/cgi-bin/izde.cgi)
# and by FastCGI (/search), for the end-to-end scripts (sourced after
# lib.bash; not a test itself).
#
#   lighttpd_start CONFIG   writes $TMP/www and $TMP/lighttpd.conf, starts
#                           lighttpd on a free port, sets $BASE, $CGI_URL,
#                           $FCGI_URL; IZDE_CONFIG=CONFIG for both
#   lighttpd_stop           stops it (also on exit)
#   lighttpd_errors         sanitizer reports or crashes in its error log
LIGHTTPD_PID=

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

lighttpd_start() {
    local config=$1 port
    command -v lighttpd >/dev/null || { fail "lighttpd is not installed (make deps)"; finish; }
    mkdir -p "$TMP/www/cgi-bin"
    cp "$BIN/izde.cgi" "$TMP/www/cgi-bin/izde.cgi"
    port=$(free_port)
    cat >"$TMP/lighttpd.conf" <<CONF
server.modules = ("mod_setenv", "mod_cgi", "mod_fastcgi")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$TMP/www"
server.errorlog = "$TMP/lighttpd.log"
server.max-request-size = 16
# lighttpd would re-encode a bad "%ZZ" into "%25ZZ" before izde.cgi sees it;
# other servers pass it on: izde.cgi's own 400 is what is tested.
server.http-parseopts = ("url-normalize" => "disable")
mimetype.assign = (".html" => "text/html; charset=utf-8", ".css" => "text/css")
\$HTTP["url"] =~ "^/cgi-bin/" {
    cgi.assign = (".cgi" => "")
    setenv.add-environment = ("IZDE_CONFIG" => "$config")
}
fastcgi.server = ("/search" => ((
    "socket" => "$TMP/izde-fcgi.sock",
    "bin-path" => "$BIN/izde.cgi",
    "bin-environment" => ("IZDE_CONFIG" => "$config"),
    "check-local" => "disable",
    "max-procs" => 1,
)))
CONF
    lighttpd -D -f "$TMP/lighttpd.conf" 2>>"$TMP/lighttpd.log" &
    LIGHTTPD_PID=$!
    trap 'lighttpd_stop; rm -rf "$TMP"' EXIT
    BASE=http://127.0.0.1:$port
    CGI_URL=$BASE/cgi-bin/izde.cgi
    FCGI_URL=$BASE/search
    for _ in $(seq 100); do
        curl -s -o /dev/null "$BASE/" && return 0
        kill -0 "$LIGHTTPD_PID" 2>/dev/null || break
        sleep 0.1
    done
    fail "lighttpd did not start: $(tail -5 "$TMP/lighttpd.log")"
    finish
}

lighttpd_stop() {
    [ -n "$LIGHTTPD_PID" ] || return 0
    kill "$LIGHTTPD_PID" 2>/dev/null
    wait "$LIGHTTPD_PID" 2>/dev/null
    LIGHTTPD_PID=
}

lighttpd_errors() {
    grep -E 'AddressSanitizer|LeakSanitizer|runtime error|Segmentation|core dumped|terminated by signal' \
        "$TMP/lighttpd.log" 2>/dev/null
}
