#!/bin/bash
# Shards (issue 9) and the parallel build (issue 8): izde-index --shards N
# puts each file's articles in the shard its id hashes to, and keeps them
# there through updates and deletes; another N is refused without --full,
# which reshards.  A -j 2 build (two parts merged with Xapian's compact)
# answers as a -j 1 build.  Two xapian-tcpsrv on free 127.0.0.1 ports serve
# the two shards: izde-search and izde.cgi over the remote stub give the
# same hits, in the same order, with the same scores, facets, snippets and
# counts as the single database; a server down is an error naming it (exit
# 4), or with --allow-partial (allow_partial = yes) the live shard's hits
# and a warning.
. "$(dirname "$0")/lib.bash"
PY=$(command -v /usr/bin/python3 || command -v python3)
A=$TMP/arch
ONE=$TMP/one
TWO=$TMP/two
SERVERS=()
stop_servers() {
    local p
    for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
    SERVERS=()
}
trap 'stop_servers; rm -rf "$TMP"' EXIT

$PY tests/e2e/gen_archive.py "$A" 300 --per-issue 40 >/dev/null
cp -r corpus/seed corpus/plain "$A/"
doccount() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
# hits FILE [N]: "score id" lines of a --format json result, in order (the
# first N)
hits() { json_get "$1" '"\n".join("%s %s" % (h["score"], h["id"]) for h in j["hits"][:'"${2:-100000}"'])'; }
# ties_sorted: the same lines, ids in id order within an equal score (the
# order of equal scores is the docid order, which differs between layouts)
ties_sorted() { sort -s -k1,1gr -k2,2; }

# ---- building ----------------------------------------------------------------
"$BIN/izde-index" -q -j 2 -d "$ONE" "$A" || fail "-j 2 build exit $?"
"$BIN/izde-index" -q -j 1 -d "$TMP/seq" "$A" || fail "-j 1 build exit $?"
n=$(doccount "$ONE")
expect_eq "-j 2 build: every article" "$n" "$(doccount "$TMP/seq")"
expect_eq "-j 2: one merged shard" "$(cat "$ONE/XAPIANDB")" "auto gen-1/shard-0"
[ ! -e "$ONE/gen-1/part-0" ] || fail "-j 2: parts left behind"
xapian-check "$ONE/gen-1/shard-0" >/dev/null || fail "merged database: xapian-check"
[ -f "$TMP/seq/iamglass" ] || fail "-j 1: a first build is written in place"
# blocks of 4 KB (schema.h, IZDE_BLOCK_SIZE) in every table, merged or not
blocks() { xapian-check "$1" | sed -n 's/^blocksize=\([^ ]*\) .*/\1/p' | sort -u | tr '\n' ' '; }
expect_eq "-j 2: block size" "$(blocks "$ONE/gen-1/shard-0")" "4K "
expect_eq "-j 1: block size" "$(blocks "$TMP/seq")" "4K "
# a database of 8 KB blocks (an older izde's) is updated, and keeps them
xapian-compact -q --blocksize=8192 "$TMP/seq" "$TMP/old8k" >/dev/null || fail "xapian-compact exit $?"
printf 'Жаңы макала\n\nТеңдештирүүчү гранттар жөнүндө.\n' >"$TMP/new8k.txt"
"$BIN/izde-index" -q -d "$TMP/old8k" "$A" "$TMP/new8k.txt" || fail "8 KB database: update exit $?"
expect_eq "8 KB database: updated" "$(doccount "$TMP/old8k")" "$(($(doccount "$TMP/seq") + 1))"
expect_eq "8 KB database: block size" "$(blocks "$TMP/old8k")" "8K "
# the parts hold consecutive runs of files: the merged database numbers the
# articles as one process does, so even equal scores rank the same
for q in 'жергиликтүү бюджет' 'year:2021' 'кеңеш'; do
    search "$TMP/j2.json" -n 100 --any --facets -d "$ONE" "$q" >/dev/null
    search "$TMP/j1.json" -n 100 --any --facets -d "$TMP/seq" "$q" >/dev/null
    cmp -s "$TMP/j1.json" "$TMP/j2.json" || fail "-j 2 and -j 1 answer '$q' differently"
done
# how often the parts commit is speed only: the merged database is the same,
# table for table, byte for byte
"$BIN/izde-index" -q -j 2 --commit-every 7 -d "$TMP/often" "$A" || fail "--commit-every 7 exit $?"
for t in postlist position termlist docdata synonym; do
    cmp -s "$ONE/gen-1/shard-0/$t.glass" "$TMP/often/gen-1/shard-0/$t.glass" ||
        fail "-j 2 --commit-every 7: $t table differs from the default build's"
done

