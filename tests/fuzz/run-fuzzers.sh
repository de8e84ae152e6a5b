#!/usr/bin/env bash
# The fuzz step of CI (issue 12), on top of the corpus regression tests that
# every build runs: builds the libFuzzer targets in build-fuzz/ (clang,
# -DPOOLSCOPE_FUZZ=ON, AddressSanitizer + UBSan, assertions on) and runs each
# for a fixed time over a copy of its checked-in corpus (tests/fuzz/corpus*),
# as many at once as there are cores. A crash, a sanitizer report, a broken
# invariant, a hang or a leak fails the step; the input is kept and its path
# printed. Installs clang and libFuzzer with apt-get when missing.
#
# Usage: tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET]   (default 20)
# Environment: POOLSCOPE_FUZZ_TARGETS="UrlFuzz SnapshotLineFuzz" runs only these.
set -euo pipefail
POOLSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$POOLSCOPE_ROOT/scripts/lib.sh"
cd "$POOLSCOPE_ROOT"

seconds="${1:-20}"
build=build-fuzz
jobs="$(nproc)"
start=$SECONDS

# clang and its libFuzzer runtime (libclang_rt.fuzzer); llvm for
# llvm-symbolizer (stack traces with file and line).
poolscope_apt_install "${POOLSCOPE_BUILD_PACKAGES[@]}" clang libclang-rt-14-dev llvm

echo "== fuzz: building the libFuzzer targets in $build/"
# RelWithDebInfo without -DNDEBUG: optimised, but assert() still checks.
cmake -S . -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DPOOLSCOPE_FUZZ=ON -DPOOLSCOPE_SANITIZE=address -DPOOLSCOPE_GUI=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g" >/dev/null
list="$build/tests/fuzz/fuzzers.txt"
targets=()
while read -r name corpus max_len; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ -n "${POOLSCOPE_FUZZ_TARGETS:-}" && " $POOLSCOPE_FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
    targets+=("$name $corpus $max_len")
done <"$list"
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets in $list" >&2; exit 1; }
poolscope_build_targets "$build" $(printf '%s\n' "${targets[@]}" | cut -d' ' -f1)
echo "== fuzz: built in $((SECONDS - start)) s; ${#targets[@]} targets, $seconds s each, $jobs at a time"

out="$build/fuzz-runs"
rm -rf "$out"
mkdir -p "$out"

# Runs one target; its log, working corpus, exit status and any failing input
# go to $out/<name>/.
fuzz_one() {
    local name="$1" corpus="$2" max_len="$3"
    local dir="$out/$name" status=0
    mkdir -p "$dir/corpus" "$dir/crashes"
    cp -r "tests/fuzz/$corpus/." "$dir/corpus/"
    # -timeout: one input taking longer is a hang; -rss_limit_mb: a leak or a
    # blow-up. Halt on the first UBSan report, as the sanitizer build does.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/bin/$name" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$dir/crashes/" "$dir/corpus" >"$dir/log" 2>&1 || status=$?
    echo "$status" >"$dir/status"
}

for entry in "${targets[@]}"; do
    read -r name corpus max_len <<<"$entry"
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    fuzz_one "$name" "$corpus" "$max_len" &
done
wait

failed=0
for entry in "${targets[@]}"; do
    read -r name corpus max_len <<<"$entry"
    dir="$out/$name"
    status="$(cat "$dir/status" 2>/dev/null || echo "no status")"
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log")"
    inputs="$(find "$dir/corpus" -type f | wc -l)"
    crash="$(find "$dir/crashes" -type f | head -n 1)"
    if [ "$status" = 0 ] && [ -z "$crash" ]; then
        echo "fuzz: $name ok: ${runs:-?} inputs in $seconds s (${rate:-?}/s), working corpus $inputs inputs"
        continue
    fi
    failed=1
    echo "fuzz: $name FAILED (exit $status) after ${runs:-?} inputs; the end of its log ($dir/log):"
    grep -v -E '^#[0-9]+|^INFO:' "$dir/log" | tail -n 40 | sed 's/^/    /'
    if [ -n "$crash" ]; then
        echo "fuzz: the input that failed is $crash"
        echo "      reproduce:  $build/bin/$name $crash"
        echo "      then fix the code, and add the input to the corpus so every build tests it:"
        echo "      cp $crash tests/fuzz/$corpus/<what-it-found>   (commit it with the fix)"
    fi
done
echo "== fuzz: done in $((SECONDS - start)) s"
exit "$failed"
