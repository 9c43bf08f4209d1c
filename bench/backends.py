"""`make bench-backends`: the search backends side by side on one synthetic archive, bulk
loaded (bench/bulk.py), with the peers, in the same process per backend.

Environment: BENCH_BACKEND (``whoosh``, ``postgres`` or both, comma-separated; default both),
BENCH_N (default 10000), BENCH_RUNS (rounds of the query mix, default 5), BENCH_PEERS (which
peers: ``icontains,fts5`` by default, ``fts5`` alone where icontains takes minutes per query at
100,000, 0 for none), BENCH_LOAD_SECONDS (gunicorn load per step, default 5; 0 skips),
BENCH_PG (server URL without database, default postgres://postgres@127.0.0.1:5432), BENCH_PG_DB
(its throw-away database, default jianggaoku_bench_N).
Each backend runs in its own process (``python -m bench.backends --one BACKEND N``): Whoosh on
a SQLite archive in ``<data>/bench/backends-N-whoosh``, PostgreSQL on a throw-away database
``jianggaoku_bench_N`` of BENCH_PG, dropped at the end. Results: ``<data>/bench/backends.json``.

Measured per backend: bulk load, index build (speeches/s, size per speech), the page as
/search/ and the API compute it (search + facets + counts + rows with snippets) over the query
mix (p50/p95; cold: app caches off; warm: the shipped term cache), recall and differing
queries against brute force, icontains and FTS5 trigram on the same archive, and requests/s
of /api/search/ under gunicorn (2 workers; BENCH_SERVER_WAIT seconds for it to start).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.queries import all_queries
from bench.run import ROOT, bench_dir, machine
from bench.stats import summary_ms

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "5"))
DEFAULT_TERM_CACHE = 512  # archive/settings.py's default SEARCH_TERM_CACHE
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip()


def _psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG_SERVER}/postgres", "-qc", sql], check=True)


def main() -> int:
    n = int(os.environ.get("BENCH_N", "10000"))
    names = [b for b in os.environ.get("BENCH_BACKEND", "whoosh,postgres").split(",") if b]
    out = bench_dir()
    out.mkdir(parents=True, exist_ok=True)
    from bench import corpus

    corpus.build(n, out / f"corpus-{n}")
    results = {"machine": machine(), "commit": _commit(), "n": n, "backends": {}}
    for name in names:
        print(f"== {name}, N={n}", file=sys.stderr, flush=True)
        env = {**os.environ, "SEARCH_BACKEND": name, "DJANGO_SETTINGS_MODULE": "archive.settings"}
        env["ARCHIVE_DATA_DIR"] = str(out / f"backends-{n}-{name}")
        env.pop("DATABASE_URL", None)
        env.pop("WHOOSH_INDEX_DIR", None)
        database = os.environ.get("BENCH_PG_DB") or f"jianggaoku_bench_{n}"
        if name == "postgres":
            _psql(f"DROP DATABASE IF EXISTS {database}")
            _psql(f"CREATE DATABASE {database}")
            env["DATABASE_URL"] = f"{PG_SERVER}/{database}"
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "bench.backends", "--one", name, str(n)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            if name == "postgres" and os.environ.get("BENCH_KEEP") != "1":
                _psql(f"DROP DATABASE IF EXISTS {database}")
        if proc.returncode != 0:
            print(f"{name} 的测量失败(退出码 {proc.returncode})", file=sys.stderr)
            return proc.returncode
        results["backends"][name] = json.loads(proc.stdout.strip().splitlines()[-1])
        (out / f"backends-{n}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def _index_bytes(name: str) -> int:
    if name == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('speech_search_searchdocument')"
                " + pg_total_relation_size('speech_search_searchchunk')"
                " + pg_total_relation_size('speech_search_searchrankterm')"
            )
            return cursor.fetchone()[0]
    from django.conf import settings

    folder = Path(settings.WHOOSH_INDEX_DIR).resolve()
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _page_latency(runs: int) -> tuple[dict, dict]:
    """The whole page as /search/ computes it (search.page.service.search), per query."""
    from search.language.params import parse_params
    from search.page.service import search

    per_class: dict[str, list[float]] = {}
    counts = {}
    for _cls, params in all_queries():  # warm-up round (imports, dictionaries), not counted
        counts[urlencode(params)] = search(parse_params(params)).outcome.count
    for _ in range(runs):
        for cls, params in all_queries():
            start = time.perf_counter()
            search(parse_params(params))
            per_class.setdefault(cls, []).append(time.perf_counter() - start)
    everything = [s for samples in per_class.values() for s in samples]
    by_class = {c: summary_ms(s) for c, s in per_class.items()}
    return {"all": summary_ms(everything), **by_class}, counts


def _recall(counts: dict) -> dict:
    """Counts and result sets against brute force (bench.peers.Truth)."""
    from bench.peers import Truth
    from search.backends import backend

    truth = Truth()
    found = expected = 0
    differing = []
    for _cls, params in all_queries():
        want = truth.ids(params)
        got_count = counts[urlencode(params)]
        if params.get("q") and len(params) == 1:
            got = backend().matching_ids(params["q"])
            found += len(got & want)
            same = got == want
        else:
            found += min(got_count, len(want))
            same = got_count == len(want)
        expected += len(want)
        if not same:
            differing.append(params)
    return {"recall": round(found / expected, 4) if expected else 1.0, "differing": differing}


def _peers(runs: int, which: set[str]) -> dict:
    from django.conf import settings
    from django.db import connection

    from bench.peers import Fts5, icontains_ids

    peers = {}
    timings: list[float] = []
    if "icontains" in which:
        for _ in range(runs):
            for _cls, params in all_queries():
                start = time.perf_counter()
                icontains_ids(params)
                timings.append(time.perf_counter() - start)
        peers[f"icontains ({connection.vendor})"] = summary_ms(timings)
    if "fts5" not in which:
        return peers

    fts = Fts5(Path(settings.DATA_DIR) / "fts5.sqlite3")
    timings = []
    for _ in range(runs):
        for _cls, params in all_queries():
            start = time.perf_counter()
            fts.ids(params)
            timings.append(time.perf_counter() - start)
    peers["fts5 trigram"] = {
        **summary_ms(timings),
        "build_s": round(fts.build_seconds, 1),
        "mb": round(fts.size_bytes / 1e6, 1),
    }
    return peers


def _throughput(seconds: float) -> dict:
    from bench import load, server

    env = {**os.environ, "SEARCH_RESULT_CACHE": "0", "SEARCH_TERM_CACHE": "0"}
    proc, port = server.start(env, workers=2)
    try:
        paths = [f"/api/search/?{urlencode(p)}" for _, p in all_queries()]
        load.run(port, 2, 1, paths)  # warm the workers
        steps = []
        for clients in (2, 4):
            result = load.run(port, clients, seconds, paths)
            steps.append(
                {
                    "clients": clients,
                    "requests_per_s": round(result["requests"] / result["elapsed"], 1),
                    "errors": result["errors"],
                    **summary_ms(result["latencies"]),
                }
            )
    finally:
        server.stop(proc)
    return {"steps": steps}


def one(name: str, n: int) -> dict:
    Path(os.environ["ARCHIVE_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    os.environ["SEARCH_RESULT_CACHE"] = "0"  # every search computed
    os.environ["SEARCH_TERM_CACHE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from bench import bulk, corpus
    from search.backends import backend

    call_command("migrate", verbosity=0)
    files = corpus.build(n, bench_dir() / f"corpus-{n}")
    start = time.perf_counter()
    loaded = bulk.load(files)
    load_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), os.times()
    _where, indexed = backend().rebuild()
    build_s = time.perf_counter() - start
    after = os.times()
    # CPU seconds of this process and its build processes (not the database server's): the
    # machine is shared, so wall time alone says as much about the neighbours as about us.
    build_cpu = sum(after[:4]) - sum(cpu[:4])
    size = _index_bytes(name)
    result = {
        "backend": name,
        "speeches": loaded,
        "bulk_load": {"seconds": round(load_s, 1), "speeches_per_s": round(loaded / load_s, 1)},
        "build": {
            "seconds": round(build_s, 1),
            "speeches_per_s": round(indexed / build_s, 1),
            "client_cpu_s": round(build_cpu, 1),
        },
        "index_mb": round(size / 1e6, 1),
        "index_kb_per_speech": round(size / 1e3 / max(indexed, 1), 1),
    }
    print(f"{name}: {result}", file=sys.stderr, flush=True)
    latency, counts = _page_latency(RUNS)
    result["page"] = latency  # cold: no posting list kept between searches
    # Warm: the shipped term cache (Whoosh keeps decoded posting lists and phrase matches; the
    # PostgreSQL backend keeps nothing in the process, so there it only repeats the measure).
    from django.conf import settings

    settings.SEARCH_TERM_CACHE = DEFAULT_TERM_CACHE
    result["page_warm"], _counts = _page_latency(RUNS)
    settings.SEARCH_TERM_CACHE = 0
    result["accuracy"] = _recall(counts)
    peers = os.environ.get("BENCH_PEERS", "icontains,fts5")
    if peers != "0":
        which = {"icontains", "fts5"} if peers == "1" else set(peers.split(","))
        result["peers"] = _peers(RUNS, which)
    if LOAD_SECONDS > 0:
        try:
            result["throughput"] = _throughput(LOAD_SECONDS)
        except RuntimeError as exc:  # gunicorn not ready in time: keep what was measured
            result["throughput"] = {"error": str(exc), "steps": []}
    return result


def markdown(paths: list[str]) -> str:
    """The docs/performance.md table of one or more backends-N.json files."""
    rows = []
    for path in paths:
        results = json.loads(Path(path).read_text())
        for name, r in results["backends"].items():
            page = r["page"]["all"]
            warm = r.get("page_warm", r["page"])["all"]
            peers = r.get("peers", {})
            peer_text = "; ".join(
                f"{peer} {v['p50_ms']:.0f} / {v['p95_ms']:.0f} ms" for peer, v in peers.items()
            )
            best = max(
                (s for s in r.get("throughput", {}).get("steps", []) if not s["errors"]),
                key=lambda s: s["requests_per_s"],
                default=None,
            )
            rows.append(
                f"| {name} | {results['n']:,} | {r['build']['speeches_per_s']} /s "
                f"({r['build']['seconds']} s, client CPU {r['build']['client_cpu_s']} s) | "
                f"{r['index_mb']} MB, {r['index_kb_per_speech']} KB/speech | "
                f"{page['p50_ms']:.0f} / {page['p95_ms']:.0f} ms · "
                f"{warm['p50_ms']:.0f} / {warm['p95_ms']:.0f} ms | "
                f"{r['accuracy']['recall']} · {len(r['accuracy']['differing'])} | {peer_text} | "
                + (
                    f"{best['requests_per_s']} req/s ({best['clients']} clients, "
                    f"p95 {best['p95_ms']:.0f} ms)"
                    if best
                    else "-"
                )
                + f" | `{results['commit']}` |"
            )
    header = (
        "| backend | N | index build | index size | page p50 / p95 cold · warm "
        "| recall · differing "
        "| peers p50 / p95 (same process) | /api/search/, 2 workers | commit |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    return header + "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], int(sys.argv[3])), ensure_ascii=False))
    elif len(sys.argv) > 2 and sys.argv[1] == "--table":
        print(markdown(sys.argv[2:]))
    else:
        sys.exit(main())
