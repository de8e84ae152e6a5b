#!/usr/bin/env bash
# Builds PoolScope and runs every test:
#   1. the whole suite (unit, app, integration against real PostgreSQL, MariaDB
#      and PgBouncer, benchmark smoke tests) in build/;
#   2. the packaging tests (label package) on build/: the core installed and
#      used by an out-of-tree consumer, the .deb built, installed, run, removed;
#   3. the whole suite again under AddressSanitizer + UBSan in build-asan/;
#   4. the core's concurrency tests and the recorder under ThreadSanitizer in build-tsan/.
# Installs what is missing with apt-get first. Exits non-zero on any failure.
set -euo pipefail
POOLSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$POOLSCOPE_ROOT/scripts/lib.sh"
cd "$POOLSCOPE_ROOT"

poolscope_apt_install "${POOLSCOPE_BUILD_PACKAGES[@]}"
jobs="$(nproc)"
# Each stage's heading says how long the run has taken so far (CI's budget is
# tight on two cores).
stage() { echo "== $* [$((SECONDS / 60)) min $((SECONDS % 60)) s]"; }

# Real PostgreSQL, MariaDB and PgBouncer for the integration tests: installed
# if missing, started as a dedicated user on loopback in a temporary folder,
# stopped on exit even when a test fails.
stage "starting test servers"
env_file="$(scripts/servers/start-servers.sh)"
trap 'scripts/servers/stop-servers.sh "$env_file"' EXIT
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a

stage "build and test (RelWithDebInfo)"
poolscope_build build
ctest --test-dir build --output-on-failure -j "$jobs" -LE package

stage "packages (tests/package: the core as a CMake/pkg-config package; the .deb installed, run, removed)"
ctest --test-dir build --output-on-failure -L package

stage "AddressSanitizer + UBSan"
poolscope_build build-asan -DPOOLSCOPE_SANITIZE=address -DCMAKE_BUILD_TYPE=Debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" -E 'BenchCycleSmoke' -LE package

stage "ThreadSanitizer (core concurrency tests)"
tsan_tests=(PoolStressTest PoolStatsTest PoolTest HousekeeperTest WorkloadTest SimDriverTest TimelineTest RecordingTest ExporterTest AttachTest)
cmake -S . -B build-tsan -G Ninja -DPOOLSCOPE_SANITIZE=thread -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
poolscope_build_targets build-tsan "${tsan_tests[@]}"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build-tsan --output-on-failure -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"

stage "all tests passed"
