#!/usr/bin/env bash
# Stops what start-servers.sh started, even when it only half started, and
# removes its folder.
#
#   scripts/servers/stop-servers.sh ENV_FILE_OR_DIR [--keep]
#
# Without an argument, uses $POOLSCOPE_SERVERS_DIR. --keep leaves the folder
# (data and logs) in place.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

TARGET="" KEEP=0
for a in "$@"; do
    case "$a" in
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,8p' "$0" >&2; exit 0 ;;
        *) TARGET="$a" ;;
    esac
done
TARGET="${TARGET:-${POOLSCOPE_SERVERS_DIR:-}}"
[ -n "$TARGET" ] || die "usage: stop-servers.sh ENV_FILE_OR_DIR [--keep]"
if [ -d "$TARGET" ]; then DIR="$TARGET"; else DIR="$(dirname "$TARGET")"; fi
[ -d "$DIR" ] || { log "$DIR does not exist; nothing to stop"; exit 0; }
DIR="$(cd "$DIR" && pwd)"
[ -f "$DIR/servers.env" ] || die "$DIR has no servers.env: not a start-servers.sh folder"
POOLSCOPE_TEST_USER="$(sed -n "s/^export POOLSCOPE_TEST_USER=//p" "$DIR/servers.env" | head -n1)"
POOLSCOPE_TEST_USER="${POOLSCOPE_TEST_USER:-poolscope-test}"

# Each server: its ctl script when it was written, then the pid file as a
# fallback (covers a start that died between launch and ctl script).
[ -x "$DIR/pgbouncer/ctl.sh" ] && "$DIR/pgbouncer/ctl.sh" stop >&2
stop_pidfile "$DIR/pgbouncer/pgbouncer.pid" PgBouncer

[ -x "$DIR/mysql/ctl.sh" ] && "$DIR/mysql/ctl.sh" stop >&2
stop_pidfile "$DIR/mysql/mysqld.pid" MariaDB

if [ -f "$DIR/pg/data/postmaster.pid" ]; then
    if [ -x "$DIR/pg/ctl.sh" ]; then
        "$DIR/pg/ctl.sh" stop >/dev/null 2>&1 || true
    fi
    # postmaster.pid's first line is the postmaster pid.
    stop_pidfile "$DIR/pg/data/postmaster.pid" PostgreSQL
fi

if [ "$KEEP" = 1 ]; then
    log "kept $DIR"
else
    rm -rf -- "$DIR"
    log "removed $DIR"
fi
exit 0
