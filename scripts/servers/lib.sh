# Shared helpers for start-servers.sh / stop-servers.sh. Sourced, not run.
# Everything here logs to stderr: stdout of start-servers.sh is only the path
# of the env file it wrote.

POOLSCOPE_TEST_USER="${POOLSCOPE_TEST_USER:-poolscope-test}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

log() { printf '[servers] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# is_root: true when running as uid 0.
is_root() { [ "$(id -u)" = 0 ]; }

# as_user CMD...: runs CMD as the dedicated test user (directly when we are not
# root: then the current user owns everything).
as_user() {
    if is_root; then runuser -u "$POOLSCOPE_TEST_USER" -- "$@"; else "$@"; fi
}

# ensure_packages PKG...: installs the packages that are missing, without
# letting their maintainer scripts start system services.
ensure_packages() {
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    is_root || die "packages missing (${missing[*]}); run as root or install them"
    log "installing ${missing[*]}"
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
    fi
    local rc=0
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || rc=$?
    if [ $rc -eq 0 ]; then
        apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || rc=$?
    fi
    [ $created_policy = 1 ] && rm -f "$policy"
    [ $rc -eq 0 ] || die "apt-get install ${missing[*]} failed (exit $rc)"
}

# ensure_user: creates the dedicated non-root user when running as root.
ensure_user() {
    is_root || { POOLSCOPE_TEST_USER="$(id -un)"; return 0; }
    if ! id -u "$POOLSCOPE_TEST_USER" >/dev/null 2>&1; then
        log "creating user $POOLSCOPE_TEST_USER"
        useradd --system --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$POOLSCOPE_TEST_USER" || die "useradd failed"
    fi
}

# port_in_use PORT: true when something listens on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: prints a loopback TCP port nobody listens on and that this script
# has not handed out before.
_POOLSCOPE_TAKEN_PORTS=" "
free_port() {
    local p i
    for i in $(seq 1 200); do
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        case "$_POOLSCOPE_TAKEN_PORTS" in *" $p "*) continue ;; esac
        if ! port_in_use "$p"; then
            _POOLSCOPE_TAKEN_PORTS="$_POOLSCOPE_TAKEN_PORTS$p "
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}

# random_password: 24 hex characters (URL-safe on purpose).
random_password() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }

# wait_for SECONDS DESCRIPTION CMD...: retries CMD every 0.2 s until it
# succeeds or SECONDS pass.
wait_for() {
    local secs=$1 what=$2; shift 2
    local end=$(( $(date +%s) + secs ))
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -ge "$end" ] && { log "timed out after ${secs}s waiting for $what"; return 1; }
        sleep 0.2
    done
}

# pid_alive PIDFILE: true when the pid in PIDFILE is a running process.
pid_alive() {
    [ -s "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null
}

# stop_pidfile PIDFILE NAME: SIGTERM, wait up to 20 s, then SIGKILL.
stop_pidfile() {
    local f=$1 name=$2 pid i
    pid_alive "$f" || return 0
    pid=$(head -n1 "$f")
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    log "$name did not stop in 20 s; killing"
    kill -KILL "$pid" 2>/dev/null || true
}
