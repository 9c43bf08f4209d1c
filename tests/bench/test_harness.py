"""Smoke run of the benchmark harness at a tiny N, so `make bench` never rots.

Runs the real harness (corpus, import, rebuild, gunicorn, load, peers) in a subprocess against
a temporary data folder; asserts what a reader of the report sees, never timings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from bench.queries import QUERY_MIX
from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent.parent


def test_corpus_is_deterministic_and_in_range(tmp_path, corpus_files):
    first = corpus.build(12, tmp_path / "a")
    second = corpus.build(12, tmp_path / "b")
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert texts == [p.read_text(encoding="utf-8") for p in second]
    assert all(corpus.MIN_CHARS - 200 <= len(t) <= corpus.MAX_CHARS + 200 for t in texts)
    assert any("時間" in t for t in texts), "no traditional-script speech in the sample"
    assert any(t.startswith("区委") for t in texts) and any(t.startswith("县委") for t in texts)
    assert all("一、" in t for t in texts), "every speech has an outline"


def test_percentile_is_nearest_rank():
    samples = [float(i) for i in range(1, 101)]
    assert percentile(samples, 50) == 50.0
    assert percentile(samples, 99) == 99.0
    assert percentile([3.0], 95) == 3.0


def _run_harness(env: dict) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def smoke_env(tmp_path_factory, corpus_files):
    data = tmp_path_factory.mktemp("benchdata")
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data),
        "BENCH_N": "3",
        "BENCH_RUNS": "1",
        "BENCH_LOAD_SECONDS": "0.3",
    }
    env.pop("BENCH_SCALES", None)
    env.pop("BENCH_REUSE", None)
    return env


@pytest.fixture(scope="module")
def smoke_run(smoke_env):
    proc = _run_harness(smoke_env)
    data = Path(smoke_env["ARCHIVE_DATA_DIR"])
    return proc, json.loads((data / "bench" / "results.json").read_text())


def test_smoke_run_reports_every_measurement(smoke_run):
    proc, results = smoke_run
    [scale] = results["scales"]
    assert scale["n"] == 3
    assert scale["import"]["imported"] == 3
    assert scale["index_mb"] > 0
    latency = scale["served"]["latency"]
    for endpoint in ("/api/search/", "/search/"):
        assert set(QUERY_MIX) <= set(latency[endpoint])
    assert scale["served"]["throughput"]["steps"]
    assert scale["served"]["workers_after_warmup"], "no gunicorn worker memory read"
    warm = scale["served_warm"]["latency"]
    assert set(QUERY_MIX) <= set(warm["/api/search/"])
    cached = scale["served_cached"]["latency"]
    assert set(QUERY_MIX) <= set(cached["/search/"])
    assert scale["make_run"]["status"] == 200  # the first search after `make run` was served
    assert "page req/s" in proc.stdout and "fts5_trigram" in proc.stdout
    assert "cached req/s" in proc.stdout and "warm req/s" in proc.stdout


def test_smoke_run_scores_peers_against_the_truth(smoke_run):
    _, results = smoke_run
    engines = results["scales"][0]["peers"]["engines"]
    assert set(engines) == {"ours", "ours_engine", "icontains", "fts5_trigram", "whoosh_jieba"}
    for ours in ("ours", "ours_engine"):
        assert engines[ours]["queries_differing_from_truth"] == []
        assert engines[ours]["recall"] == 1.0
    # Traditional-script queries find the simplified speeches only with 简繁 folding.
    assert engines["icontains"]["recall"] < 1.0


def test_reuse_measures_search_again_on_the_built_archive(smoke_run, smoke_env):
    _, first = smoke_run
    data = Path(smoke_env["ARCHIVE_DATA_DIR"]) / "bench" / "data-3"
    index_files = {p.name: p.stat().st_mtime_ns for p in (data / "whoosh_index").iterdir()}
    _run_harness({**smoke_env, "BENCH_REUSE": "1"})
    [scale] = json.loads((data.parent / "results.json").read_text())["scales"]
    assert scale["reused_archive"] is True
    # The import and rebuild were not run again: their figures and the index are the first run's.
    assert scale["import"] == first["scales"][0]["import"]
    assert {p.name: p.stat().st_mtime_ns for p in (data / "whoosh_index").iterdir()} == index_files
    assert set(QUERY_MIX) <= set(scale["served"]["latency"]["/search/"])
    assert scale["peers"]["engines"]["ours"]["recall"] == 1.0


def test_reuse_refuses_an_archive_without_its_ingest_figures(smoke_run, smoke_env):
    data = Path(smoke_env["ARCHIVE_DATA_DIR"]) / "bench" / "data-3"
    figures = data / "ingest.json"
    saved = figures.read_text()
    figures.unlink()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bench.run"],
            cwd=ROOT,
            env={**smoke_env, "BENCH_REUSE": "1"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode != 0
        assert "ingest.json" in proc.stderr
        assert (data / "whoosh_index").is_dir()  # neither rebuilt nor deleted
    finally:
        figures.write_text(saved)