"$BIN/izde-index" --shards 2 -d "$TWO" "$A" >"$TMP/out" 2>"$TMP/err" || fail "--shards 2 exit $?"
summary() { sed 's/ ([0-9.]* s)$//' "$1"; }
"$BIN/izde-index" -j 1 -d "$TMP/seq2" "$A" >"$TMP/out1" || fail "-j 1 exit $?"
"$BIN/izde-index" -j 2 -d "$TMP/par2" "$A" >"$TMP/out2" || fail "-j 2 exit $?"
grep -q " $n articles written" "$TMP/out1" || fail "-j 1 summary: $(cat "$TMP/out1")"
expect_eq "--shards 2: the summary of -j 1" "$(summary "$TMP/out")" "$(summary "$TMP/out1")"
expect_eq "-j 2: the summary of -j 1" "$(summary "$TMP/out2")" "$(summary "$TMP/out1")"
expect_eq "--shards 2: no warnings" "$(cat "$TMP/err")" ""
expect_eq "--shards 2: stub" "$(cat "$TWO/XAPIANDB")" "$(printf 'auto gen-1/shard-0\nauto gen-1/shard-1')"
s0=$(doccount "$TWO/gen-1/shard-0")
s1=$(doccount "$TWO/gen-1/shard-1")
expect_eq "shards hold every article" "$((s0 + s1))" "$n"
[ "$s0" -gt 100 ] && [ "$s1" -gt 100 ] || fail "shards unbalanced: $s0 + $s1"
expect_eq "plain Xapian opens the stub" "$(doccount "$TWO")" "$n"
quest -d "$TWO" zq7x | grep -q '^Exactly 1 matches' || fail "quest over the stub"

# An article stays in its shard: edited, it is updated there; deleted, gone.
where() { # ID: the shard holding it
    local k
    for k in 0 1; do
        xapian-delve -t "Q$1" "$TWO/gen-1/shard-$k" 2>/dev/null | grep -q 'termfreq 1' && echo "$k"
    done
}
id=issue-001/art-00041.txt
before=$(where "$id")
sed -i 's/zq41x/zq41edited/' "$A/$id"
rm "$A/issue-002/art-00080.txt"
"$BIN/izde-index" -v -d "$TWO" "$A" >"$TMP/v" || fail "incremental exit $?"
grep -q "^update $A/$id" "$TMP/v" || fail "edit not updated: $(grep -v '^same' "$TMP/v")"
expect_eq "edited: same shard" "$(where "$id")" "$before"
expect_eq "edited: found" "$(search "$TMP/e" -d "$TWO" --count zq41edited; cat "$TMP/e")" "0
1"
expect_eq "deleted: gone" "$(search "$TMP/e" -d "$TWO" --count zq80x; cat "$TMP/e")" "1
0"
expect_eq "after the update: one each" "$(doccount "$TWO")" "$((n - 1))"
"$BIN/izde-index" -q -d "$ONE" "$A" || fail "incremental on one exit $?"

# Another number of shards: refused in place, resharded by --full.
"$BIN/izde-index" -q --shards 3 -d "$TWO" "$A" 2>"$TMP/err"
expect_eq "--shards 3 in place: exit" "$?" 2
grep -q "has 2 shards; --shards 3 needs --full" "$TMP/err" || fail "refusal: $(cat "$TMP/err")"
cp -r "$TWO" "$TMP/three"
"$BIN/izde-index" -q --full --shards 3 -d "$TMP/three" "$A" || fail "--full --shards 3 exit $?"
expect_eq "resharded" "$(grep -c '^auto gen-2/shard-' "$TMP/three/XAPIANDB")" 3
expect_eq "resharded: every article" "$(doccount "$TMP/three")" "$((n - 1))"
"$BIN/izde-index" -q --full -d "$TWO" "$A" || fail "--full keeps the shards: exit $?"
expect_eq "--full keeps 2 shards" "$(grep -c '^auto gen-2/shard-' "$TWO/XAPIANDB")" 2

# ---- searching: one database, local shards, remote shards ---------------------
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() { # PORT SHARD
    # its own session: on SIGTERM xapian-tcpsrv signals its whole process group
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$1" "$2" >"$TMP/srv-$1.log" 2>&1 &
    SERVERS+=($!)
    local i
    for i in $(seq 100); do grep -q '^Listening' "$TMP/srv-$1.log" && return; sleep 0.1; done
    fail "xapian-tcpsrv on $1 did not start: $(cat "$TMP/srv-$1.log")"
}
P0=$(free_port)
start_server "$P0" "$TWO/gen-2/shard-0"
P1=$(free_port)
start_server "$P1" "$TWO/gen-2/shard-1"
printf '# two shards over TCP\nremote 127.0.0.1:%s\n\nremote 127.0.0.1:%s\n' "$P0" "$P1" >"$TMP/remote.stub"

