#!/bin/bash
# Searchers keep answering during a reindex (issue 5): a loop of
# izde-search while izde-index adds, updates and deletes with frequent
# commits, and while --full swaps a new database in, never gets an error.
. "$(dirname "$0")/lib.bash"
# Debian's python3 itself: through a pyenv shim each start costs a second.
PY=$(command -v /usr/bin/python3 || command -v python3)
A=$TMP/arch
DB=$TMP/db
$PY tests/e2e/gen_archive.py "$A" 100
"$BIN/izde-index" -q -d "$DB" "$A" || fail "first run exit $?"
$PY tests/e2e/gen_archive.py "$A" 150 --first 100 --seed 5

# Searches in a loop until $TMP/stop appears; each must exit 0 (hits) and
# say nothing on stderr.  Counts in $TMP/searches, errors in $TMP/errors.
searcher() {
    local n=0
    while [ ! -e "$TMP/stop" ]; do
        "$BIN/izde-search" -d "$DB" -n 20 --format json "$1" >"$TMP/s.$2" 2>"$TMP/e.$2"
        rc=$?
        if [ "$rc" != 0 ] || [ -s "$TMP/e.$2" ]; then
            echo "query '$1': exit $rc: $(cat "$TMP/e.$2")" >>"$TMP/errors"
        fi
        n=$((n + 1))
    done
    echo "$n" >>"$TMP/searches"
}
: >"$TMP/errors"
searcher 'Макала' 1 &
s1=$!
searcher 'zq7x' 2 &
s2=$!

"$BIN/izde-index" -q --commit-every 10 -d "$DB" "$A" || fail "adding run exit $?"
sed -i 's/ / өзгөртүлдү /' "$A"/issue-00[0-3]/*.txt
rm "$A"/issue-004/*.txt
"$BIN/izde-index" -q --commit-every 10 -d "$DB" "$A" || fail "updating run exit $?"
"$BIN/izde-index" -q --full -d "$DB" "$A" || fail "--full exit $?"
"$BIN/izde-index" -q --full --commit-every 10 -d "$DB" "$A" || fail "second --full exit $?"
touch "$TMP/stop"
wait "$s1" "$s2"
expect_eq "search errors" "$(head -c 2000 "$TMP/errors")" ""
total=$(awk '{s += $1} END {print s}' "$TMP/searches")
[ "$total" -ge 10 ] || fail "only $total searches ran during the reindex"
echo "readers.sh: $total searches during the reindex" >&2
finish
