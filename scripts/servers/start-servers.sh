#!/usr/bin/env bash
# Starts PostgreSQL 15, MariaDB 10.11 and PgBouncer for the integration tests:
# loopback only, free ports, TLS with a throw-away CA, a dedicated non-root
# user, everything in one temporary folder. Installs missing packages first.
#
#   env=$(scripts/servers/start-servers.sh)   # prints the env file's path
#   set -a; . "$env"; set +a
#   ...run the tests...
#   scripts/servers/stop-servers.sh "$env"
#
# Options: --dir DIR (use DIR instead of a new mktemp folder; must not exist).
# On failure everything already started is stopped again and the exit is 1.
set -Eeuo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

DIR=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) DIR="$2"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" >&2; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done

T0=$(date +%s)
ensure_packages postgresql-15 postgresql-client-15 mariadb-server mariadb-client pgbouncer openssl
ensure_user

if [ -n "$DIR" ]; then
    mkdir "$DIR" || die "cannot create $DIR"
else
    DIR="$(mktemp -d /tmp/poolscope-servers.XXXXXX)"
fi
DIR="$(cd "$DIR" && pwd)"
chmod 755 "$DIR"
ENV="$DIR/servers.env"
: >"$ENV"
envset() { printf 'export %s=%q\n' "$1" "$2" >>"$ENV"; }
envset POOLSCOPE_SERVERS_DIR "$DIR"
envset POOLSCOPE_TEST_USER "$POOLSCOPE_TEST_USER"

# The ERR trap runs inside the failing command's redirections (e.g. into
# initdb.log): report through the script's own stderr, kept as fd 3.
exec 3>&2
on_error() {
    local rc=$?
    exec 1>&3 2>&3
    log "start failed (exit $rc); logs:"
    for f in "$DIR"/pg/initdb.log "$DIR"/pg/log "$DIR"/mysql/install.log "$DIR"/mysql/error.log \
             "$DIR"/pgbouncer/pgbouncer.log; do
        [ -f "$f" ] && { log "--- $f"; tail -n 20 "$f" >&2; }
    done
    "$HERE/stop-servers.sh" "$ENV" >&2 || true
    exit 1
}
trap on_error ERR

