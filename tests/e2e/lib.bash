# Helpers for the end-to-end scripts (sourced; not a test itself).
# $IZDE_BIN holds the binaries under test (plain or sanitized build).
set -u
BIN=${IZDE_BIN:?IZDE_BIN not set}
TMP=$(mktemp -d /tmp/izde-e2e.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILS=0

fail() { echo "FAIL [$(basename "$0")]: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

# json_get FILE PYTHON-EXPR: evaluates EXPR with `j` bound to the parsed JSON
# (a real JSON parser: the output must be valid JSON).
json_get() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# search OUT ARGS...: runs izde-search --format json, output to OUT, prints status
search() {
    local out=$1; shift
    "$BIN/izde-search" --format json "$@" >"$out" 2>"$out.err"
    echo $?
}

finish() {
    [ "$FAILS" -eq 0 ] || { echo "$(basename "$0"): $FAILS failed" >&2; exit 1; }
    exit 0
}
