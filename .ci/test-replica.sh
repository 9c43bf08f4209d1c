#!/usr/bin/env bash
# Reads from a real streaming replica, and falling back when it goes away (make test-replica).
#
# Starts a hot standby of the local PostgreSQL (127.0.0.1:5432, trust auth) as a second cluster
# on another port (pg_basebackup -R), in a temporary folder, then runs tests/replica/check_replica.py
# against a throw-away database: searches served by the replica, the replica stopped mid-run,
# reads answered by the primary with no error, a lagging replica skipped.
#
# The primary must accept replication connections from 127.0.0.1: wal_level replica (the
# default) and a pg_hba.conf "replication" line. If the line is missing and the hba file is
# writable here, it is appended (once: marked with a comment) and the server reloaded; a
# wal_level of minimal needs a restart, which this script does not do: it says so and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
psql_primary() { psql -h "$HOST" -p "$PORT" -U postgres -Atq "$@"; }

if ! pg_isready -q -h "$HOST" -p "$PORT"; then
  echo "!! 无法连接 PostgreSQL($HOST:$PORT):副本测试没有运行。No PostgreSQL at $HOST:$PORT." >&2
  exit 1
fi
VERSION=$(psql_primary -c "SHOW server_version_num" postgres | cut -c1-2)
BIN=/usr/lib/postgresql/$VERSION/bin
[ -x "$BIN/pg_ctl" ] || { echo "!! $BIN/pg_ctl not found (postgresql-$VERSION)" >&2; exit 1; }

WAL_LEVEL=$(psql_primary -c "SHOW wal_level" postgres)
if [ "$WAL_LEVEL" = "minimal" ]; then
  echo "!! wal_level=minimal on the primary: streaming replication needs 'replica' and a" >&2
  echo "!! server restart (not done by this script). The replica test did NOT run." >&2
  exit 1
fi
can_replicate() {
  psql "host=$HOST port=$PORT user=postgres replication=true" \
    -Atqc "IDENTIFY_SYSTEM" >/dev/null 2>&1
}
if ! can_replicate; then
  HBA=$(psql_primary -c "SHOW hba_file" postgres)
  MARK="# jianggaoku make test-replica: replication from loopback"
  if [ -w "$HBA" ] && ! grep -qF "$MARK" "$HBA"; then
    echo "== allowing replication from 127.0.0.1 in $HBA (appended once) and reloading"
    printf '%s\nhost replication all 127.0.0.1/32 trust\n' "$MARK" >>"$HBA"
    psql_primary -c "SELECT pg_reload_conf()" postgres >/dev/null
    sleep 1
  fi
  if ! can_replicate; then
    echo "!! The primary refuses replication connections from $HOST (pg_hba.conf) and its" >&2
    echo "!! hba file is not writable here: the replica test did NOT run." >&2
    exit 1
  fi
fi

DB="jianggaoku_replica_$$"
WORK=$(mktemp -d /tmp/jianggaoku-replica.XXXXXX)
REPLICA_PORT=$(.venv/bin/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
cleanup() {
  runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  psql_primary -c "DROP DATABASE IF EXISTS $DB" postgres >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="postgres://postgres@$HOST:$PORT/$DB"
export SEARCH_BACKEND=postgres
export ARCHIVE_DATA_DIR="$WORK/app"
mkdir -p "$ARCHIVE_DATA_DIR"
psql_primary -c "CREATE DATABASE $DB" postgres
echo "== primary: migrate and load the demo speeches into $DB"
.venv/bin/python manage.py migrate -v 0
.venv/bin/python manage.py load_demo >/dev/null

echo "== replica: pg_basebackup -R into $WORK/data, port $REPLICA_PORT"
chown postgres "$WORK"
runuser -u postgres -- pg_basebackup -h "$HOST" -p "$PORT" -U postgres -D "$WORK/data" -R -X stream -c fast
# Debian keeps the primary's configuration under /etc: the copy needs its own.
cat >"$WORK/data/postgresql.conf" <<CONF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
hot_standby = on
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$WORK/data/pg_hba.conf"
: >"$WORK/data/pg_ident.conf"
chown postgres "$WORK/data/postgresql.conf" "$WORK/data/pg_hba.conf" "$WORK/data/pg_ident.conf"
runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/replica.log" -w start >/dev/null

echo "== reads from the replica, then without it"
DATABASE_REPLICA_URLS="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB" \
REPLICA_STOP="runuser -u postgres -- $BIN/pg_ctl -D $WORK/data -m fast stop" \
  .venv/bin/python -m tests.replica.check_replica
