#!/bin/bash
# Incremental reindexing (issue 5): new files alone are read, a touched file
# is not re-indexed, an edited one is updated in place, a deleted one is gone
# from the results, a rename is a delete and an add; --no-delete, two roots
# in one database, an empty root, a failing file, --full and its swap,
# the output on and off a terminal.
. "$(dirname "$0")/lib.bash"
# Debian's python3 itself: through a pyenv shim each start costs a second.
PY=$(command -v /usr/bin/python3 || command -v python3)
GEN="$PY tests/e2e/gen_archive.py"
A=$TMP/arch
DB=$TMP/db
IDX=("$BIN/izde-index" -d "$DB")

# actions FILE: "ACTION PATH" lines of -v output, without the "same" ones
actions() { grep -v -e '^same ' -e '^commit ' -e '^izde-index: ' "$1" | sort; }
found() {
    "$BIN/izde-search" --format json -d "$DB" "$1" 2>/dev/null |
        $PY -c 'import json,sys; print(" ".join(sorted(h["path"] for h in json.load(sys.stdin)["hits"])))'
}
doccount() { xapian-delve "$DB" | sed -n 's/^number of documents = //p'; }

# Two issues of 4 articles.
$GEN "$A" 8 --per-issue 4
"${IDX[@]}" "$A" >"$TMP/out" 2>"$TMP/err" || fail "first run exit $?"
expect_eq "first summary" "$(sed 's/ ([0-9.]* s)$//' "$TMP/out")" \
    "izde-index: files: 8 added, 0 updated, 0 deleted, 0 unchanged, 0 failed, 0 skipped; 8 articles written"
expect_eq "off a terminal: one line" "$(wc -l <"$TMP/out")" 1
expect_eq "no warnings" "$(cat "$TMP/err")" ""

# A new issue: only its files are read.
$GEN "$A" 3 --per-issue 4 --first 8 --seed 2
"${IDX[@]}" -v "$A" >"$TMP/v" || fail "new issue exit $?"
expect_eq "new issue: only its files" "$(actions "$TMP/v")" \
    "$(printf 'add %s\n' "$A"/issue-002/art-0000{8,9}.txt "$A"/issue-002/art-00010.txt | sort)"
expect_eq "new issue: the rest same" "$(grep -c '^same ' "$TMP/v")" 8
expect_eq "new issue found" "$(found zq9x)" "issue-002/art-00009.txt"

# The walk's threads (up to -j) share the root's directories: the files come
# in the order one thread lists them.
"${IDX[@]}" -j 1 -v "$A" | grep -v '^izde-index: ' >"$TMP/v1"
"${IDX[@]}" -j 3 -v "$A" | grep -v '^izde-index: ' >"$TMP/v3"
expect_eq "walk in 1 thread: every file" "$(grep -c '^same ' "$TMP/v1")" 11
expect_eq "walk in 3 threads: the same order" "$(cat "$TMP/v3")" "$(cat "$TMP/v1")"

# Touched, content unchanged: not re-indexed (its new mtime is recorded).
touch "$A/issue-000/art-00001.txt"
touch -d '2001-01-01' "$A/issue-001/art-00005.txt"
"${IDX[@]}" -v "$A" >"$TMP/v" || fail "touch exit $?"
expect_eq "touched: not re-indexed" "$(actions "$TMP/v")" \
    "$(printf 'touch %s\n' "$A/issue-000/art-00001.txt" "$A/issue-001/art-00005.txt")"
grep -q ' 0 articles written' "$TMP/v" || fail "touch wrote articles: $(tail -n 1 "$TMP/v")"
"${IDX[@]}" -v "$A" >"$TMP/v"
expect_eq "touched, then the fast path" "$(actions "$TMP/v")" ""

# Edited: updated in place (same id, same number of documents).
n=$(doccount)
sed -i 's/zq2x/zq2edited/g' "$A/issue-000/art-00002.txt"
# the same size, a new mtime: the hash tells
sed -i 's/zq3x/zq3y/g' "$A/issue-000/art-00003.txt"
"${IDX[@]}" -v "$A" >"$TMP/v" || fail "edit exit $?"
expect_eq "edited: updated" "$(actions "$TMP/v")" \
    "$(printf 'update %s\n' "$A/issue-000/art-00002.txt" "$A/issue-000/art-00003.txt")"
expect_eq "edited: new text found" "$(found zq2edited)" "issue-000/art-00002.txt"
expect_eq "edited: old text gone" "$(found zq2x)" ""
expect_eq "same-size edit found" "$(found zq3y)" "issue-000/art-00003.txt"
expect_eq "edited: in place" "$(doccount)" "$n"

# Deleted: gone from the results.  Renamed: one delete, one add.
rm "$A/issue-000/art-00000.txt"
mv "$A/issue-001/art-00004.txt" "$A/issue-001/renamed.txt"
"${IDX[@]}" -v "$A/" >"$TMP/v" || fail "delete exit $?"
expect_eq "deleted and renamed" "$(actions "$TMP/v")" "$(printf '%s\n' \
    "add $A/issue-001/renamed.txt" "delete $A/issue-000/art-00000.txt" \
    "delete $A/issue-001/art-00004.txt" | sort)"