# compare NAME ARGS...: one database vs the local and the remote shards;
# $RC the exit status expected (0)
compare() {
    local name=$1 rc=${RC:-0}; shift
    search "$TMP/one.json" -d "$ONE" "$@" >"$TMP/one.rc"
    search "$TMP/two.json" -d "$TWO" "$@" >"$TMP/two.rc"
    search "$TMP/rem.json" -d "$TMP/remote.stub" "$@" >"$TMP/rem.rc"
    expect_eq "$name: exit" "$(cat "$TMP/one.rc") $(cat "$TMP/two.rc") $(cat "$TMP/rem.rc")" "$rc $rc $rc"
    # local and remote shards: the same answer, byte for byte
    cmp -s "$TMP/two.json" "$TMP/rem.json" || fail "$name: remote differs from local shards: $(diff "$TMP/two.json" "$TMP/rem.json" | head -c 600)"
    # and one database: the same scores in the same order, the same hits
    expect_eq "$name: hits as one database" "$(hits "$TMP/two.json" | ties_sorted)" "$(hits "$TMP/one.json" | ties_sorted)"
    expect_eq "$name: same scores in order" "$(hits "$TMP/two.json" | cut -d' ' -f1)" "$(hits "$TMP/one.json" | cut -d' ' -f1)"
    local rest='[j["total"], j.get("facets"), j["suggestion"], sorted((h["id"], h["snippet"], h["title"], h["date"]) for h in j["hits"])]'
    expect_eq "$name: totals, facets, suggestion, snippets" "$(json_get "$TMP/two.json" "$rest")" "$(json_get "$TMP/one.json" "$rest")"
    [ "$rc" != 0 ] || [ "$(json_get "$TMP/one.json" 'len(j["hits"])')" -gt 0 ] || fail "$name: no hits to compare"
}
compare "any words" --any -n 100 --facets 'жергиликтүү өз алдынча башкаруу бюджет'
compare "all words" -n 50 'жергиликтүү бюджет'
compare "phrase" -n 50 '"өз алдынча"'
compare "page 2" --offset 10 -n 20 --any 'башкаруу кеңеш'
RC=1 compare "did you mean" 'жергилктүү'
expect_eq "did you mean: over remote shards" "$(json_get "$TMP/rem.json" 'j["suggestion"]')" "жергиликтүү"
compare "by date" --sort date --from 2000 -n 40 --any 'жергиликтүү кеңеш шайлоо'
expect_eq "by date: newest first" "$(json_get "$TMP/rem.json" '[h["date"] for h in j["hits"]] == sorted((h["date"] for h in j["hits"]), reverse=True)')" True
compare "filters" --year 2021 --any -n 30 'жергиликтүү кеңеш'
# A wildcard is expanded shard by shard (Xapian 1.4), and the weight of its
# expansion (a SYNONYM) estimated from each shard's frequencies: the same
# articles match, their scores may differ from one database's.
matches() { json_get "$1" '[j["total"], sorted(h["id"] for h in j["hits"])]'; }
for d in "$ONE" "$TWO" "$TMP/remote.stub"; do
    search "$TMP/w.json" -n 1000 -d "$d" 'башкар*' >/dev/null
    matches "$TMP/w.json"
done >"$TMP/w"
expect_eq "wildcard: same matches" "$(sort -u "$TMP/w" | wc -l)" 1
[ "$(head -n 1 "$TMP/w" | tr -dc '0-9,' | cut -d, -f1)" -gt 50 ] || fail "wildcard: few matches: $(head -c 100 "$TMP/w")"
expect_eq "count over remote shards" "$("$BIN/izde-search" --count -d "$TMP/remote.stub" --any 'жергиликтүү кеңеш')" \
    "$("$BIN/izde-search" --count -d "$ONE" --any 'жергиликтүү кеңеш')"

# The glossary's synonyms (--lang-expand) do not cross Xapian 1.4's remote
# protocol: a local database with the glossary and no articles, listed
# in the stub, brings them (it adds nothing to the statistics).
mkdir "$TMP/none"
"$BIN/izde-index" -q -d "$TMP/glossary.db" "$TMP/none" || fail "glossary database exit $?"
expect_eq "glossary database: no articles" "$(doccount "$TMP/glossary.db")" 0
{ echo "auto glossary.db"; grep '^remote' "$TMP/remote.stub"; } >"$TMP/remote-gl.stub"
expect_eq "--lang-expand, remote shards alone: no synonyms" \
    "$("$BIN/izde-search" --count --lang-expand -d "$TMP/remote.stub" budget)" 0
[ "$("$BIN/izde-search" --count --lang-expand -d "$ONE" budget)" -gt 0 ] || fail "budget: nothing to expand"
search "$TMP/one.json" --lang-expand -n 100 -d "$ONE" 'budget council' >/dev/null
search "$TMP/rem.json" --lang-expand -n 100 -d "$TMP/remote-gl.stub" 'budget council' >/dev/null
expect_eq "--lang-expand over remote shards and a glossary" "$(hits "$TMP/rem.json" | ties_sorted)" "$(hits "$TMP/one.json" | ties_sorted)"

