#!/usr/bin/env bash
# db-replica: on first start copy the primary (db) with pg_basebackup -R, which writes
# standby.signal and primary_conninfo, so the copy starts as a hot standby streaming from db.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  until pg_basebackup -h db -U archive -D "$PGDATA" -R -X stream -c fast; do
    echo "db-replica: waiting for db" >&2
    sleep 2
  done
fi
exec postgres -c hot_standby=on