# ---------------------------------------------------------------- TLS
make_tls() {
    local d="$DIR/tls"
    mkdir -p "$d"
    local subj_ca="/CN=PoolScope Test CA"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "$subj_ca" \
        -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
    openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=PoolScope Wrong CA" \
        -keyout "$d/wrong-ca.key" -out "$d/wrong-ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' >"$d/ext.cnf"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" \
        -CAcreateserial -days 3 -extfile "$d/ext.cnf" -out "$d/server.crt" 2>/dev/null
    chown -R "$POOLSCOPE_TEST_USER" "$d"
    chmod 600 "$d"/*.key
    chmod 644 "$d"/*.crt
    envset POOLSCOPE_TLS_CA "$d/ca.crt"
    envset POOLSCOPE_TLS_WRONG_CA "$d/wrong-ca.crt"
}

# ---------------------------------------------------------------- PostgreSQL
PG_PORT=""; PG_PW=""; PG_ADMIN_PW=""
start_postgres() {
    local d="$DIR/pg"
    mkdir -p "$d" && chown "$POOLSCOPE_TEST_USER" "$d"
    PG_PORT=$(free_port); PG_PW=$(random_password); PG_ADMIN_PW=$(random_password)
    envset POOLSCOPE_PG_DATA "$d/data"
    envset POOLSCOPE_PG_BIN "$PG_BIN"
    printf '%s\n' "$PG_ADMIN_PW" >"$d/pwfile"; chown "$POOLSCOPE_TEST_USER" "$d/pwfile"; chmod 600 "$d/pwfile"
    as_user "$PG_BIN/initdb" -D "$d/data" -U postgres --pwfile="$d/pwfile" -E UTF8 \
        --locale=C --auth-local=trust --auth-host=scram-sha-256 >"$d/initdb.log" 2>&1
    rm -f "$d/pwfile"
    cat >>"$d/data/postgresql.conf" <<EOF
# --- PoolScope integration test server
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$d'
max_connections = 20
superuser_reserved_connections = 3
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = on
ssl_cert_file = '$DIR/tls/server.crt'
ssl_key_file = '$DIR/tls/server.key'
ssl_ca_file = '$DIR/tls/ca.crt'
password_encryption = 'scram-sha-256'
EOF
    printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' >"$d/data/pg_hba.conf"
    cat >"$d/ctl.sh" <<EOF
#!/usr/bin/env bash
# Controls the test PostgreSQL: start | stop | restart | crash | status.
# crash: SIGKILL the postmaster and every backend (no shutdown at all), then
# start again, which runs crash recovery.
set -u
run() { if [ "\$(id -u)" = 0 ] && [ "\$(id -un)" != '$POOLSCOPE_TEST_USER' ]; then runuser -u '$POOLSCOPE_TEST_USER' -- "\$@"; else "\$@"; fi; }
children() { for f in /proc/[0-9]*/stat; do read -r p _ _ pp _ <"\$f" 2>/dev/null && [ "\$pp" = "\$1" ] && echo "\$p"; done; }
crash() {
  local pid kids; pid=\$(head -n1 '$d/data/postmaster.pid' 2>/dev/null) || return 1
  kids=\$(children "\$pid")
  kill -KILL "\$pid" \$kids 2>/dev/null
  for _ in \$(seq 1 300); do
    local left=0; for p in "\$pid" \$kids; do kill -0 "\$p" 2>/dev/null && left=1; done
    [ "\$left" = 0 ] && break; sleep 0.1
  done
  run '$PG_BIN/pg_ctl' -D '$d/data' -l '$d/log' -s -w -t 60 start
}
case "\${1:-}" in
  start)   run '$PG_BIN/pg_ctl' -D '$d/data' status >/dev/null 2>&1 && exit 0
           run '$PG_BIN/pg_ctl' -D '$d/data' -l '$d/log' -s -w -t 60 start ;;
  stop)    run '$PG_BIN/pg_ctl' -D '$d/data' -m fast -s -w -t 60 stop ;;
  restart) run '$PG_BIN/pg_ctl' -D '$d/data' -l '$d/log' -m fast -s -w -t 60 restart ;;
  crash)   crash ;;
  status)  run '$PG_BIN/pg_ctl' -D '$d/data' status ;;
  *) echo "usage: \$0 start|stop|restart|crash|status" >&2; exit 2 ;;
esac
EOF
    chmod 755 "$d/ctl.sh"
    envset POOLSCOPE_PG_CTL "$d/ctl.sh"
    "$d/ctl.sh" start >/dev/null
    local psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$d" -p "$PG_PORT" -U postgres -d postgres)
    as_user "${psql[@]}" >/dev/null <<EOF
CREATE ROLE poolscope LOGIN PASSWORD '$PG_PW';
CREATE DATABASE poolscope OWNER poolscope;
EOF
    envset POOLSCOPE_PG_URL "postgresql://poolscope:$PG_PW@127.0.0.1:$PG_PORT/poolscope"
    envset POOLSCOPE_PG_ADMIN_URL "postgresql://postgres:$PG_ADMIN_PW@127.0.0.1:$PG_PORT/postgres"
    envset POOLSCOPE_PG_ADMIN "data=$d/data bin=$PG_BIN user=$POOLSCOPE_TEST_USER socket=$d port=$PG_PORT"
    log "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
}

