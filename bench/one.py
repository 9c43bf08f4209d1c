"""One scale: ``python -m bench.one N`` prints a JSON object with every measurement for N.

Sets ARCHIVE_DATA_DIR to the scale's throw-away folder before Django starts, so this process
(the peers) and its subprocesses (import, rebuild, gunicorn) all use it.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import load, server
from bench.queries import all_queries
from bench.run import ROOT, bench_dir, prepare
from bench.stats import summary_ms

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "5"))
CONCURRENCY_STEPS = (1, 2, 4, 8)
P95_LIMIT_S = 0.200


def timed(cmd: list[str], env: dict) -> tuple[float, int, str]:
    """Run cmd; returns (seconds, peak RSS in KB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"命令失败:{' '.join(cmd)}(退出码 {proc.returncode})")
    return seconds, usage.ru_maxrss, stdout


def folder_bytes(path: Path) -> int:
    path = path.resolve()
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def ingest_and_rebuild(n: int, corpus_dir: Path, env: dict) -> dict:
    manage = [sys.executable, "manage.py"]
    timed([*manage, "migrate", "--noinput"], env)
    seconds, _, out = timed([*manage, "import_speeches", str(corpus_dir), "--json"], env)
    records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    imported = sum(r["status"] == "imported" for r in records)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus_dir.glob("*.txt"))
    rb_seconds, rb_rss_kb, _ = timed([*manage, "rebuild_index", "--noinput"], env)
    index = Path(env["ARCHIVE_DATA_DIR"]) / "whoosh_index"
    return {
        "n": n,
        "import": {
            "seconds": round(seconds, 2),
            "files": len(records),
            "imported": imported,
            "speeches_per_s": round(len(records) / seconds, 2),
            "chars_per_s": round(chars / seconds),
        },
        "rebuild": {
            "seconds": round(rb_seconds, 2),
            "speeches_per_s": round(imported / rb_seconds, 2),
            "peak_rss_mb": round(rb_rss_kb / 1024, 1),
        },
        "index_mb": round(folder_bytes(index) / 1e6, 1),
        "database_mb": round(
            (Path(env["ARCHIVE_DATA_DIR"]) / "archive.sqlite3").stat().st_size / 1e6, 1
        ),
    }


def get(conn: http.client.HTTPConnection, path: str) -> tuple[float, int, bytes]:
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    return time.perf_counter() - start, response.status, body


