#!/usr/bin/env bash
# The core as a library: installs a build into a temporary prefix
# (cmake --install), then builds out of tree, against that prefix only,
#   1. a CMake consumer (find_package(PoolScopeCore CONFIG), PoolScope::core);
#      the exporter example (core/exporter/examples/ServePool.cpp) as well when
#      it exists;
#   2. the same consumer with pkg-config (poolscope-core.pc),
# and runs them. Also checks that the installed package forces no link option
# such as -rdynamic on its consumers.
#
#   test-find-package.sh SOURCE_DIR BUILD_DIR
set -euo pipefail

src=${1:?usage: test-find-package.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: test-find-package.sh SOURCE_DIR BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# Runs a command quietly; on failure shows its output and fails.
quiet() {
    local log=$tmp/step.log
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "$*"
    fi
}

echo "== cmake --install into a temporary prefix"
quiet cmake --install "$build" --prefix "$prefix"

config=$(find "$prefix" -name PoolScopeCoreConfig.cmake -print -quit)
[ -n "$config" ] || fail "no PoolScopeCoreConfig.cmake installed under the prefix"
[ -f "$(dirname "$config")/PoolScopeCoreConfigVersion.cmake" ] || fail "no PoolScopeCoreConfigVersion.cmake"
[ -f "$prefix/include/poolscope/core/pool/Pool.h" ] || fail "include/poolscope/core/pool/Pool.h not installed"
pcfile=$(find "$prefix" -name poolscope-core.pc -print -quit)
[ -n "$pcfile" ] || fail "no poolscope-core.pc installed"

# What the installed targets carry must make sense outside this tree.
targets=$(dirname "$config")/PoolScopeCoreTargets.cmake
if grep -n -- '-rdynamic' "$(dirname "$config")"/PoolScopeCoreTargets*.cmake; then
    fail "the installed PoolScopeCore targets force -rdynamic on every consumer"
fi
if grep -n -F -- "$src" "$(dirname "$config")"/PoolScopeCoreTargets*.cmake; then
    fail "the installed PoolScopeCore targets name the source tree"
fi
for target in core recording; do
    grep -q "add_library(PoolScope::$target " "$targets" || fail "PoolScope::$target is not exported"
done

echo "== find_package(PoolScopeCore) consumer"
quiet cmake -S "$src/tests/package/consumer" -B "$tmp/consumer" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
quiet cmake --build "$tmp/consumer"
out=$("$tmp/consumer/consumer") || fail "the find_package consumer failed"
echo "$out"
grep -q '"pool":"consumer"' <<<"$out" || fail "the consumer printed no snapshot of its pool"

example=$src/core/exporter/examples/ServePool.cpp
if [ -f "$example" ]; then
    echo "== exporter example (PoolScope::exporter)"
    grep -q "add_library(PoolScope::exporter " "$targets" || fail "PoolScope::exporter is not exported"
    mkdir -p "$tmp/example"
    cat >"$tmp/example/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(ServePool LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(PoolScopeCore 0.1 CONFIG REQUIRED)
add_executable(ServePool "$example")
target_link_libraries(ServePool PRIVATE PoolScope::exporter)
EOF
    quiet cmake -S "$tmp/example" -B "$tmp/example/build" -DCMAKE_PREFIX_PATH="$prefix"
    quiet cmake --build "$tmp/example/build"
    [ -x "$tmp/example/build/ServePool" ] || fail "the exporter example did not build"
    # Serve a simulated pool and scrape it once it answers (deadline 20 s).
    port=$((20000 + $$ % 40000))
    "$tmp/example/build/ServePool" 'sim://?query_ms=1' "$port" >"$tmp/serve.log" 2>&1 &
    serve_pid=$!
    metrics=""
    for _ in $(seq 200); do
        kill -0 "$serve_pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; fail "the exporter example exited"; }
        if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            printf 'GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
            metrics=$(cat <&3 || true)
            exec 3<&-
            grep -q '^poolscope_' <<<"$metrics" && break
        fi
        sleep 0.1
    done
    kill -INT "$serve_pid"
    wait "$serve_pid" || { cat "$tmp/serve.log" >&2; fail "the exporter example did not stop cleanly on SIGINT"; }
    grep -q '^poolscope_' <<<"$metrics" || fail "the exporter example served no poolscope_ metrics: $metrics"
fi

echo "== pkg-config poolscope-core consumer"
export PKG_CONFIG_PATH=$(dirname "$pcfile")
pkg-config --exists poolscope-core || fail "pkg-config does not accept poolscope-core.pc: $(pkg-config --print-errors poolscope-core 2>&1)"
[ "$(pkg-config --variable=prefix poolscope-core | xargs realpath)" = "$(realpath "$prefix")" ] \
    || fail "poolscope-core.pc does not point at the prefix it was installed to"
# shellcheck disable=SC2046
quiet c++ -std=c++20 -O1 "$src/tests/package/consumer/main.cpp" -o "$tmp/pc-consumer" \
    $(pkg-config --cflags --libs poolscope-core)
out=$("$tmp/pc-consumer") || fail "the pkg-config consumer failed"
grep -q '"pool":"consumer"' <<<"$out" || fail "the pkg-config consumer printed no snapshot"

echo "== PoolScopeCore package: OK"
