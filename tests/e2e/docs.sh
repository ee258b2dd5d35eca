#!/bin/bash
# The examples of README.md, the man pages and --help work as printed: each
# command is run on a database of corpus/ and must succeed, and where README
# shows the seed article in the output, the output shows it too.
. "$(dirname "$0")/lib.bash"
TOP=$PWD
cd "$TMP" || exit 1
ln -s "$TOP/corpus" corpus
ln -s "$TOP/schema" schema
mkdir bin && ln -s "$BIN/izde-index" bin/izde-index && ln -s "$BIN/izde-search" bin/izde-search
PATH=$TMP/bin:$PATH
SEED=seed/000_68d1a355e32fe76a.txt

n=0
# README: lines "    $ bin/..." followed by their shown output.
while IFS= read -r cmd; do
    shown=$(awk -v c="    \$ $cmd" '$0 == c {on = 1; next} on && /^    \$ / {exit} on && /^$/ {exit} on' "$TOP/README.md")
    out=$(eval "$cmd" 2>&1); rc=$?
    if [ -n "$shown" ] && ! echo "$shown" | grep -q '…'; then
        # Shown in full: the output must be exactly that (times aside).
        norm() { tr -d '\r' | sed -E 's/\([0-9.]+ s\)/(T s)/'; }
        expect_eq "README: '$cmd' output" "$(echo "$out" | norm)" "$(echo "$shown" | sed 's/^    //' | norm)"
    else
        [ "$rc" -eq 0 ] || fail "README: '$cmd' exited $rc: $out"
        if echo "$shown" | grep -q "$SEED"; then
            echo "$out" | grep -q "$SEED" || fail "README: '$cmd' does not show $SEED"
        fi
    fi
    n=$((n + 1))
done < <(sed -n 's/^    \$ \(bin\/.*\)/\1/p' "$TOP/README.md")
[ "$n" -ge 3 ] || fail "found only $n README examples"

# README's issue XML is schema/issue-example.xml.
expect_eq "README's issue XML" \
    "$(awk '/^    <\?xml / {on = 1} on {print substr($0, 5)} on && /^    <\/issue>/ {exit}' "$TOP/README.md")" \
    "$(cat "$TOP/schema/issue-example.xml")"

# The man pages' EXAMPLE(S) sections, and --help's Examples.
for page in "$TOP"/man/*.1; do
    while IFS= read -r cmd; do
        [ -n "$cmd" ] || continue
        out=$(eval "$cmd" 2>&1) || fail "$(basename "$page"): '$cmd' exited $?: $out"
        n=$((n + 1))
    done < <(awk '/^\.SH EXAMPLE/ {s = 1; next} /^\.SH/ {s = 0} s && !/^\./' "$page")
done
for prog in izde-index izde-search; do
    "$prog" --help >/dev/null || fail "$prog --help exited $?"
    while IFS= read -r cmd; do
        out=$(eval "$cmd" 2>&1) || fail "$prog --help: '$cmd' exited $?: $out"
        n=$((n + 1))
    done < <("$prog" --help | awk '/^Examples?:/ {s = 1; next} s && /^  izde-/ {sub(/^  /, ""); print}')
done
[ "$n" -ge 12 ] || fail "found only $n examples in all"
echo "docs.sh: $n examples run" >&2
finish
