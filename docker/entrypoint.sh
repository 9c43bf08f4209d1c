#!/bin/sh
# Migrations at start, then whatever the container was asked to run (gunicorn by default).
set -e
python manage.py migrate --noinput
python manage.py ensure_index
exec "$@"
