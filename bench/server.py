"""gunicorn on a free loopback port, with the repo's gunicorn.conf.py, and its workers' memory."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# How long gunicorn may take to answer /healthz (BENCH_SERVER_WAIT, seconds): its workers load
# the dictionaries and, on a machine loaded by a large benchmark or other work, 60 s was not
# always enough.
READY_SECONDS = float(os.environ.get("BENCH_SERVER_WAIT") or 300)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(env: dict, workers: int = 2) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **env,
        "PORT": str(port),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "WARNING",
    }
    cmd = [str(Path(sys.executable).with_name("gunicorn")), "archive.wsgi:application"]
    if (ROOT / "gunicorn.conf.py").exists():
        cmd[1:1] = ["-c", "gunicorn.conf.py"]
    cmd += ["--access-logfile", "/dev/null"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("gunicorn 启动失败") from None
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"gunicorn {READY_SECONDS:.0f} 秒内未就绪(BENCH_SERVER_WAIT)")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def worker_memory(master: int) -> list[dict]:
    """RSS and peak RSS (MB) of each worker process of the gunicorn ``master``."""
    workers = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == master:
                pid = int(entry.name)
                workers.append(
                    {
                        "pid": pid,
                        "rss_mb": round(_status_kb(pid, "VmRSS") / 1024, 1),
                        "peak_rss_mb": round(_status_kb(pid, "VmHWM") / 1024, 1),
                    }
                )
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    return workers
