#!/usr/bin/env bash
# compare-peers.sh [SECONDS=3] [ROUNDS=3] [CONFIGS="8:10"]
# Runs poolscope-bench cycle and the peer harnesses in ../shared/bench/peers
# (HikariCP, Go database/sql, naive mutex pool) interleaved, round after round,
# so machine noise hits every pool alike; prints every raw line and the median
# ops/s per pool and configuration, plus PoolScope's ratio to HikariCP.
# PoolScope's fairness line (acquire-wait percentiles, cycles per thread) is
# printed raw and as medians too.
# Needs: build/bin/poolscope-bench (or POOLSCOPE_BENCH=/path/to/poolscope-bench),
# and the peers' packages
# (apt-get install libhikaricp-java libslf4j-java default-jdk-headless golang-go).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
D="${1:-3}"; ROUNDS="${2:-3}"; CONFIGS="${3:-8:10}"
BENCH="${POOLSCOPE_BENCH:-$ROOT/build/bin/poolscope-bench}"
[ -x "$BENCH" ] || { echo "build first: $BENCH is missing" >&2; exit 1; }
export SLF4J_BINDING="${SLF4J_BINDING:-/usr/share/java/slf4j-nop.jar}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
echo "date: $(date -Is)  nproc: $(nproc)  loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for cfg in $CONFIGS; do
    T="${cfg%%:*}"; N="${cfg##*:}"
    "$BENCH" cycle --threads "$T" --pool "$N" --seconds "$D" --warmup 2 2>/dev/null | tee -a "$out"
    [ -x "$PEERS/run-hikari.sh" ] && { "$PEERS/run-hikari.sh" "$T" "$N" "$D" 2 2>/dev/null | tee -a "$out" || true; }
    command -v go >/dev/null && [ -x "$PEERS/run-go.sh" ] && { "$PEERS/run-go.sh" "$T" "$N" "$D" 2 2>/dev/null | tee -a "$out" || true; }
    [ -x "$PEERS/run-cpp.sh" ] && { "$PEERS/run-cpp.sh" "$T" "$N" "$D" 2 naive 2>/dev/null | tee -a "$out" || true; }
  done
done
echo "-- medians over $ROUNDS rounds (ops/s)"
python3 - "$out" "$ROUNDS" <<'PY'
import re, sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) threads=(\d+) pool=(\d+) ops_per_sec=(\d+)", line)
    if m: runs[(m[2], m[3], m[1])].append(int(m[4]))
configs = sorted({(t, n) for t, n, _ in runs}, key=lambda c: (int(c[0]), int(c[1])))
for t, n in configs:
    med = {p: statistics.median(v) for (tt, nn, p), v in runs.items() if (tt, nn) == (t, n)}
    line = "  ".join(f"{p}={m/1e6:.2f}M" for p, m in sorted(med.items()))
    ratio = med.get("poolscope", 0) / med["hikaricp"] if med.get("hikaricp") else float("nan")
    print(f"threads={t} pool={n}: {line}  poolscope/hikaricp={ratio:.2f}")
fair = collections.defaultdict(lambda: collections.defaultdict(list))
for line in open(sys.argv[1]):
    m = re.match(r"poolscope-fairness threads=(\d+) pool=(\d+) (.*)", line)
    if m:
        for k, v in re.findall(r"(\w+)=([\d.]+)", m[3]):
            fair[(m[1], m[2])][k].append(float(v))
if fair:
    print(f"-- poolscope fairness, medians over {sys.argv[2]} rounds (wait: 1 in 16 acquires timed)")
    keys = ["wait_p50_us", "wait_p99_us", "wait_p999_us", "wait_max_us", "pool_wait_max_ms",
            "cycles_per_thread_min", "cycles_per_thread_median", "cycles_per_thread_max"]
    for (t, n), f in sorted(fair.items(), key=lambda c: (int(c[0][0]), int(c[0][1]))):
        print(f"threads={t} pool={n}: " + "  ".join(f"{k}={statistics.median(f[k]):g}" for k in keys if f[k]))
PY
