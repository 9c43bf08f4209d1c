"""What an operator reads in the logs of `make run`: the upload worker's lines once each, in
gunicorn's format and in the same local time."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d):\d\d:\d\d ([+-]\d{4})\] \[\d+\] \[INFO\] huey")


def test_huey_lines_are_printed_once_in_local_time(tmp_path):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    env.pop("HUEY_IMMEDIATE", None)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Wait for the start line itself (a loaded machine takes longer than any fixed pause), then
    # a moment more, so a second copy of the line would be printed before the worker stops.
    lines: list[str] = []
    silent_worker = threading.Timer(90, worker.kill)  # never started: the assertion says so
    silent_worker.start()
    for line in worker.stdout:
        lines.append(line)
        if "consumer started" in line:
            break
    silent_worker.cancel()
    time.sleep(1)
    worker.send_signal(signal.SIGINT)
    rest, _ = worker.communicate(timeout=30)
    output = "".join(lines) + rest
    started = [line for line in output.splitlines() if "consumer started" in line]
    assert len(started) == 1, output
    match = LINE.match(started[0])
    assert match, started[0]
    hour, offset = match.groups()
    assert offset == "+0800"  # TIME_ZONE = Asia/Shanghai, as gunicorn prints it
    # huey's own "started … at <time>" is local time too, not UTC.
    assert f"at {hour}:" in started[0]
