"""The trends page at scale: ``python -m bench.trends`` (``make bench-trends``, or
``BENCH_SUITE=trends make bench``).

Builds BENCH_N synthetic speeches (bench/corpus.py's generator, written straight into the
database with bulk_create, then one index rebuild) in a throw-away folder
``<data>/bench/trends-N`` that later runs reuse, then times 5-term trends: compute only, and
the whole /trends/ page through Django's test client. Baseline, measured in the same process:
one /api/search/ of a single term. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

from bench.run import ROOT, bench_dir, machine
from bench.stats import summary_ms

N = int(os.environ.get("BENCH_N", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TERM_SETS = [
    ["乡村振兴", "高质量发展", "营商环境", "安全生产", "作风建设"],
    ["群众", "党风廉政建设", "基层党建", "信访维稳", "生态环境保护"],
    ["發展", "招商引资", "民生实事", "形式主义", "党"],
    ["工作", "落实", "责任", "创新", "改革"],
]


def _setup_django(data) -> None:
    os.environ["ARCHIVE_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    import django

    django.setup()


def _build(data) -> None:
    """N speeches in the database and the index (skipped when a previous run left them)."""
    import datetime

    import opencc
    from django.core.management import call_command

    from archive.models import Speech
    from bench import corpus
    from search.backends import backend

    call_command("migrate", "--noinput", verbosity=0)
    if Speech.objects.count() == N and backend().indexed_count() == N:
        return
    Speech.objects.all().delete()
    rng = random.Random(corpus.SEED)
    pool = corpus.paragraphs()
    to_traditional = opencc.OpenCC("s2t")
    batch = []
    for number in range(1, N + 1):
        text, meta = corpus.speech_text(number, pool, rng)
        if meta["traditional"]:
            text = to_traditional.convert(text)
        lines = text.strip().split("\n")
        batch.append(
            Speech(
                title=lines[0],
                body="\n".join(lines[2:]),
                date=datetime.date.fromisoformat(meta["date"]),
                level=meta["level"],
                is_published=True,
                fingerprint=f"bench-trends-{number}",
            )
        )
        if len(batch) == 500:
            Speech.objects.bulk_create(batch)
            batch = []
    Speech.objects.bulk_create(batch)
    started = time.perf_counter()
    backend().rebuild()
    print(f"rebuild: {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _commit() -> str:
    proc = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return proc.stdout.strip()


def measure() -> dict:
    from django.test import Client

    from search.backends.whoosh.postings import forget_terms
    from search.trends.compute import compute_trends, read_terms

    client = Client()
    cold, compute, page, baseline = [], [], [], []
    for terms in TERM_SETS:
        forget_terms()  # nothing kept from an earlier set: a first visit
        started = time.perf_counter()
        compute_trends(read_terms(terms))
        cold.append(time.perf_counter() - started)
    for _ in range(RUNS):
        for terms in TERM_SETS:
            started = time.perf_counter()
            compute_trends(read_terms(terms))
            compute.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = client.get("/trends/", {"q": terms})
            page.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            client.get("/api/search/", {"q": terms[0]})
            baseline.append(time.perf_counter() - started)
    base = summary_ms(baseline)
    result = {
        "n": N,
        "commit": _commit(),
        "machine": machine(),
        "trends_cold_compute": summary_ms(cold),
        "trends_compute": summary_ms(compute),
        "trends_page": summary_ms(page),
        "baseline_api_search_one_term": base,
    }
    result["page_p95_vs_baseline_p95"] = round(result["trends_page"]["p95_ms"] / base["p95_ms"], 2)
    return result


def main() -> int:
    out = bench_dir()  # before ARCHIVE_DATA_DIR points into it
    data = out / f"trends-{N}"
    data.mkdir(parents=True, exist_ok=True)
    _setup_django(data)
    _build(data)
    result = measure()
    print(json.dumps(result, ensure_ascii=False))
    (out / f"trends-{N}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
