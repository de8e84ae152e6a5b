#!/bin/sh
# The exported alert rules against promtool (issue 11 §3):
#   run-promtool-tests.sh POOLSCOPE PROMTOOL SOURCE_DIR WORK_DIR
# 1. `poolscope --export-alert-rules` for every format and for all:
#    `promtool check rules` accepts each file;
# 2. `promtool test rules` on the *.test.yml of SOURCE_DIR, copied into
#    WORK_DIR next to the rules they name (rules.yml: built-in thresholds;
#    rules-custom.yml: --thresholds thresholds.json): series that reproduce
#    each incident per format, each alert asserted at its firing time;
# 3. a bad --format and a bad thresholds file exit 2 with a message and
#    write no rules.
# POSIX sh. Exits non-zero on the first failure, saying which.
set -eu

if [ $# -ne 4 ]; then
    echo "usage: $0 POOLSCOPE PROMTOOL SOURCE_DIR WORK_DIR" >&2
    exit 2
fi
poolscope=$1
promtool=$2
src=$3
work=$4

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

command -v "$promtool" >/dev/null 2>&1 ||
    fail "promtool not found ('$promtool'): install the Debian package prometheus (scripts/lib.sh lists it)"

rm -rf "$work"
mkdir -p "$work"

for format in poolscope hikaricp go_sql pgxpool otel all; do
    out="$work/rules-$format.yml"
    "$poolscope" --export-alert-rules --format "$format" >"$out" ||
        fail "poolscope --export-alert-rules --format $format exited $?"
    "$promtool" check rules "$out" >"$work/check-$format.log" 2>&1 ||
        { cat "$work/check-$format.log" >&2; fail "promtool check rules rejects the $format rules"; }
    if [ "$format" != all ]; then
        grep -q "^  - name: poolscope_$format\$" "$out" || fail "--format $format: no group poolscope_$format"
        [ "$(grep -c '^  - name: ' "$out")" -eq 1 ] || fail "--format $format: more than one group"
    fi
done
[ "$(grep -c '^  - name: ' "$work/rules-all.yml")" -eq 5 ] || fail "--format all: not one group per format"

# Without --format: every format, as with all.
"$poolscope" --export-alert-rules >"$work/rules.yml"
cmp -s "$work/rules.yml" "$work/rules-all.yml" || fail "--export-alert-rules without --format differs from --format all"
"$poolscope" --export-alert-rules --thresholds "$src/thresholds.json" --format poolscope >"$work/rules-custom.yml"
"$promtool" check rules "$work/rules-custom.yml" >/dev/null

# promtool reads each test's rule_files relative to the test file.
cp "$src"/*.test.yml "$work/"
"$promtool" test rules "$work"/*.test.yml || fail "promtool test rules"

# Errors: exit 2, a message naming the problem, nothing on stdout.
expect_error() {
    expected=$1
    shift
    status=0
    "$poolscope" "$@" >"$work/err.out" 2>"$work/err.txt" || status=$?
    [ "$status" -eq 2 ] || fail "poolscope $*: exit $status, expected 2"
    grep -qF -- "$expected" "$work/err.txt" || { cat "$work/err.txt" >&2; fail "poolscope $*: stderr lacks '$expected'"; }
    [ ! -s "$work/err.out" ] || fail "poolscope $*: wrote to stdout on error"
}
expect_error "--format: 'prometheus' is not one of poolscope, hikaricp, go_sql, pgxpool, otel, all" \
    --export-alert-rules --format prometheus
printf '{"schema": 1, "rules": {"wait_p99": {"warning": "5"}}}\n' >"$work/bad.json"
expect_error "rules.wait_p99.warning: expected a number or null, got a string" \
    --export-alert-rules --thresholds "$work/bad.json"
expect_error "cannot be opened" --export-alert-rules --thresholds "$work/missing.json"
expect_error "--format needs --export-alert-rules" --headless --format go_sql
echo "alert rules: promtool check and test passed"
