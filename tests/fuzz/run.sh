#!/bin/bash
# Runs each libFuzzer target for SECONDS seconds: tests/fuzz/run.sh BINDIR SECONDS TARGET...
# Seeds: corpus/, the test fixtures and the PDFs the Makefile sets in
# build/fuzz/seeds (read only); what a target learns is
# kept in build/fuzz/corpus/TARGET between runs; a crash's input lands in
# build/fuzz/artifacts/.  Exit status 1 if any target failed.
set -u
bindir=$1 secs=$2; shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
seeds=("$top/corpus/seed" "$top/corpus/articles" "$top/corpus/plain")
for d in "$top/tests/fixtures/html" "$top/tests/fixtures/hostile" "$top/tests/fixtures/xml" \
         "$top/schema" "$top/tests/fuzz/regressions" "$top/build/fuzz/seeds"; do
    [ -d "$d" ] && seeds+=("$d")
done
mkdir -p "$top/build/fuzz/artifacts"
failed=0
for t in "$@"; do
    work=$top/build/fuzz/corpus/$t
    mkdir -p "$work"
    echo "== $t: $secs s"
    # -rss_limit_mb: a parser must not need gigabytes for a small input;
    # -timeout: nor seconds.
    if ! "$bindir/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
            -max_len=262144 -print_final_stats=1 \
            -artifact_prefix="$top/build/fuzz/artifacts/$t-" "$work" "${seeds[@]}" \
            >"$top/build/fuzz/$t.log" 2>&1; then
        echo "FAIL $t (see build/fuzz/$t.log)"; tail -n 30 "$top/build/fuzz/$t.log"
        failed=1
    else
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' \
            "$top/build/fuzz/$t.log" | tr '\n' ' '; echo
    fi
done
exit $failed
