"""gunicorn settings shared by `make run` and production (Dockerfile).

Environment: PORT (default 8000), BIND (default 127.0.0.1:$PORT; 0.0.0.0:$PORT in Docker),
WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT.
"""

import multiprocessing
import os
from pathlib import Path

port = os.environ.get("PORT", "8000")
bind = os.environ.get("BIND", f"127.0.0.1:{port}")

# 2×cores+1 workers, capped at 8.
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Load Django, rjieba's dictionary and the analyzers once in the master; workers share the pages.
preload_app = True

# Request bodies: gunicorn has no body limit (limit_request_line / limit_request_fields /
# limit_request_field_size cover the request line and headers only). Django refuses an
# oversized body from its Content-Length before reading it (archive/bodylimit.py:
# REQUEST_MAX_ANONYMOUS_BODY_BYTES, REQUEST_MAX_BODY_BYTES, INGEST_MAX_UPLOAD_BYTES), but
# gunicorn may still drain the refused bytes from the socket; a proxy in front with the same
# limit (nginx client_max_body_size) stops them on the wire. Headers are kept to the defaults,
# stated here so they are visible next to the body limits.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# gunicorn's control socket beside the archive's other files, not in $HOME/.gunicorn/.
data_dir = Path(os.environ.get("ARCHIVE_DATA_DIR") or Path(__file__).resolve().parent / "var")
data_dir.mkdir(parents=True, exist_ok=True)
control_socket = str(data_dir.resolve() / "gunicorn.ctl")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


def on_starting(server):
    server.log.info("讲稿库 starting on %s with %s workers", bind, workers)


def when_ready(server):
    # Warm, in the master, what a worker would otherwise load on its first request of a kind:
    # the segmenter's dictionary (every search) and pypinyin (the first search that finds
    # nothing and asks for suggestions). With preload_app the workers are forked after this and
    # share those pages. Guarded: the server must still start if a module moves.
    try:
        from search.backends import backend
    except ImportError as exc:
        server.log.warning("词典未预热 (warm-up skipped): %s", exc)
        return
    backend().warm()
    # Warming may have read the database (the PostgreSQL backend's index check and
    # vocabulary): workers must not inherit that connection's socket.
    from django.db import connections

    connections.close_all()
