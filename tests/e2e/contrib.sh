#!/bin/bash
# contrib/crontab and contrib/izde-index.{service,timer} work as printed:
# their exact command lines are run, with the environment the files set
# (the two paths pointed at a test archive and database, izde-index found
# first in the PATH), and README.md shows the same lines.
. "$(dirname "$0")/lib.bash"
# Debian's python3 itself: through a pyenv shim each start costs a second.
PY=$(command -v /usr/bin/python3 || command -v python3)
TOP=$PWD
$PY tests/e2e/gen_archive.py "$TMP/archive" 40
doccount() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }
# The test's values of the variables the files set.
test_env() { # NAME VALUE: prints the value the test uses instead
    case $1 in
    PATH) echo "$BIN:$2" ;;
    IZDE_DB) echo "$TMP/$3.db" ;;
    IZDE_ARCHIVE) echo "$TMP/archive" ;;
    *) echo "$2" ;;
    esac
}

# ---- crontab: NAME=value lines, then "m h dom mon dow command" ----------------
declare -a cron_env=() jobs=()
while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    if [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
        cron_env+=("${BASH_REMATCH[1]}=$(test_env "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" cron)")
    elif [[ $line =~ ^([0-9*/,-]+[[:space:]]+){5}(.*)$ ]]; then
        jobs+=("${BASH_REMATCH[2]}")
    else
        fail "crontab: neither a variable nor a job: $line"
    fi
done <contrib/crontab
expect_eq "crontab jobs" "${#jobs[@]}" 1
for cmd in "${jobs[@]}"; do
    # cron turns an unescaped % into a newline
    [[ $cmd == *%* ]] && fail "crontab: % in the command: $cmd"
    grep -qF -- "$cmd" README.md || fail "README does not show the crontab line: $cmd"
    for run in 1 2; do # cron runs it with /bin/sh, the crontab's variables set
        out=$(env -i HOME="$TMP" "${cron_env[@]}" /bin/sh -c "$cmd" 2>&1)
        rc=$?
        expect_eq "crontab run $run exit" "$rc" 0
        expect_eq "crontab run $run: silent (cron mails output)" "$out" ""
    done
    expect_eq "crontab: indexed" "$(doccount "$TMP/cron.db")" 40
done

# ---- the systemd service: Environment= lines, ExecStart= ------------------------
declare -A unit_env=()
exec_start=
while IFS= read -r line; do
    case $line in
    Environment=*)
        kv=${line#Environment=}
        unit_env[${kv%%=*}]=$(test_env "${kv%%=*}" "${kv#*=}" systemd) ;;
    ExecStart=*) exec_start=${line#ExecStart=} ;;
    esac
done <contrib/izde-index.service
[ -n "$exec_start" ] || fail "service: no ExecStart="
grep -qF -- "ExecStart=$exec_start" README.md || fail "README does not show ExecStart=$exec_start"
grep -q '^Type=oneshot$' contrib/izde-index.service || fail "service: not Type=oneshot"
# systemd's expansion: ${NAME} is one word; words split at spaces.
argv=()
for word in $exec_start; do
    while [[ $word =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
        name=${BASH_REMATCH[1]}
        word=${word/"\${$name}"/"${unit_env[$name]-}"}
    done
    argv+=("$word")
done
# a bare name is looked up in systemd's fixed search path (/usr/local/bin,
# /usr/bin, ...): here the binaries under test come first
prog=${argv[0]}
[[ $prog == /* ]] || prog=$BIN/$prog
[ -x "$prog" ] || fail "service: $prog is not the program"
out=$("$prog" "${argv[@]:1}" 2>&1)
expect_eq "service exit" "$?" 0
echo "$out" | grep -q '^izde-index: files: 40 added' || fail "service: no summary for the journal: $out"
expect_eq "service: indexed" "$(doccount "$TMP/systemd.db")" 40

# ---- the timer --------------------------------------------------------------------
calendar=$(sed -n 's/^OnCalendar=//p' contrib/izde-index.timer)
[ -n "$calendar" ] || fail "timer: no OnCalendar="
grep -qF -- "OnCalendar=$calendar" README.md || fail "README does not show OnCalendar=$calendar"
grep -q '^Unit=' contrib/izde-index.timer &&
    fail "timer: Unit= set (izde-index.timer starts izde-index.service by its name)"
grep -q '^WantedBy=timers.target$' contrib/izde-index.timer || fail "timer: not WantedBy=timers.target"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze calendar "$calendar" >/dev/null || fail "timer: systemd-analyze calendar '$calendar'"
else
    [[ $calendar =~ ^\*-\*-\*\ [0-9]{2}:[0-9]{2}:[0-9]{2}$ ]] || fail "timer: OnCalendar=$calendar"
fi
finish