expect_eq "deleted: gone" "$(found zq0x)" ""
expect_eq "renamed: found by its new path" "$(found zq4x)" "issue-001/renamed.txt"
expect_eq "count after delete and rename" "$(doccount)" $((n - 1))

# --no-delete keeps them; the next plain run removes them.
rm "$A/issue-002/art-00010.txt"
"${IDX[@]}" -v --no-delete "$A" >"$TMP/v" || fail "--no-delete exit $?"
expect_eq "--no-delete" "$(actions "$TMP/v")" ""
expect_eq "--no-delete: still found" "$(found zq10x)" "issue-002/art-00010.txt"
"${IDX[@]}" -q "$A" || fail "after --no-delete exit $?"
expect_eq "then deleted" "$(found zq10x)" ""

# A second root in the same database: a run over one root keeps the other's.
$GEN "$TMP/other" 2 --first 500 --seed 3
"${IDX[@]}" -q "$TMP/other" || fail "second root exit $?"
"${IDX[@]}" -v "$A" >"$TMP/v" || fail "first root again exit $?"
expect_eq "other root untouched" "$(actions "$TMP/v")" ""
expect_eq "other root found" "$(found zq500x)" "issue-016/art-00500.txt"

# An empty root (an archive not mounted) deletes nothing, with a warning.
mv "$A" "$TMP/away" && mkdir "$A"
"${IDX[@]}" -v "$A" >"$TMP/v" 2>"$TMP/err" || fail "empty root exit $?"
expect_eq "empty root: nothing deleted" "$(actions "$TMP/v")" ""
grep -q "is empty" "$TMP/err" || fail "empty root: no warning: $(cat "$TMP/err")"
rmdir "$A" && mv "$TMP/away" "$A"

# A file that cannot be read: reported, the others indexed, exit 1; an
# indexed file that turns bad keeps its indexed version.
printf '\x00\x01\x02binary' >"$A/issue-000/bad.txt"
cp "$A/issue-001/art-00006.txt" "$TMP/keep"
: >"$A/issue-001/art-00006.txt"
"${IDX[@]}" -v "$A" >"$TMP/v" 2>"$TMP/err"
expect_eq "bad files exit" "$?" 1
expect_eq "bad files: fail" "$(actions "$TMP/v")" \
    "$(printf 'fail %s\n' "$A/issue-000/bad.txt" "$A/issue-001/art-00006.txt")"
grep -q "bad.txt" "$TMP/err" || fail "bad file not named: $(cat "$TMP/err")"
expect_eq "bad file: old version kept" "$(found zq6x)" "issue-001/art-00006.txt"
rm "$A/issue-000/bad.txt"
cp -p "$TMP/keep" "$A/issue-001/art-00006.txt"
"${IDX[@]}" -q "$A" || fail "repaired exit $?"

# -q: nothing at all.
expect_eq "-q silent" "$("${IDX[@]}" -q "$A" 2>&1)" ""

# --full: a new generation swapped in; the next run reads nothing.
before=$(doccount)
"${IDX[@]}" --full "$A" "$TMP/other" >"$TMP/out" || fail "--full exit $?"
[ -f "$DB/XAPIANDB" ] || fail "--full: no stub"
expect_eq "--full: same articles" "$(doccount)" "$before"
expect_eq "--full: found" "$(found zq9x)" "issue-002/art-00009.txt"
"${IDX[@]}" -v "$A" "$TMP/other" >"$TMP/v" || fail "after --full exit $?"
expect_eq "after --full: nothing read" "$(actions "$TMP/v")" ""
gen=$(sed -n 's/^auto //p' "$DB/XAPIANDB")
xapian-check "$DB/$gen" >/dev/null || fail "xapian-check after --full"
"${IDX[@]}" -q --full "$A" "$TMP/other" || fail "second --full exit $?"
"${IDX[@]}" -q "$A" "$TMP/other"
expect_eq "old generations removed" "$(ls -d "$DB"/gen-* | wc -l)" 1
expect_eq "no plain tables left" "$(ls "$DB" | grep -c glass)" 0

# On a terminal: the progress bar (files done/total, articles/s, ETA).
touch "$A/issue-000/art-00001.txt"
sed -i 's/zq1x/zq1z/' "$A/issue-000/art-00001.txt"
script -qec "'$BIN/izde-index' -d '$DB' '$A'" /dev/null >"$TMP/tty" </dev/null
grep -q "9/9 files .* articles/s  ETA" "$TMP/tty" || fail "no progress bar: $(cat -v "$TMP/tty")"
grep -q "1 updated" "$TMP/tty" || fail "no summary on a terminal: $(cat -v "$TMP/tty")"

# Usage errors: exit 2.
"$BIN/izde-index" -d "$DB" --commit-every 0 "$A" 2>/dev/null
expect_eq "--commit-every 0" "$?" 2
"$BIN/izde-index" -d "$DB" --commit-seconds x "$A" 2>/dev/null
expect_eq "--commit-seconds x" "$?" 2
"$BIN/izde-index" --help | grep -q "^Exit status: 0 all good" || fail "--help: exit codes"
finish
