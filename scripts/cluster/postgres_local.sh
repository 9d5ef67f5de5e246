#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL 15 cluster for the tests of the catalog's PostgreSQL backend (Qt's QPSQL
# driver): one folder per cluster, a free TCP port on 127.0.0.1 and a unix socket in the folder,
# database `timbre` owned by role `timbre` (password `timbre`), trust authentication. Debian 12's
# postgresql-15 and libqt6sql6-psql are installed with apt-get when missing (that needs root).
# No systemd or pg_ctlcluster: initdb and pg_ctl of /usr/lib/postgresql/15/bin run directly.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
# (DIR is handed to it); as any other user it runs as that user.
#
# Usage: scripts/cluster/postgres_local.sh start|stop|status DIR
#   start DIR   initdb into DIR/data (first time), start the server (socket in DIR/socket,
#               127.0.0.1 on the first free port from 55432 up), create role and database
#               `timbre`, write DIR/env and wait until pg_isready answers. A second start on a
#               running cluster says so and exits 0. Prints DIR/env on stdout (so
#               `eval "$(scripts/cluster/postgres_local.sh start DIR)"` works); progress goes to
#               stderr. DIR/env holds `export X=...` lines: PGHOST (127.0.0.1), PGPORT, PGUSER,
#               PGDATABASE, PGPASSWORD (all timbre) and PGSOCKETDIR (DIR/socket, for psql -h).
#   stop DIR    pg_ctl stop -m fast.
#   status DIR  pg_ctl status; exit 0 when running, else 1.
# Settings (environment): PG_LOCAL_TIMEOUT (seconds start waits for the server, default 60),
# PG_LOCAL_PORT_BASE (55432), PG_LOCAL_HOST_AUTH (authentication over TCP: trust (default) or
# scram-sha-256, to make the password matter; the unix socket is always trust).
# Exit codes: 0 ok, 1 failure (timeout, not running), 2 usage, 3 the server cannot be started here
# (packages missing and not installable, no `postgres` user, DIR not usable, the server refused
# to start); the reason is one line on stderr.
set -euo pipefail
if [ "$(nice)" -lt 10 ]; then
  exec nice -n 10 bash "${BASH_SOURCE[0]}" "$@"
fi

PGBIN=/usr/lib/postgresql/15/bin
TIMEOUT=${PG_LOCAL_TIMEOUT:-60}
PORT_BASE=${PG_LOCAL_PORT_BASE:-55432}
HOST_AUTH=${PG_LOCAL_HOST_AUTH:-trust}

SCRIPT_NAME=postgres_local
# shellcheck source=scripts/cluster/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Installs the missing packages; REQUIRED=1 makes a failure fatal (exit 3), else a warning.
install_packages() {
  local required=$1 missing=() pkg log
  shift
  for pkg in "$@"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    [ "$required" = 1 ] && cannot "${missing[*]} not installed, and installing needs root and apt-get"
    say "warning: ${missing[*]} not installed (needs root and apt-get); going on without"
    return 0
  fi
  say "installing ${missing[*]} (apt-get)"
  log=$(mktemp /tmp/postgres_local-apt.XXXXXX)
  if ! apt_install "$log" "${missing[@]}"; then
    [ "$required" = 1 ] && cannot "apt-get install ${missing[*]} failed (see $log)"
    say "warning: apt-get install ${missing[*]} failed (see $log); going on without"
    return 0
  fi
  rm -f "$log"
}

# Runs a command as the server's user: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The first port from $1 up that nothing listens on (nor, where ss exists, binds).
free_port() {
  local port=$1 last=$(($1 + 200))
  while [ "$port" -le "$last" ]; do
    if ! port_busy "$port" && ! { command -v ss >/dev/null && ss -Htan "sport = :$port" 2>/dev/null | grep -q .; }; then
      echo "$port"
      return 0
    fi
    port=$((port + 1))
  done
  return 1
}

