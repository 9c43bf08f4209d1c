"""Peers side by side in this process, on the same database: latency and recall per engine."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.queries import all_queries
from bench.stats import summary_ms


def compare_peers(data: Path, runs: int, api_counts: dict[str, int]) -> dict:
    os.environ.pop("WHOOSH_INDEX_DIR", None)
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from bench import peers

    truth = peers.Truth()
    fts = peers.Fts5(data / "peer_fts5.sqlite3")
    whoosh = peers.WhooshJieba(data / "peer_whoosh_jieba")
    engines = {
        "ours": None,  # counts only: its result set equals the truth iff the count does
        # The engine alone (ids of the page, count, facets; no rows, snippets or HTML), the
        # part comparable to a peer answering with a set of ids.
        "ours_engine": None,
        "icontains": peers.icontains_ids,
        "fts5_trigram": fts.ids,
        "whoosh_jieba": whoosh.ids,
    }
    queries = all_queries()
    expected = {urlencode(p): truth.ids(p) for _, p in queries}
    out: dict = {
        "build": {
            "fts5_trigram": {
                "seconds": round(fts.build_seconds, 2),
                "size_mb": round(fts.size_bytes / 1e6, 1),
            },
            "whoosh_jieba": {
                "seconds": round(whoosh.build_seconds, 2),
                "size_mb": round(whoosh.size_bytes / 1e6, 1),
            },
        },
        "engines": {},
    }
    for name, engine in engines.items():
        samples: list[float] = []
        found_total = wanted_total = 0
        wrong: list[str] = []
        for _ in range(runs):
            for _, params in queries:
                start = time.perf_counter()
                if name == "ours_engine":
                    peers.ours_engine_count(params)
                else:
                    got = peers.ours_count(params) if engine is None else engine(params)
                samples.append(time.perf_counter() - start)
        for _, params in queries:
            key = urlencode(params)
            truth_ids = expected[key]
            wanted_total += len(truth_ids)
            if engine is None:
                count = (peers.ours_engine_count if name == "ours_engine" else peers.ours_count)(
                    params
                )
                # The served API must agree too (same index, other process).
                ok = count == len(truth_ids) == api_counts.get(key)
                found_total += len(truth_ids) if ok else min(count, len(truth_ids))
            else:
                got = engine(params)
                ok = got == truth_ids
                found_total += len(got & truth_ids)
            if not ok:
                wrong.append(key)
        out["engines"][name] = {
            **summary_ms(samples),
            "recall": round(found_total / wanted_total, 4) if wanted_total else 1.0,
            "queries_differing_from_truth": wrong,
        }
    return out