# ---------------------------------------------------------------- MariaDB
start_mariadb() {
    local d="$DIR/mysql"
    mkdir -p "$d" && chown "$POOLSCOPE_TEST_USER" "$d"
    local port pw admin_pw root_pw
    port=$(free_port); pw=$(random_password); admin_pw=$(random_password); root_pw=$(random_password)
    envset POOLSCOPE_MYSQL_DATA "$d/data"
    as_user mariadb-install-db --no-defaults --datadir="$d/data" \
        --auth-root-authentication-method=normal --skip-test-db >"$d/install.log" 2>&1
    cat >"$d/my.cnf" <<EOF
[mariadbd]
datadir = $d/data
port = $port
bind-address = 127.0.0.1
socket = $d/mysqld.sock
pid-file = $d/mysqld.pid
log-error = $d/error.log
max-connections = 20
skip-name-resolve
innodb-buffer-pool-size = 32M
innodb-log-file-size = 16M
innodb-flush-log-at-trx-commit = 0
ssl-ca = $DIR/tls/ca.crt
ssl-cert = $DIR/tls/server.crt
ssl-key = $DIR/tls/server.key
EOF
    cat >"$d/ctl.sh" <<EOF
#!/usr/bin/env bash
# Controls the test MariaDB: start | stop | restart | crash | status.
# crash: SIGKILL mariadbd (no shutdown at all), then start again.
set -u
run() { if [ "\$(id -u)" = 0 ] && [ "\$(id -un)" != '$POOLSCOPE_TEST_USER' ]; then runuser -u '$POOLSCOPE_TEST_USER' -- "\$@"; else "\$@"; fi; }
alive() { [ -s '$d/mysqld.pid' ] && kill -0 "\$(cat '$d/mysqld.pid')" 2>/dev/null; }
ping() { mariadb-admin --no-defaults --socket='$d/mysqld.sock' --connect-timeout=2 ping >/dev/null 2>&1; }
start() {
  alive && ping && return 0
  run setsid mariadbd --defaults-file='$d/my.cnf' </dev/null >>'$d/stdout.log' 2>&1 &
  for _ in \$(seq 1 300); do ping && return 0; sleep 0.2; done
  echo "MariaDB did not come up in 60 s; see $d/error.log" >&2; return 1
}
stop() {
  alive || return 0
  local pid; pid=\$(cat '$d/mysqld.pid')
  kill -TERM "\$pid" 2>/dev/null
  for _ in \$(seq 1 300); do kill -0 "\$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "\$pid" 2>/dev/null; return 0
}
crash() {
  alive || return 1
  local pid; pid=\$(cat '$d/mysqld.pid')
  kill -KILL "\$pid" 2>/dev/null
  for _ in \$(seq 1 300); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
  start
}
case "\${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  crash) crash ;;
  status) alive && ping ;;
  *) echo "usage: \$0 start|stop|restart|crash|status" >&2; exit 2 ;;
esac
EOF
    chmod 755 "$d/ctl.sh"
    envset POOLSCOPE_MYSQL_CTL "$d/ctl.sh"
    envset POOLSCOPE_MYSQL_PIDFILE "$d/mysqld.pid"
    "$d/ctl.sh" start
    mariadb --no-defaults --socket="$d/mysqld.sock" -uroot <<EOF
CREATE DATABASE poolscope;
CREATE USER 'poolscope'@'%' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON poolscope.* TO 'poolscope'@'%';
CREATE USER 'poolscope_admin'@'%' IDENTIFIED BY '$admin_pw';
GRANT ALL PRIVILEGES ON *.* TO 'poolscope_admin'@'%' WITH GRANT OPTION;
ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_pw';
FLUSH PRIVILEGES;
EOF
    envset POOLSCOPE_MYSQL_URL "mysql://poolscope:$pw@127.0.0.1:$port/poolscope"
    envset POOLSCOPE_MYSQL_ADMIN_URL "mysql://poolscope_admin:$admin_pw@127.0.0.1:$port/poolscope"
    envset POOLSCOPE_MYSQL_ADMIN "data=$d/data user=$POOLSCOPE_TEST_USER socket=$d/mysqld.sock port=$port root_password=$root_pw ctl=$d/ctl.sh"
    log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$port"
}

