"""Helpers for the reliability tests and the soak harness: a data folder with its own SQLite
database and index, driven through ``manage.py`` in child processes (as an operator would),
synthetic speeches made of real corpus sentences, and a gunicorn server on loopback."""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests import shared_data

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
NUMERALS = "一二三四五六七八九十"
TOPICS = ("群众工作", "作风建设", "安全生产", "乡村振兴", "党风廉政建设", "营商环境", "信访工作")


def corpus_sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in shared_data.corpus_files())
    return [s for s in re.findall(r"[^。\n:]{12,80}。", text) if "來源" not in s]


def synthetic_speech(number: int, sentences: list[str], *, seed: int = 0) -> str:
    """A plausible speech: title, date, greeting, three headed parts of corpus sentences, and
    a serial word (编号N) so each one is distinct and findable."""
    rng = random.Random(seed * 1_000_003 + number)
    topic = TOPICS[number % len(TOPICS)]
    month, day = 1 + number % 12, 1 + number % 28
    lines = [
        f"在全县{topic}会议上的讲话(第{number}号)",
        "",
        f"（2023年{month}月{day}日）",
        "",
        "同志们:",
        f"今天召开全县{topic}会议,编号{number}。" + "".join(rng.sample(sentences, 2)),
    ]
    for part in range(3):
        lines.append(f"{NUMERALS[part]}、抓好{topic}第{part + 1}项重点任务")
        lines.extend("".join(rng.sample(sentences, 3)) for _ in range(2))
    lines.append("同志们,让我们扎实工作,确保各项任务落到实处。")
    return "\n".join(lines) + "\n"


def write_speeches(folder: Path, count: int, *, seed: int = 0, start: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sentences = corpus_sentences()
    paths = []
    for number in range(start, start + count):
        path = folder / f"speech_{number:05d}.txt"
        path.write_text(synthetic_speech(number, sentences, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DataDir:
    """An ``ARCHIVE_DATA_DIR`` of its own: database, index, uploads."""

    path: Path

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "WHOOSH_INDEX_DIR", "DJANGO_ENV"}
        }
        env.update(
            ARCHIVE_DATA_DIR=str(self.path),
            DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "archive.settings"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            LOG_LEVEL="WARNING",
        )
        return env

    @property
    def index_dir(self) -> Path:
        return self.path / "whoosh_index"

    def command(self, *args: str) -> list[str]:
        return [str(PYTHON), str(ROOT / "manage.py"), *args]

    def manage(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def popen(self, argv: list[str], **kwargs) -> subprocess.Popen:
        return subprocess.Popen(argv, env=self.env, cwd=ROOT, **kwargs)

    def python(self, code: str, *, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run ``code`` in a child with Django set up on this data folder."""
        prelude = "import django\ndjango.setup()\n"
        return subprocess.run(
            [str(PYTHON), "-c", prelude + code],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def migrate(self) -> None:
        result = self.manage("migrate", "--noinput", "-v0")
        assert result.returncode == 0, result.stderr

    def sql(self, query: str) -> list[tuple]:
        """Read the data folder's database directly (no Django in this process)."""
        import sqlite3

        connection = sqlite3.connect(self.path / "archive.sqlite3", timeout=30)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()


class Server:
    """gunicorn serving ``archive.wsgi`` for a data folder on 127.0.0.1:<free port>."""

    def __init__(self, data: DataDir, *, workers: int = 2, threads: int = 4) -> None:
        self.data = data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = data.path / "gunicorn.log"
        argv = [
            str(GUNICORN),
            "archive.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--error-logfile",
            str(self.log),
        ]
        self._log_handle = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        self.process = data.popen(argv, stdout=self._log_handle, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/search/?q=", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_handle.close()
