#!/bin/bash
# The crash test (issue 5): kill -9 izde-index at random points and check
# that the database opens, xapian-check passes, everything committed before
# the kill is there, and that the next run completes the work.
#
#   tests/crash-test.sh BIN-DIR [ARTICLES] [KILLS]     (make crash-test)
#
# An archive of ARTICLES generated articles (tests/e2e/gen_archive.py) is
# indexed from nothing by runs killed at random moments (a quarter of the
# kills), each resumed by the next; then, on the complete database, each
# round changes the archive (new issue, edits, deletions, renames, touches),
# starts a run (some --full, some committing by time), kills it at a random
# moment, checks, and completes it with a rerun, checked again.
set -u
BIN=${1:?usage: crash-test.sh BIN-DIR [ARTICLES] [KILLS]}
ARTICLES=${2:-3000}
KILLS=${3:-20}
NEW=$((ARTICLES / 5 < 60 ? ARTICLES / 5 : 60)) # new articles a round
TOP=$(cd "$(dirname "$0")/.." && pwd)
# Debian's python3 itself: through a pyenv shim each start costs a second.
PY=$(command -v /usr/bin/python3 || command -v python3)
TMP=$(mktemp -d /tmp/izde-crash.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
A=$TMP/arch
DB=$TMP/db
FAILS=0
kills=0
fail() { echo "FAIL [crash-test]: $*" >&2; FAILS=$((FAILS + 1)); }
now() { date +%s.%N; }

# The database's Xapian directory: DB, or the generation its stub names.
xapian_dir() {
    if [ -f "$DB/XAPIANDB" ]; then echo "$DB/$(sed -n 's/^auto //p' "$DB/XAPIANDB")"; else echo "$DB"; fi
}

check_db() { # MODE [LOG]
    local out
    # Killed before it made the database, a first run leaves none (a new
    # database appears whole, renamed into place), and nothing committed.
    if [ ! -e "$DB" ] && [ "$1" = committed ] && ! grep -q '^commit' "${2:-/dev/null}"; then
        echo "  no database yet"
        return
    fi
    xapian-delve "$DB" >/dev/null 2>&1 || { fail "$1: the database does not open"; return; }
    out=$(xapian-check "$(xapian_dir)" 2>&1) || fail "$1: xapian-check: $(echo "$out" | tail -n 3)"
    out=$($PY "$TOP/tests/crash_check.py" "$DB" "$A" "$@" 2>&1) || fail "$out"
    echo "  $out"
}

# run_and_kill SECONDS ARGS...: runs izde-index -v, kills -9 it after SECONDS
# unless it ended before; the -v output in $TMP/log.  Sets $killed.
run_and_kill() {
    local delay=$1; shift
    "$BIN/izde-index" -v -d "$DB" "$@" "$A" >"$TMP/log" 2>"$TMP/err" &
    local pid=$!
    sleep "$delay"
    killed=0
    if kill -9 "$pid" 2>/dev/null; then killed=1; kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
    local rc=$?
    [ "$killed" = 1 ] || [ "$rc" = 0 ] || fail "run ended with $rc: $(head -c 500 "$TMP/err")"
}

# A random delay in [0, $1) seconds, at millisecond resolution.
random_delay() { awk -v max="$1" -v r="$RANDOM$RANDOM" 'BEGIN {srand(r); printf "%.3f", rand() * max}'; }

complete_run() {
    "$BIN/izde-index" -q -d "$DB" "$A" || fail "completing run exit $?"
    check_db complete
}

# Changes a round makes: $NEW new files, $NEW/2 edits, deletions, renames,
# touches.
change_archive() { # ROUND
    local r=$1 files
    $PY "$TOP/tests/e2e/gen_archive.py" "$A" "$NEW" --first $((ARTICLES + r * 60)) \
        --seed "$r" --corpus "$TOP/corpus" --per-issue 30
    mapfile -t files < <(find "$A" -name '*.txt' | shuf -n 80 --random-source=<(yes "$r"))
    for f in "${files[@]:0:$((NEW / 2))}"; do echo "zq${r}v${r}edit" >>"$f"; done
    for f in "${files[@]:30:10}"; do rm -f "$f"; done
    for f in "${files[@]:40:5}"; do [ -f "$f" ] && mv "$f" "${f%.txt}-r$r.txt"; done
    for f in "${files[@]:45:35}"; do [ -f "$f" ] && touch "$f"; done
}

echo "crash-test: $ARTICLES articles, $KILLS kills ($BIN)"
$PY "$TOP/tests/e2e/gen_archive.py" "$A" "$ARTICLES" --corpus "$TOP/corpus"

# Phase 1: the first build, killed a quarter of the kills times, resumed.
t0=$(now)
"$BIN/izde-index" -q -d "$TMP/probe" --commit-every 50 "$A" || fail "probe run"
full_time=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {print b - a}')
rm -rf "$TMP/probe"
echo "an uninterrupted build: ${full_time} s"
first_kills=$((KILLS / 4 > 0 ? KILLS / 4 : 1))
while [ "$kills" -lt "$first_kills" ]; do
    run_and_kill "$(random_delay "$(awk -v t="$full_time" -v k="$first_kills" 'BEGIN {print t / k * 1.5}')")" \
        --commit-every 50
    echo "kill $kills during the first build: $(grep -c '^commit' "$TMP/log") commits, $(grep -c '^add' "$TMP/log") files added before it"
    check_db committed "$TMP/log"
done
complete_run

# Phase 2: rounds of changes, each run killed once, then completed.
round=0
while [ "$kills" -lt "$KILLS" ] && [ "$round" -lt $((KILLS * 3)) ]; do
    round=$((round + 1))
    change_archive "$round"
    case $((round % 4)) in
    0) args=(--full --commit-every 200) ;;
    1) args=(--commit-every 20) ;;
    2) args=(--commit-seconds 1 --commit-every 100000) ;;
    3) args=(--commit-every 5) ;;
    esac
    before=$kills
    # a --full rebuild takes about a full build; a round's ~100 changed
    # articles about their share of it, plus the start
    if [ "${args[0]}" = --full ]; then
        max=$full_time
    else
        max=$(awk -v t="$full_time" -v n="$ARTICLES" -v c="$NEW" 'BEGIN {print 0.3 + 1.3 * t * c * 1.5 / n}')
    fi
    run_and_kill "$(random_delay "$max")" "${args[@]}"
    if [ "$kills" -gt "$before" ]; then
        echo "kill $kills in round $round (${args[*]}): $(grep -c '^commit' "$TMP/log") commits, $(grep -c -E '^(add|update|delete)' "$TMP/log") changes before it"
        if [ "${args[0]}" = --full ]; then
            # the old database, whole: the rebuild was not swapped in
            $PY "$TOP/tests/crash_check.py" "$DB" "$A" committed /dev/null >/dev/null ||
                fail "round $round: database broken by a killed --full"
            xapian-check "$(xapian_dir)" >/dev/null 2>&1 || fail "round $round: xapian-check after a killed --full"
        else
            check_db committed "$TMP/log"
        fi
    fi
    complete_run
done
[ "$kills" -ge "$KILLS" ] || fail "only $kills kills happened"
echo "crash-test: $kills kills, $FAILS failures"
[ "$FAILS" -eq 0 ]
