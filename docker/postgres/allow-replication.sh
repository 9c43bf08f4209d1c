#!/usr/bin/env bash
# Run once by the postgres image when it creates the database (docker-entrypoint-initdb.d):
# allow streaming replication connections (db-replica) with the same password method.
set -euo pipefail
echo "host replication all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
