"""Soak: gunicorn on loopback, concurrent searchers over a query mix, and a writer process that
imports, edits and deletes through archive.services, for a bounded time. Then: no 5xx, no lost or
duplicated speech, and ``check_index`` exit 0.

    python -m tests.reliability.soak --seconds 120     (``make soak``)

Prints one JSON report; tests/reliability/test_soak.py runs a short version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from tests.reliability.harness import DataDir, Server, write_speeches

QUERIES = [
    "群众工作",
    "作风建设",
    "安全生产",
    "乡村振兴 工作",
    '"党风廉政建设"',
    "营商环境 -信访",
    "信访工作 OR 群众工作",
    "title:会议",
    "編號",
    "黨務工作",
    "",
    "不存在的词语组合",
]
EXTRA_PARAMS = [{}, {"sort": "newest"}, {"level": "county"}, {"from": "2023-03", "to": "2023-09"}]

# The writer: imports new speeches, edits and deletes some, through the one write path. It
# prints a JSON ledger of what must be in the database at the end.
WRITER = r"""
import json, random, sys, time
from pathlib import Path
from archive import services
from archive.models import Speech

folder, seconds, seed = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
files = sorted(folder.iterdir())
imported, deleted, edited, errors = [], [], 0, []
deadline = time.monotonic() + seconds
for path in files:
    if time.monotonic() > deadline:
        break
    for outcome in services.speeches_import_file(filename=path.name, data=path.read_bytes()):
        if outcome.status == services.STATUS_IMPORTED:
            imported.append(outcome.speech.pk)
        else:
            errors.append([outcome.file, outcome.status, outcome.error])
    live = [pk for pk in imported if pk not in deleted]
    if len(live) > 3 and rng.random() < 0.4:
        speech = Speech.objects.get(pk=rng.choice(live))
        speech.title = speech.title + "(修订)"
        services.speech_update(speech=speech)
        edited += 1
    if len(live) > 2 and rng.random() < 0.3:
        victim = rng.choice(live)
        services.speech_delete(speech=Speech.objects.get(pk=victim))
        deleted.append(victim)
