#!/bin/bash
# The website's search under load: izde.cgi by CGI and by FastCGI beside
# Omega's CGI (Debian xapian-omega) on an omindex database of the same
# articles, all in one lighttpd on 127.0.0.1, driven by wrk.
#
#   bench/cgi.sh            (from the repository root; `make bench-cgi`)
#   DURATION=60 CONC=8      seconds per row and connections (defaults)
#
# Articles: every article of ../shared/kyrgyz-text (bench/tools/known_item.py
# layout), or corpus/ if that is missing.  Queries: bench/cgi-queries.txt,
# Kyrgyz words and phrases a visitor types, in turn; all words required for
# both engines (Omega with DEFAULTOP=and).  Each row reports requests/s,
# p50 and p95 latency, errors (socket errors, non-2xx); writes
# bench/results/cgi.json.  It measures and prints; it does not fail on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
DURATION=${DURATION:-60}
CONC=${CONC:-8}
W=$PWD/bench/work/cgi
OMEGA=/usr/lib/cgi-bin/omega/omega
for tool in wrk lighttpd omindex curl; do
    command -v $tool >/dev/null || { echo "bench/cgi.sh: $tool missing (make bench-cgi installs it)" >&2; exit 2; }
done
[ -x $OMEGA ] || { echo "bench/cgi.sh: $OMEGA missing (xapian-omega)" >&2; exit 2; }
make -s all

rm -rf "$W"
mkdir -p "$W/www/cgi-bin" "$W/omega/db" "$W/omega/log"
if [ -d "$SHARED/kyrgyz-text/raw" ]; then
    python3 bench/tools/known_item.py layout "$SHARED" "$W/archive" >/dev/null
else
    cp -r corpus "$W/archive"
fi
articles=$(find "$W/archive" -name '*.txt' | wc -l)
t=$EPOCHREALTIME
bin/izde-index -q -d "$W/izde.db" "$W/archive"
izde_s=$(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t }")
t=$EPOCHREALTIME
omindex --db "$W/omega/db/default" --url / "$W/archive" >/dev/null 2>&1
omindex_s=$(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t }")
echo "bench/cgi.sh: $articles articles; izde-index ${izde_s} s, omindex ${omindex_s} s"

printf 'db = %s\nurl = /archive/{path}\n' "$W/izde.db" >"$W/izde.conf"
printf 'database_dir %s\ntemplate_dir /usr/share/xapian-omega/templates\nlog_dir %s\n' \
    "$W/omega/db" "$W/omega/log" >"$W/omega.conf"
cp bin/izde.cgi "$W/www/cgi-bin/izde.cgi"
cp $OMEGA "$W/www/cgi-bin/omega.cgi"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
procs=$(nproc)
cat >"$W/lighttpd.conf" <<CONF
server.modules = ("mod_setenv", "mod_cgi", "mod_fastcgi")
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$W/www"
server.errorlog = "$W/lighttpd.log"
server.max-connections = 256
\$HTTP["url"] =~ "^/cgi-bin/" {
    cgi.assign = (".cgi" => "")
    setenv.add-environment = ("IZDE_CONFIG" => "$W/izde.conf", "OMEGA_CONFIG_FILE" => "$W/omega.conf")
}
fastcgi.server = ("/search" => ((
    "socket" => "$W/izde-fcgi.sock",
    "bin-path" => "$PWD/bin/izde.cgi",
    "bin-environment" => ("IZDE_CONFIG" => "$W/izde.conf"),
    "check-local" => "disable",
    "max-procs" => $procs,
)))
CONF
lighttpd -D -f "$W/lighttpd.conf" &
lpid=$!
trap 'kill $lpid 2>/dev/null; wait $lpid 2>/dev/null' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 100); do curl -s -o /dev/null "$base/" && break; sleep 0.1; done

# The queries, percent-encoded once.
python3 -c '
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        print(urllib.parse.quote_plus(line.strip()))' bench/cgi-queries.txt >"$W/queries.enc"
q1=$(head -1 "$W/queries.enc")
# Each engine answers the first query with hits before it is timed.
for u in "/cgi-bin/omega.cgi?DB=default&DEFAULTOP=and&P=$q1" "/cgi-bin/izde.cgi?q=$q1" "/search?q=$q1"; do
    code=$(curl -s -o "$W/check.html" -w '%{http_code}' "$base$u")
    [ "$code" = 200 ] || { echo "bench/cgi.sh: $u answered $code" >&2; exit 1; }
done

row() { # NAME PREFIX
    local out
    out=$(wrk -t2 -c"$CONC" -d"${DURATION}s" --timeout 30s -s bench/cgi.lua "$base" -- "$2" \
        "$W/queries.enc" | grep '^RESULT')
    set -- "$1" $out
    printf '%-14s %9s %9s %9s %7s %7s %9s\n' "$1" "$3" "$4" "$5" "$6" "$7" "$8"
    echo "{\"name\": \"$1\", \"rps\": $3, \"p50_ms\": $4, \"p95_ms\": $5, \"socket_errors\": $6, \"non2xx\": $7, \"requests\": $8}" >>"$W/rows.jsonl"
}
: >"$W/rows.jsonl"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "wrk: $CONC connections, ${DURATION} s a row, $(wc -l <"$W/queries.enc") queries in turn; load average $load_before on $(nproc) cores"
printf '%-14s %9s %9s %9s %7s %7s %9s\n' row 'req/s' 'p50 ms' 'p95 ms' errors non2xx requests
row omega-cgi "/cgi-bin/omega.cgi?DB=default&DEFAULTOP=and&P="
row izde-cgi "/cgi-bin/izde.cgi?q="
row izde-fastcgi "/search?q="
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p bench/results
python3 - "$W/rows.jsonl" "$(git rev-parse --short HEAD)" "$articles" "$DURATION" "$CONC" \
    "$load_before" "$load_after" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
o, c, f = rows["omega-cgi"], rows["izde-cgi"], rows["izde-fastcgi"]
res = {"commit": sys.argv[2], "articles": int(sys.argv[3]), "seconds_per_row": int(sys.argv[4]),
       "connections": int(sys.argv[5]), "load_average_before": sys.argv[6],
       "load_average_after": sys.argv[7], "rows": list(rows.values()),
       "cgi_p95_vs_omega": round(c["p95_ms"] / o["p95_ms"], 2),
       "cgi_p50_vs_omega": round(c["p50_ms"] / o["p50_ms"], 2),
       "fastcgi_rps_vs_omega": round(f["rps"] / o["rps"], 2)}
json.dump(res, open("bench/results/cgi.json", "w"), indent=1)
print(f"izde CGI latency / Omega's: p50 {res['cgi_p50_vs_omega']}x, p95 {res['cgi_p95_vs_omega']}x "
      f"(goal <= 1.0); izde FastCGI req/s / Omega's: {res['fastcgi_rps_vs_omega']}x (goal >= 5)")
PY
errs=$(grep -E 'AddressSanitizer|runtime error|Segmentation|terminated' "$W/lighttpd.log" || true)
[ -z "$errs" ] || echo "bench/cgi.sh: errors in the server's log: $errs" >&2
