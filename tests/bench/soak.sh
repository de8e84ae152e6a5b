#!/usr/bin/env bash
# soak.sh [MINUTES=30] [WORKERS=64]: the pool soak against a real PostgreSQL
# (not part of CI). Starts the test servers, runs `poolscope-bench soak` with
# leaks and a server restart every 5 minutes (a crash, SIGKILL, every other
# time), and stops the servers. Prints a line a minute and a summary line:
# invariant checks and violations, RSS at start / 1 min / end / max, thread
# counts. Needs build/bin/poolscope-bench (POOLSCOPE_BENCH to override).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MINUTES="${1:-30}"; WORKERS="${2:-64}"
BENCH="${POOLSCOPE_BENCH:-$ROOT/build/bin/poolscope-bench}"
[ -x "$BENCH" ] || { echo "build first: $BENCH is missing" >&2; exit 1; }
env_file="$("$ROOT/scripts/servers/start-servers.sh")"
trap '"$ROOT/scripts/servers/stop-servers.sh" "$env_file"' EXIT
set -a; . "$env_file"; set +a
# Alternate clean restarts and crashes: a wrapper ctl that flips each call.
flip="$(mktemp)"; ctl="$(mktemp)"
trap '"$ROOT/scripts/servers/stop-servers.sh" "$env_file"; rm -f "$flip" "$ctl"' EXIT
cat >"$ctl" <<CTL
#!/usr/bin/env bash
if [ -s "$flip" ]; then : >"$flip"; exec "$POOLSCOPE_PG_CTL" crash; else echo 1 >"$flip"; exec "$POOLSCOPE_PG_CTL" restart; fi
CTL
chmod 755 "$ctl"
echo "soak: $MINUTES min, $WORKERS workers, PostgreSQL restarted every 5 min (clean, then SIGKILL, alternately)"
"$BENCH" soak --connect "$POOLSCOPE_PG_URL" --ctl "$ctl" --minutes "$MINUTES" --workers "$WORKERS" \
    --max-open 16 --restart-every 300 --leak-pct 0.2 --leak-ms 3000
