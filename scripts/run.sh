#!/usr/bin/env bash
# Installs what is missing (apt-get), builds PoolScope and starts it on the
# embedded default (a SQLite database in the user's data folder) with a gentle
# demo workload: the dashboard when a display is available (DISPLAY or
# WAYLAND_DISPLAY), else the headless mode. Extra arguments go to poolscope.
set -euo pipefail
POOLSCOPE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$POOLSCOPE_ROOT/scripts/lib.sh"

poolscope_apt_install "${POOLSCOPE_BUILD_PACKAGES[@]}"
# Its own folder: scripts/test.sh builds build/ as RelWithDebInfo with the
# tests, and sharing one folder would make each script rebuild everything.
poolscope_build build-run -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF

if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    # No display: the headless mode prints what the pool does. With one,
    # poolscope opens its window on the same embedded default.
    set -- --headless --workload workers=4,hold_ms=20,think_ms=30 --duration 0
fi
exec "$POOLSCOPE_ROOT/build-run/bin/poolscope" "$@"
