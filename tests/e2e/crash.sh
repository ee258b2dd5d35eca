#!/bin/bash
# A short crash test in make check: kill -9 izde-index at 3 random points
# over 80 articles (make crash-test runs the full one: 3000, 20 kills).
. "$(dirname "$0")/lib.bash"
bash tests/crash-test.sh "$BIN" 80 3 >"$TMP/out" 2>&1 || fail "crash test: $(tail -n 20 "$TMP/out")"
finish