# izde.cgi over the remote stub (cross-language by default): the JSON of
# izde-search --lang-expand.
cgi() { # CONF QUERY-STRING: the body (headers dropped), the status line in $TMP/cgi.status
    IZDE_CONFIG=$1 GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET QUERY_STRING=$2 \
        SCRIPT_NAME=/izde.cgi "$BIN/izde.cgi" </dev/null >"$TMP/cgi.out" 2>"$TMP/cgi.err"
    sed -n 's/^Status: //p' "$TMP/cgi.out" | head -1 | tr -d '\r' >"$TMP/cgi.status"
    sed '1,/^\r\{0,1\}$/d' "$TMP/cgi.out"
}
printf 'db = %s\n' "$TMP/remote-gl.stub" >"$TMP/strict.conf"
printf 'db = %s\nallow_partial = yes\n' "$TMP/remote-gl.stub" >"$TMP/partial.conf"
qs='q=%D0%B6%D0%B5%D1%80%D0%B3%D0%B8%D0%BB%D0%B8%D0%BA%D1%82%D2%AF%D2%AF&format=json&n=30'
cgi "$TMP/strict.conf" "$qs" >"$TMP/cgi.json"
"$BIN/izde-search" --format json --lang-expand -n 30 -d "$ONE" жергиликтүү >"$TMP/cli.json"
expect_eq "cgi over remote shards: scores" "$(hits "$TMP/cgi.json" | cut -d' ' -f1)" "$(hits "$TMP/cli.json" | cut -d' ' -f1)"
expect_eq "cgi over remote shards: hits" "$(hits "$TMP/cgi.json" | ties_sorted)" "$(hits "$TMP/cli.json" | ties_sorted)"

# ---- a shard server down ---------------------------------------------------------
kill "${SERVERS[1]}" && wait "${SERVERS[1]}" 2>/dev/null
unset 'SERVERS[1]'
"$BIN/izde-search" -d "$TMP/remote.stub" жергиликтүү >/dev/null 2>"$TMP/err"
expect_eq "server down: exit" "$?" 4
grep -q "remote.stub line 4: remote 127.0.0.1:$P1: NetworkError" "$TMP/err" || fail "server down: not named: $(cat "$TMP/err")"
search "$TMP/part.json" --allow-partial -n 100 -d "$TMP/remote.stub" жергиликтүү >"$TMP/rc"
expect_eq "--allow-partial: exit" "$(cat "$TMP/rc")" 0
grep -q "warning: partial results, left out: .*127.0.0.1:$P1" "$TMP/part.json.err" || fail "--allow-partial: no warning: $(cat "$TMP/part.json.err")"
# the live shard alone, as it is served (over TCP, where the glossary's
# synonyms do not reach): its hits, ranked by its own statistics
printf 'remote 127.0.0.1:%s\n' "$P0" >"$TMP/live.stub"
search "$TMP/live.json" -n 100 -d "$TMP/live.stub" жергиликтүү >/dev/null
expect_eq "--allow-partial: the live shard's hits" "$(hits "$TMP/part.json")" "$(hits "$TMP/live.json")"
[ -n "$(hits "$TMP/live.json")" ] || fail "--allow-partial: no hits to compare"
cgi "$TMP/strict.conf" "$qs" >/dev/null
expect_eq "cgi, server down: 503" "$(cut -c1-3 "$TMP/cgi.status")" 503
grep -q "127.0.0.1:$P1" "$TMP/cgi.err" || fail "cgi: server not named in the log: $(cat "$TMP/cgi.err")"
cgi "$TMP/partial.conf" "$qs&expand=0" >"$TMP/cgi.json"
# (its stub lists the glossary's database too: the live shard beside it)
printf 'auto glossary.db\nremote 127.0.0.1:%s\n' "$P0" >"$TMP/live-gl.stub"
search "$TMP/live-gl.json" -n 30 -d "$TMP/live-gl.stub" жергиликтүү >/dev/null
expect_eq "cgi allow_partial: the live shard's hits" "$(hits "$TMP/cgi.json")" "$(hits "$TMP/live-gl.json")"
grep -q "partial results, left out: .*127.0.0.1:$P1" "$TMP/cgi.err" || fail "cgi allow_partial: no warning logged: $(cat "$TMP/cgi.err")"
stop_servers
"$BIN/izde-search" --allow-partial -d "$TMP/remote.stub" жергиликтүү >/dev/null 2>"$TMP/err"
expect_eq "every server down: exit" "$?" 4
grep -q "no database could be opened" "$TMP/err" || fail "every server down: $(cat "$TMP/err")"
finish
