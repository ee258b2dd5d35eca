#!/bin/bash
# One writer at a time (issue 5): a second run exits 3 naming the holder's
# pid, or waits with --wait; a killed run leaves no lock behind.
. "$(dirname "$0")/lib.bash"
# Debian's python3 itself: through a pyenv shim each start costs a second.
PY=$(command -v /usr/bin/python3 || command -v python3)
A=$TMP/arch
DB=$TMP/db
$PY tests/e2e/gen_archive.py "$A" 400
mkdir -p "$DB"

# A holder that is not izde-index but takes the same lock and writes its pid.
hold_lock() { # SECONDS
    ( flock -x 9 && echo "$BASHPID test-holder" >"$DB/izde.lock" && touch "$TMP/held" &&
      sleep "$1" ) 9>>"$DB/izde.lock" &
    holder=$!
    while [ ! -e "$TMP/held" ]; do sleep 0.05; done
    rm -f "$TMP/held"
}

hold_lock 30
start=$SECONDS
"$BIN/izde-index" -d "$DB" "$A" >"$TMP/out" 2>"$TMP/err"
expect_eq "locked: exit" "$?" 3
grep -q "locked by test-holder pid [0-9]" "$TMP/err" || fail "no pid in: $(cat "$TMP/err")"
pid=$(sed -n 's/.*pid \([0-9]*\).*/\1/p' "$TMP/err")
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || fail "the pid named ($pid) is not the holder"
expect_eq "locked: no summary" "$(cat "$TMP/out")" ""
"$BIN/izde-index" -w 1 -d "$DB" "$A" >/dev/null 2>&1
expect_eq "locked, waited 1 s in vain: exit" "$?" 3
[ $((SECONDS - start)) -lt 20 ] || fail "refusals took $((SECONDS - start)) s"
kill "$holder"; wait "$holder" 2>/dev/null

# --wait: the second run waits for the first to finish.
hold_lock 2
"$BIN/izde-index" -q -w 60 -d "$DB" "$A" || fail "waiting run exit $?"
wait "$holder"

# Two real runs at once: the second waits or exits with the lock code and
# the first one's pid.
$PY tests/e2e/gen_archive.py "$A" 300 --first 400
"$BIN/izde-index" -q -d "$DB" "$A" &
first=$!
while ! grep -q "^$first " "$DB/izde.lock" 2>/dev/null; do
    kill -0 "$first" 2>/dev/null || break
    sleep 0.02
done
"$BIN/izde-index" -q -d "$DB" "$A" 2>"$TMP/err"
rc=$?
if kill -0 "$first" 2>/dev/null || [ "$rc" = 3 ]; then
    expect_eq "concurrent run exit" "$rc" 3
    grep -q "pid $first" "$TMP/err" || fail "concurrent: no pid $first in: $(cat "$TMP/err")"
fi
"$BIN/izde-index" -q -w 300 -d "$DB" "$A" || fail "waiting concurrent run exit $?"
wait "$first" || fail "first run exit $?"
expect_eq "all indexed" "$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')" 700

# A run killed (kill -9) while it holds the lock leaves no lock behind.
$PY tests/e2e/gen_archive.py "$A" 300 --first 700
"$BIN/izde-index" -q -d "$DB" "$A" &
victim=$!
while ! grep -q "^$victim " "$DB/izde.lock" 2>/dev/null; do sleep 0.02; done
sleep 0.3
kill -9 "$victim"; wait "$victim" 2>/dev/null
"$BIN/izde-index" -q -d "$DB" "$A" || fail "after a kill -9: exit $?"
expect_eq "after a kill -9: all indexed" \
    "$(xapian-delve "$DB" | sed -n 's/^number of documents = //p')" 1000
finish