running() { as_owner "$PGBIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; }

write_env() {
  cat >"$DIR/env.tmp" <<EOF
export PGHOST=127.0.0.1
export PGPORT=$1
export PGUSER=timbre
export PGDATABASE=timbre
export PGPASSWORD=timbre
export PGSOCKETDIR=$SOCK
EOF
  chmod 644 "$DIR/env.tmp"
  mv "$DIR/env.tmp" "$DIR/env"
}

# The port the running server listens on (from its postmaster.pid: line 4).
running_port() { sed -n 4p "$DATA/postmaster.pid" 2>/dev/null; }

wait_ready() {
  local port=$1 deadline=$((SECONDS + TIMEOUT))
  until "$PGBIN/pg_isready" -q -h "$SOCK" -p "$port" -U postgres -d postgres; do
    if [ $SECONDS -ge $deadline ]; then
      cannot "the server did not answer pg_isready within ${TIMEOUT}s (see $DIR/postgres.log)"
    fi
    sleep 0.3
  done
}

psql_super() {
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$1" -U postgres -d postgres -tA -c "$2"
}

cmd_start() {
  install_packages 1 postgresql-15
  install_packages 0 libqt6sql6-psql
  [ -x "$PGBIN/initdb" ] || cannot "no $PGBIN/initdb (postgresql-15 not installed?)"
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || cannot "no 'postgres' system user to run the server as (PostgreSQL refuses root)"
  fi
  mkdir -p "$DIR" 2>/dev/null || cannot "cannot create $DIR"
  DIR=$(realpath "$DIR")
  DATA=$DIR/data
  SOCK=$DIR/socket
  # The socket path (DIR/socket/.s.PGSQL.NNNNN) must fit in sun_path (107 bytes).
  [ ${#SOCK} -le 90 ] || cannot "$DIR is too long a path for a unix socket in it (keep it under ~80 characters)"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$DIR"
    chmod 755 "$DIR"
    as_owner test -x "$DIR" -a -w "$DIR" \
      || cannot "user postgres cannot reach $DIR (a parent folder is not searchable by it, e.g. under /root)"
  fi
  if [ -f "$DATA/PG_VERSION" ] && running; then
    say "already running in $DIR (port $(running_port))"
    write_env "$(running_port)"
    cat "$DIR/env"
    return 0
  fi
  as_owner mkdir -p "$SOCK"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "initdb $DATA"
    as_owner "$PGBIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust \
      >"$DIR/initdb.log" 2>&1 || cannot "initdb failed: $(tail -n 1 "$DIR/initdb.log") (see $DIR/initdb.log)"
    as_owner tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# scripts/cluster/postgres_local.sh: port, addresses and socket are in timbre_local.conf.
include_if_exists = 'timbre_local.conf'
EOF
  fi
  case "$HOST_AUTH" in
    trust | scram-sha-256 | md5 | password) ;;
    *) echo "postgres_local: PG_LOCAL_HOST_AUTH must be trust or scram-sha-256, not '$HOST_AUTH'" >&2; exit 2 ;;
  esac
  as_owner tee "$DATA/pg_hba.conf" >/dev/null <<EOF
# Written by scripts/cluster/postgres_local.sh at each start: the socket in $SOCK, 127.0.0.1 only.
local   all  all                 trust
host    all  all  127.0.0.1/32   $HOST_AUTH
EOF
  # Pick a free port and start; another cluster starting at the same moment may take the port
  # between the test and the bind, so a failed start is retried on the next port.
  local port=$PORT_BASE ok=0
  for _ in 1 2 3 4 5; do
    port=$(free_port "$port") || cannot "no free TCP port in $PORT_BASE..$((PORT_BASE + 200))"
    as_owner tee "$DATA/timbre_local.conf" >/dev/null <<EOF
# Written by scripts/cluster/postgres_local.sh at each start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 32MB
EOF
    say "starting the server on 127.0.0.1:$port (socket $SOCK)"
    if as_owner "$PGBIN/pg_ctl" start -D "$DATA" -l "$DIR/postgres.log" -w -t "$TIMEOUT" -s >/dev/null 2>&1; then
      ok=1
      break
    fi
    if ! grep -qiE 'could not (bind|create listen)|address already in use' "$DIR/postgres.log" 2>/dev/null; then
      break
    fi
    say "port $port was taken meanwhile; trying the next one"
    port=$((port + 1))
  done
  [ "$ok" = 1 ] || cannot "the server did not start: $(grep -E 'FATAL|PANIC|ERROR' "$DIR/postgres.log" 2>/dev/null | tail -n 1) (see $DIR/postgres.log)"
  wait_ready "$port"
  if [ "$(psql_super "$port" "SELECT 1 FROM pg_roles WHERE rolname = 'timbre'")" != 1 ]; then
    psql_super "$port" "CREATE ROLE timbre LOGIN PASSWORD 'timbre'"
  fi
  if [ "$(psql_super "$port" "SELECT 1 FROM pg_database WHERE datname = 'timbre'")" != 1 ]; then
    psql_super "$port" "CREATE DATABASE timbre OWNER timbre"
  fi
  write_env "$port"
  say "up: database timbre on 127.0.0.1:$port; source $DIR/env to use it"
  cat "$DIR/env"
}

cmd_stop() {
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "nothing to stop (no cluster in $DATA)"
    return 0
  fi
  if ! running; then
    say "not running ($DIR)"
    return 0
  fi
  as_owner "$PGBIN/pg_ctl" stop -D "$DATA" -m fast -w -t "$TIMEOUT" -s || die "pg_ctl stop failed (see $DIR/postgres.log)"
  say "stopped ($DIR)"
}

cmd_status() {
  if [ -f "$DATA/PG_VERSION" ] && running; then
    echo "running in $DIR: pid $(head -n 1 "$DATA/postmaster.pid"), 127.0.0.1:$(running_port), socket $SOCK"
    return 0
  fi
  echo "not running ($DIR)"
  return 1
}

[ $# -eq 2 ] || usage
DIR=$2
DIR=$(realpath -m "$DIR")
DATA=$DIR/data
SOCK=$DIR/socket
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
