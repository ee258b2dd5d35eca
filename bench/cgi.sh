#!/bin/bash
# The website's search under load: izde.cgi by CGI and by FastCGI beside
# Omega's CGI (Debian xapian-omega) on an omindex database of the same
# articles, all in one lighttpd on 127.0.0.1, driven by wrk.
#
#   bench/cgi.sh            (from the repository root; `make bench-cgi`)
#   DURATION=60 CONC=8      seconds per row and connections (defaults)
#   SLICES=3                each row is run in this many slices, the rows
#                           taking turns (omega, izde-cgi, izde-fastcgi,
#                           omega, ...), so that a change in the machine's
#                           load (a shared machine) falls on every row alike
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
SLICES=${SLICES:-3}
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

slice() { # NAME PREFIX SECONDS: one wrk run, its RESULT line appended to NAME's
    wrk -t2 -c"$CONC" -d"${3}s" --timeout 30s -s bench/cgi.lua "$base" -- "$2" \
        "$W/queries.enc" | grep '^RESULT' >>"$W/$1.slices"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "wrk: $CONC connections, ${DURATION} s a row in $SLICES slices taking turns," \
    "$(wc -l <"$W/queries.enc") queries in turn; load average $load_before on $(nproc) cores"
rows=(omega-cgi izde-cgi izde-fastcgi)
declare -A prefix=([omega-cgi]="/cgi-bin/omega.cgi?DB=default&DEFAULTOP=and&P="
                   [izde-cgi]="/cgi-bin/izde.cgi?q=" [izde-fastcgi]="/search?q=")
for r in "${rows[@]}"; do : >"$W/$r.slices"; done
for _ in $(seq "$SLICES"); do
    for r in "${rows[@]}"; do slice "$r" "${prefix[$r]}" $((DURATION / SLICES)); done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
printf '%-14s %9s %9s %9s %7s %7s %9s\n' row 'req/s' 'p50 ms' 'p95 ms' errors non2xx requests
: >"$W/rows.jsonl"
for r in "${rows[@]}"; do
    # req/s over the whole row; p50 and p95 the median of the slices'.
    python3 - "$r" "$W/$r.slices" $((DURATION / SLICES * SLICES)) <<'PY' | tee -a "$W/rows.jsonl" |
import json, statistics, sys
name, path, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [list(map(float, l.split()[1:])) for l in open(path)]
req = sum(r[5] for r in rows)
print(json.dumps({"name": name, "rps": round(req / secs, 1),
                  "p50_ms": round(statistics.median(r[1] for r in rows), 2),
                  "p95_ms": round(statistics.median(r[2] for r in rows), 2),
                  "socket_errors": int(sum(r[3] for r in rows)),
                  "non2xx": int(sum(r[4] for r in rows)), "requests": int(req),
                  "slices": [{"rps": r[0], "p50_ms": r[1], "p95_ms": r[2]} for r in rows]}))
PY
        python3 -c 'import json, sys; r = json.loads(sys.stdin.read())
print("%-14s %9s %9s %9s %7s %7s %9s" % (r["name"], r["rps"], r["p50_ms"], r["p95_ms"],
      r["socket_errors"], r["non2xx"], r["requests"]))'
done

mkdir -p bench/results
python3 - "$W/rows.jsonl" "$(git rev-parse --short HEAD)" "$articles" "$DURATION" "$CONC" \
    "$load_before" "$load_after" "$SLICES" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
o, c, f = rows["omega-cgi"], rows["izde-cgi"], rows["izde-fastcgi"]
res = {"commit": sys.argv[2], "articles": int(sys.argv[3]), "seconds_per_row": int(sys.argv[4]),
       "connections": int(sys.argv[5]), "slices": int(sys.argv[8]),
       "load_average_before": sys.argv[6],
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
