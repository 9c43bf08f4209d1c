#!/usr/bin/env bash
# The whole pytest suite on PostgreSQL, then the search and web tests again with the
# PostgreSQL search backend (SEARCH_BACKEND=postgres). Uses DATABASE_URL when set, else a throw-away database
# on the local server at 127.0.0.1:5432 (trust auth), created here and dropped afterwards.
# Never passes silently: no reachable server is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}

if [ -z "${DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "== PostgreSQL is not answering on $HOST:$PORT; trying to start the local cluster"
    for version in /etc/postgresql/*; do
      pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
    done
    sleep 2
  fi
  if ! pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then
    echo "!! 无法连接 PostgreSQL($HOST:$PORT),PostgreSQL 测试没有运行。" >&2
    echo "!! No PostgreSQL server reachable at $HOST:$PORT: the PostgreSQL suite did NOT run." >&2
    echo "!! Start one, or set DATABASE_URL=postgres://user@host:port/dbname." >&2
    exit 1
  fi
  DB="jianggaoku_ci_$$"
  psql -h "$HOST" -p "$PORT" -U postgres -qc "CREATE DATABASE $DB" postgres
  trap 'psql -h "$HOST" -p "$PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB" postgres >/dev/null 2>&1 || true' EXIT
  export DATABASE_URL="postgres://postgres@$HOST:$PORT/$DB"
fi

echo "== pytest on PostgreSQL (…@${DATABASE_URL#*@})"
.venv/bin/pytest -p no:cacheprovider "$@"

# The same search tests (brute-force equivalence included) with PostgreSQL as the search
# engine too: the index in the database (search/backends/postgres/). Only tests/search, the
# pages (no browser: their layout does not depend on the engine) and the first start; the rest
# of the suite does not depend on the engine, and tests/reliability damages Whoosh's files.
echo "== search tests with SEARCH_BACKEND=postgres"
SEARCH_BACKEND=postgres .venv/bin/pytest -p no:cacheprovider \
  -m "not slow and not soak and not bench and not browser" \
  tests/search tests/web tests/test_demo.py "$@"