# ---------------------------------------------------------------- PgBouncer
start_pgbouncer() {
    local d="$DIR/pgbouncer"
    mkdir -p "$d" && chown "$POOLSCOPE_TEST_USER" "$d"
    local port admin_pw
    port=$(free_port); admin_pw=$(random_password)
    printf '"poolscope" "%s"\n"pgbouncer_admin" "%s"\n' "$PG_PW" "$admin_pw" >"$d/userlist.txt"
    cat >"$d/pgbouncer.ini" <<EOF
[databases]
poolscope = host=127.0.0.1 port=$PG_PORT dbname=poolscope
; The same database in transaction mode: poolscope-bench's PgBouncer anchor.
poolscope_tx = host=127.0.0.1 port=$PG_PORT dbname=poolscope pool_mode=transaction

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $d
auth_type = scram-sha-256
auth_file = $d/userlist.txt
admin_users = pgbouncer_admin
stats_users = pgbouncer_admin
pool_mode = session
default_pool_size = 10
max_client_conn = 100
server_tls_sslmode = prefer
client_tls_sslmode = allow
client_tls_key_file = $DIR/tls/server.key
client_tls_cert_file = $DIR/tls/server.crt
client_tls_ca_file = $DIR/tls/ca.crt
logfile = $d/pgbouncer.log
pidfile = $d/pgbouncer.pid
EOF
    chown -R "$POOLSCOPE_TEST_USER" "$d"; chmod 600 "$d/userlist.txt"
    cat >"$d/ctl.sh" <<EOF
#!/usr/bin/env bash
# Controls the test PgBouncer: start | stop | restart | status.
set -u
run() { if [ "\$(id -u)" = 0 ] && [ "\$(id -un)" != '$POOLSCOPE_TEST_USER' ]; then runuser -u '$POOLSCOPE_TEST_USER' -- "\$@"; else "\$@"; fi; }
alive() { [ -s '$d/pgbouncer.pid' ] && kill -0 "\$(cat '$d/pgbouncer.pid')" 2>/dev/null; }
start() {
  alive && return 0
  run pgbouncer -q -d '$d/pgbouncer.ini' || return 1
  for _ in \$(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0; sleep 0.1; done
  echo "PgBouncer did not come up in 10 s; see $d/pgbouncer.log" >&2; return 1
}
stop() {
  alive || return 0
  local pid; pid=\$(cat '$d/pgbouncer.pid')
  kill -INT "\$pid" 2>/dev/null
  for _ in \$(seq 1 100); do kill -0 "\$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "\$pid" 2>/dev/null; return 0
}
case "\${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  status) alive ;;
  *) echo "usage: \$0 start|stop|restart|status" >&2; exit 2 ;;
esac
EOF
    chmod 755 "$d/ctl.sh"
    envset POOLSCOPE_PGBOUNCER_CTL "$d/ctl.sh"
    "$d/ctl.sh" start
    envset POOLSCOPE_PGBOUNCER_URL "postgresql://poolscope:$PG_PW@127.0.0.1:$port/poolscope"
    envset POOLSCOPE_PGBOUNCER_TX_URL "postgresql://poolscope:$PG_PW@127.0.0.1:$port/poolscope_tx"
    envset POOLSCOPE_PGBOUNCER_ADMIN_URL "postgresql://pgbouncer_admin:$admin_pw@127.0.0.1:$port/pgbouncer"
    log "PgBouncer on 127.0.0.1:$port"
}

make_tls
start_postgres
start_mariadb
start_pgbouncer
envset POOLSCOPE_SERVERS_READY 1
chmod 600 "$ENV"
log "all servers up in $(( $(date +%s) - T0 )) s; env file: $ENV"
echo "$ENV"
