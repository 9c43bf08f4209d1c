"""What the place, speaker and role filters add to a search: the bench query mix run by the
Whoosh engine in one process with the filter table of search/language/filters.py as it is and
cut back to the two filters that existed before (level, theme), alternating rounds, on an
archive of ``BENCH_N`` bench speeches (default 1000) spread over 40 places.

``python -m bench.places_search`` (``BENCH_RUNS`` rounds, default 5). Builds its archive in a
temporary folder (database, index), never the user's. Prints p50/p95 of each variant and the
ratios; docs/performance.md records them with the machine and commit."""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from unittest import mock


def main() -> None:
    n = int(os.environ.get("BENCH_N", "1000"))
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    with tempfile.TemporaryDirectory() as data:
        os.environ["ARCHIVE_DATA_DIR"] = data
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
        import django

        django.setup()
        _measure(n, runs, Path(data))


def _measure(n: int, runs: int, data: Path) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from archive.models import Place, Speech
    from bench import corpus
    from bench.queries import all_queries
    from search.backends.whoosh import engine
    from search.language.params import parse_params

    call_command("migrate", verbosity=0)
    places = list(Place.objects.exclude(kind__in=["province", "city"]).order_by("code")[::70][:40])
    paths = corpus.build(n, data / "corpus")
    start = datetime.date(2015, 1, 1)
    Speech.objects.bulk_create(
        Speech(
            title=path.read_text(encoding="utf-8").split("\n", 1)[0][:300],
            body=path.read_text(encoding="utf-8"),
            date=start + datetime.timedelta(days=(i * 37) % 3650),
            level="county" if i % 2 else "district",
            place=places[i % len(places)],
            speaker_role=("县委书记", "县长", "区长")[i % 3],
            fingerprint=f"bench-{i}",
        )
        for i, path in enumerate(paths)
    )
    call_command("rebuild_index", interactive=False, verbosity=0)
    settings.SEARCH_RESULT_CACHE = 0
    queries = [params for _cls, params in all_queries()]
    place_queries = [
        {"q": "群众", "place": places[0].code},
        {"q": "作风", "place": places[0].code[:2] + "0000"},
        {"role": "县长"},
    ]
    old_filters = tuple(f for f in engine.FILTERS if f.param in ("level", "theme"))
    timings: dict[str, list[float]] = {"now": [], "before": [], "place": []}

    def timed(params: dict) -> float:
        begin = time.perf_counter()
        engine.run_search(parse_params(params))
        return time.perf_counter() - begin

    for params in queries:  # warm: searcher, columns, term caches
        timed(params)
    for round_number in range(runs):
        # Each query twice in a row, one variant then the other, the first alternating by
        # round, so the machine's load falls on both alike.
        for params in queries:
            for variant in ("now", "before") if round_number % 2 else ("before", "now"):
                if variant == "before":
                    with mock.patch.object(engine, "FILTERS", old_filters):
                        timings[variant].append(timed(params))
                else:
                    timings[variant].append(timed(params))
        timings["place"] += [timed(p) for p in place_queries]

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    now, before = timings["now"], timings["before"]
    print(
        f"N={n}, {runs} rounds of {len(queries)} queries, commit {commit}, "
        f"{os.cpu_count()} cores; engine time in process (ms):\n"
        f"  five filters: p50 {statistics.median(now) * 1000:.1f}, p95 {p95(now) * 1000:.1f}\n"
        f"  two filters:  p50 {statistics.median(before) * 1000:.1f}, "
        f"p95 {p95(before) * 1000:.1f}\n"
        f"  ratio p50 {statistics.median(now) / statistics.median(before):.3f}, "
        f"p95 {p95(now) / p95(before):.3f}\n"
        f"  place/role-filtered queries: p50 {statistics.median(timings['place']) * 1000:.1f}, "
        f"max {max(timings['place']) * 1000:.1f}"
    )


if __name__ == "__main__":
    main()
