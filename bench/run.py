"""`make bench`: build the corpus, then for each scale measure import, rebuild, search latency,
throughput, memory and the peers; write var/bench/results.json and print a table.

Environment: BENCH_N (default 10000), BENCH_SCALES (comma-separated N list; default BENCH_N),
BENCH_RUNS (rounds per query, default 5), BENCH_LOAD_SECONDS (per concurrency step, default 5),
BENCH_PEERS (0 to skip the peers), BENCH_SUITE (``trends``: bench/trends.py instead;
``reuse``: the paragraph reuse benchmark, bench/reuse.py),
ARCHIVE_DATA_DIR (default ./var; results go to its bench/).
Each scale runs in its own process (``python -m bench.run --one N``) against its own throw-away
data folder ``<data>/bench/data-N``, so the user's database and index are never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import corpus
from bench.report import print_table

ROOT = Path(__file__).resolve().parent.parent


def bench_dir() -> Path:
    base = Path(os.environ.get("ARCHIVE_DATA_DIR") or ROOT / "var").resolve()
    return base / "bench"


def scales() -> list[int]:
    raw = os.environ.get("BENCH_SCALES") or os.environ.get("BENCH_N") or "10000"
    return [int(x) for x in raw.replace(" ", "").split(",") if x]


def main() -> int:
    if os.environ.get("BENCH_SUITE") == "reuse":  # the paragraph reuse benchmark (bench/reuse.py)
        from bench import reuse

        return reuse.main()
    if os.environ.get("BENCH_SUITE") == "trends":  # the trends page only (bench/trends.py)
        from bench import trends

        return trends.main()
    out = bench_dir()
    out.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "scales": []}
    for n in scales():
        print(f"== N={n}", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, "-m", "bench.one", str(n)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"规模 {n} 的测量失败(退出码 {proc.returncode})", file=sys.stderr)
            return proc.returncode
        results["scales"].append(json.loads(proc.stdout.strip().splitlines()[-1]))
        (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print_table(results)
    print(f"\n结果已写入 {out / 'results.json'}")
    return 0


def machine() -> dict:
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
    }


def prepare(n: int) -> tuple[Path, Path]:
    """The cached corpus folder for n and a fresh data folder for this run."""
    base = bench_dir()
    files = corpus.build(n, base / f"corpus-{n}")
    data = base / f"data-{n}"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    return files[0].parent, data


if __name__ == "__main__":
    sys.exit(main())