def http_latency(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    out: dict = {}
    for endpoint in ("/api/search/", "/search/"):
        per_class: dict[str, list[float]] = {}
        for _, params in all_queries():  # warm-up round, not counted
            get(conn, f"{endpoint}?{urlencode(params)}")
        for _ in range(RUNS):
            for cls, params in all_queries():
                seconds, status, _ = get(conn, f"{endpoint}?{urlencode(params)}")
                if status != 200:
                    raise SystemExit(f"{endpoint} 返回 {status}:{params}")
                per_class.setdefault(cls, []).append(seconds)
        everything = [s for samples in per_class.values() for s in samples]
        out[endpoint] = {
            "all": summary_ms(everything),
            **{cls: summary_ms(s) for cls, s in per_class.items()},
        }
    return out


def api_counts(port: int) -> dict[str, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    counts = {}
    for _, params in all_queries():
        _, _, body = get(conn, f"/api/search/?{urlencode(params)}")
        counts[urlencode(params)] = json.loads(body)["count"]
    return counts


def throughput(port: int) -> dict:
    paths = [f"/search/?{urlencode(p)}" for _, p in all_queries()]
    steps, best = [], None
    for procs in CONCURRENCY_STEPS:
        result = load.run(port, procs, LOAD_SECONDS, paths)
        step = {
            "clients": procs,
            "requests_per_s": round(result["requests"] / result["elapsed"], 1),
            "errors": result["errors"],
            **summary_ms(result["latencies"]),
        }
        steps.append(step)
        fits = step["p95_ms"] / 1000 < P95_LIMIT_S and not step["errors"]
        if fits and (best is None or step["requests_per_s"] > best["requests_per_s"]):
            best = step
    return {"steps": steps, "best_under_p95_200ms": best}


def serve_and_measure(env: dict) -> dict:
    proc, port = server.start(env)
    try:
        latency = http_latency(port)
        counts = api_counts(port)
        memory = server.worker_memory(proc.pid)
        rate = throughput(port)
        memory_after = server.worker_memory(proc.pid)
    finally:
        server.stop(proc)
    return {
        "latency": latency,
        "api_counts": counts,
        "workers_after_warmup": memory,
        "workers_after_load": memory_after,
        "throughput": rate,
    }


def first_search(env: dict) -> dict:
    """What `make run` does on an already-built archive (setup_archive, then gunicorn), timed
    until the first search page is served."""
    start = time.perf_counter()
    timed([sys.executable, "manage.py", "setup_archive"], env)
    setup = time.perf_counter() - start
    proc, port = server.start(env)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        _, status, _ = get(conn, "/search/?" + urlencode({"q": "群众"}))
        total = time.perf_counter() - start
    finally:
        server.stop(proc)
    return {"setup_s": round(setup, 2), "first_search_s": round(total, 2), "status": status}


def reusable_ingest(n: int, data: Path) -> dict | None:
    """With BENCH_REUSE=1: the ingest figures (data/ingest.json) of an archive an earlier run
    built for n, so a change to the search side is re-measured without importing and
    rebuilding again; None (build afresh) when there is no archive. An archive without its
    figures stops the run rather than being thrown away and rebuilt for an hour."""
    if os.environ.get("BENCH_REUSE") != "1" or not (data / "whoosh_index").is_dir():
        return None
    recorded = data / "ingest.json"
    if not recorded.exists():
        raise SystemExit(
            f"BENCH_REUSE=1:{data} 有索引但没有 ingest.json(导入与重建的数字),"
            "不重建也不删除。去掉 BENCH_REUSE 重新测量,或补上该文件。"
        )
    return json.loads(recorded.read_text())


def main(n: int) -> dict:
    data = bench_dir() / f"data-{n}"
    result = reusable_ingest(n, data)
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "archive.settings",
        "HUEY_IMMEDIATE": "1",
    }
    env.pop("WHOOSH_INDEX_DIR", None)
    env.pop("DATABASE_URL", None)
    if result is None:
        corpus_dir, data = prepare(n)
        result = ingest_and_rebuild(n, corpus_dir, env)
        (data / "ingest.json").write_text(json.dumps(result))
    else:
        result["reused_archive"] = True  # ingest figures from the run that built it
    print(f"N={n}: import {result['import']}, rebuild {result['rebuild']}", file=sys.stderr)
    # Three ways of serving the same query mix:
    # "served" (cold): every search computed from the index files, nothing kept between
    #   searches (no result cache, no posting-list cache);
    # "served_warm": every search computed, with the posting lists and phrase matches of earlier
    #   searches kept (SEARCH_TERM_CACHE, shipped on): a long-running worker that has seen the
    #   common grams; the mix repeats, so here it has seen them all;
    # "served_cached": the shipped settings, where a repeated search on an unchanged index is
    #   answered from the worker's result cache (nearly every request of the mix hits).
    result["served"] = serve_and_measure(
        {**env, "SEARCH_RESULT_CACHE": "0", "SEARCH_TERM_CACHE": "0"}
    )
    result["served_warm"] = serve_and_measure({**env, "SEARCH_RESULT_CACHE": "0"})
    result["served_cached"] = serve_and_measure(env)
    result["make_run"] = first_search(env)
    if os.environ.get("BENCH_PEERS", "1") != "0":
        os.environ.update({k: env[k] for k in ("ARCHIVE_DATA_DIR", "DJANGO_SETTINGS_MODULE")})
        os.environ["SEARCH_RESULT_CACHE"] = "0"  # every peer query computed, ours too
        os.environ["SEARCH_TERM_CACHE"] = "0"
        from bench.compare import compare_peers

        result["peers"] = compare_peers(data, RUNS, result["served"]["api_counts"])
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1])), ensure_ascii=False))