print(json.dumps({"imported": imported, "deleted": deleted, "edited": edited, "errors": errors}))
"""


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Searchers:
    def __init__(self, base: str, clients: int, seed: int, speech_ids: list[int]) -> None:
        self.base = base
        self.speech_ids = speech_ids
        self.clients = clients
        self.seed = seed
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _one(self, rng: random.Random) -> None:
        if rng.random() < 0.2:
            # Reading pages of seeded speeches (the writer never deletes those).
            url = f"{self.base}/speeches/{rng.choice(self.speech_ids)}/"
        else:
            params = {"q": rng.choice(QUERIES), **rng.choice(EXTRA_PARAMS)}
            path = rng.choice(["/search/", "/api/search/"])
            url = f"{self.base}{path}?{urllib.parse.urlencode(params)}"
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.read()
        except OSError as exc:
            with self.lock:
                self.failures.append(f"{url}: {exc}")
            return
        elapsed = time.perf_counter() - started
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(elapsed)

    def _loop(self, number: int) -> None:
        rng = random.Random(self.seed * 100 + number)
        while not self.stop.is_set():
            self._one(rng)

    def run(self, seconds: float) -> None:
        threads = [
            threading.Thread(target=self._loop, args=(n,), daemon=True) for n in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        self.stop.set()
        for thread in threads:
            thread.join(timeout=90)


def soak(*, seconds: float, clients: int, seed_speeches: int, workdir: Path) -> dict:
    data = DataDir(workdir / "data")
    data.migrate()
    seed_folder = workdir / "seed"
    write_speeches(seed_folder, seed_speeches, seed=1)
    seeded = data.manage("import_speeches", str(seed_folder), timeout=600)
    if seeded.returncode != 0:
        raise RuntimeError(seeded.stderr[-2000:])
    # More files than the writer can import in the time: it is never idle.
    new_folder = workdir / "new"
    write_speeches(new_folder, max(20, int(seconds * 4)), seed=2, start=10_000)

    server = Server(data)
    try:
        server.wait_ready()
        seeded_ids = [pk for (pk,) in data.sql("SELECT id FROM archive_speech")]
        searchers = Searchers(server.base, clients, seed=7, speech_ids=seeded_ids)
        writer = data.popen(
            [data.command("shell")[0], "-c", "import django\ndjango.setup()\n" + WRITER]
            + [str(new_folder), str(seconds), "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        searchers.run(seconds)
        out, err = writer.communicate(timeout=seconds + 300)
        wall = time.monotonic() - started
    finally:
        server.stop()
    if writer.returncode != 0:
        raise RuntimeError(f"writer failed: {err[-3000:]}")
    ledger = json.loads(out.strip().splitlines()[-1])

    expected = seed_speeches + len(ledger["imported"]) - len(ledger["deleted"])
    rows = data.sql("SELECT id, fingerprint FROM archive_speech")
    ids = {pk for pk, _ in rows}
    lost = sorted(set(ledger["imported"]) - set(ledger["deleted"]) - ids)
    resurrected = sorted(set(ledger["deleted"]) & ids)
    duplicates = len(rows) - len({fp for _, fp in rows})
    checked = data.manage("check_index", timeout=300)
    latencies = searchers.latencies
    served = sum(searchers.statuses.values())
    return {
        "seconds": seconds,
        "wall_seconds": round(wall, 1),
        "clients": clients,
        "cpus": os.cpu_count(),
        "seed_speeches": seed_speeches,
        "requests": served,
        "requests_per_second": round(served / wall, 1) if wall else 0,
        "statuses": {str(k): v for k, v in sorted(searchers.statuses.items())},
        "server_errors": sum(n for status, n in searchers.statuses.items() if status >= 500),
        "connection_failures": searchers.failures[:10],
        "latency_ms": {
            "p50": round(percentile(latencies, 0.50) * 1000, 1),
            "p90": round(percentile(latencies, 0.90) * 1000, 1),
            "p99": round(percentile(latencies, 0.99) * 1000, 1),
            "max": round(max(latencies, default=0) * 1000, 1),
            "mean": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0,
        },
        "writer": {
            "imported": len(ledger["imported"]),
            "edited": ledger["edited"],
            "deleted": len(ledger["deleted"]),
            "errors": ledger["errors"],
        },
        "speeches_expected": expected,
        "speeches_in_database": len(rows),
        "lost": lost,
        "resurrected": resurrected,
        "duplicated": duplicates,
        "check_index_exit": checked.returncode,
        "check_index_output": checked.stdout.strip().splitlines()[-3:],
        "gunicorn_tracebacks": server.log.read_text(errors="replace").count("Traceback"),
        "gunicorn_errors": traceback_summaries(server.log.read_text(errors="replace")),
        "first_traceback": first_traceback(server.log.read_text(errors="replace")),
    }


def first_traceback(log: str) -> list[str]:
    at = log.find("Traceback (most recent call last):")
    return log[at:].splitlines()[:60] if at >= 0 else []


def traceback_summaries(log: str) -> list[str]:
    """The innermost frame and the exception line of each traceback in the server's log."""
    summaries = []
    for block in log.split("Traceback (most recent call last):")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        frames = [line.strip() for line in lines if line.strip().startswith("File ")]
        ending = next((line for line in lines if not line.startswith((" ", "\t"))), "")
        summaries.append(f"{frames[-1] if frames else ''} → {ending}")
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", 120)))
    parser.add_argument("--clients", type=int, default=int(os.environ.get("SOAK_CLIENTS", 8)))
    parser.add_argument("--seed-speeches", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as workdir:
        report = soak(
            seconds=args.seconds,
            clients=args.clients,
            seed_speeches=args.seed_speeches,
            workdir=Path(workdir),
        )
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = (
        report["server_errors"] == 0
        and not report["connection_failures"]
        and not report["lost"]
        and not report["resurrected"]
        and report["duplicated"] == 0
        and report["speeches_in_database"] == report["speeches_expected"]
        and report["check_index_exit"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
