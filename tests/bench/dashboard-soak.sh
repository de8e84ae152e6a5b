#!/usr/bin/env bash
# dashboard-soak.sh [MINUTES=60] [POOLS=10]: the dashboard's soak (not part
# of CI). The dashboard runs on a virtual display with POOLS pools: one of its
# own (a simulated server with a workload) and POOLS-1 attached over HTTP to
# headless PoolScope processes, each serving a simulated pool under load (one
# of them a server that restarts every 5 minutes; 6 workers holding 10 ms
# and thinking 20 ms, about 200 acquires/s a pool), so every view is fed
# snapshots and transition events all along. Every 10 s it samples the
# dashboard's RSS, threads and CPU time from /proc; it prints a line a minute
# and a summary: RSS at 1 min, at the end and the most, CPU use per 10-minute
# stretch and overall (in % of one core), and the screenshot taken at the end.
# Needs build/bin/poolscope (POOLSCOPE_BINARY to override) and Xvfb.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MINUTES="${1:-60}"; POOLS="${2:-10}"
BIN="${POOLSCOPE_BINARY:-$ROOT/build/bin/poolscope}"
[ -x "$BIN" ] || { echo "build first: $BIN is missing" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "Xvfb is missing (apt-get install xvfb)" >&2; exit 1; }
[ "$POOLS" -ge 1 ] || { echo "POOLS must be at least 1" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
head -c 24 /dev/urandom | base64 >"$work/token"
chmod 600 "$work/token"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
    echo "nothing listens on port $1 after 20 s" >&2; return 1
}

attach=()
for i in $(seq 2 "$POOLS"); do
    port=$(free_port)
    sim='sim://?connect_ms=3&query_ms=2&jitter_ms=2'
    [ "$i" = 2 ] && sim="$sim&restart_every_s=300"
    "$BIN" --headless --connect "$sim" --pool "name=service$i,max_open=8,min_idle=2" \
        --workload workers=6,hold_ms=10,think_ms=20 --duration 0 --interval 1000 \
        --serve "127.0.0.1:$port" --token-file "$work/token" >/dev/null 2>"$work/serve$i.log" &
    pids+=($!)
    wait_port "$port"
    attach+=(--attach "http://127.0.0.1:$port")
done

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

shot="$work/dashboard-soak.png"
seconds=$((MINUTES * 60))
DISPLAY="$display" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    "$BIN" --connect 'sim://?connect_ms=3&query_ms=2&jitter_ms=2' --pool name=local,max_open=8 \
    --workload workers=6,hold_ms=10,think_ms=20 "${attach[@]}" --token-file "$work/token" \
    --screenshot "$shot" --quit-after "$seconds" 2>"$work/dashboard.log" &
dash=$!
pids+=($dash)

tick=$(getconf CLK_TCK)
calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$dash/status" 2>/dev/null; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$dash/status" 2>/dev/null; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$dash/stat" 2>/dev/null; }

echo "dashboard soak: $MINUTES min, $POOLS pools (1 own, $((POOLS - 1)) attached), samples every 10 s"
start=$(date +%s)
rss1=""; rss_max=0; cpu0=$(cpu_ticks); window_cpu=$cpu0; window_t=$start; windows=()
while kill -0 "$dash" 2>/dev/null; do
    sleep 10
    kill -0 "$dash" 2>/dev/null || break
    now=$(date +%s); el=$((now - start))
    rss=$(rss_kb); th=$(threads); cpu=$(cpu_ticks)
    [ -n "$rss" ] || break
    last_rss=$rss; last_cpu=$cpu; last_el=$el; last_threads=$th
    [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    [ -z "$rss1" ] && [ "$el" -ge 60 ] && rss1=$rss
    if [ $((el % 60)) -lt 10 ]; then
        echo "t=$((el / 60))min rss_mb=$(calc "$rss/1024") threads=$th cpu_s=$(calc "($cpu - $cpu0)/$tick")"
    fi
    if [ $((now - window_t)) -ge 600 ]; then
        windows+=("$(calc "100*($cpu - $window_cpu)/$tick/($now - $window_t)")")
        window_cpu=$cpu; window_t=$now
    fi
done
status=0
wait "$dash" || status=$?
[ "$status" = 0 ] || { echo "the dashboard exited with status $status; its log:" >&2; cat "$work/dashboard.log" >&2; exit 1; }
[ -n "${last_rss:-}" ] || { echo "no sample taken" >&2; exit 1; }
echo "dashboard-soak minutes=$MINUTES pools=$POOLS rss_1min_mb=$(calc "${rss1:-$last_rss}/1024")" \
    "rss_end_mb=$(calc "$last_rss/1024") rss_max_mb=$(calc "$rss_max/1024") threads_end=$last_threads" \
    "cpu_pct_overall=$(calc "100*($last_cpu - $cpu0)/$tick/$last_el") cpu_pct_per_10min=$(IFS=,; echo "${windows[*]:-}")"
out="${POOLSCOPE_SOAK_SHOT:-$ROOT/build/dashboard-soak.png}"
cp "$shot" "$out" && echo "screenshot: $out"
