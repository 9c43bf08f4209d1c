"""What place and speaker extraction add to parsing: the pipeline on the bench corpus with the
two steps and without them (replaced by no-ops), alternating in one process, medians of the
rounds. ``python -m bench.places`` (``BENCH_N`` speeches, default 150; ``BENCH_RUNS`` rounds,
default 5). Prints the ratio; docs/performance.md records it with the machine and commit."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from unittest import mock

from archive.ingest import pipeline
from archive.ingest.gazetteer import default_gazetteer
from archive.ingest.places import PlaceGuess
from archive.ingest.speakers import SpeakerGuess
from bench import corpus


def _parse_all(texts: list[tuple[str, str]]) -> float:
    start = time.process_time()
    for name, text in texts:
        pipeline.reparse_text(text, name)
    return time.process_time() - start


def main() -> None:
    n = int(os.environ.get("BENCH_N", "150"))
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    with tempfile.TemporaryDirectory() as folder:
        paths = corpus.build(n, Path(folder))
        texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    default_gazetteer()  # built once per process, as in an import
    _parse_all(texts[:5])  # warm jieba, OpenCC and the regexes
    with_steps, without = [], []
    for _ in range(runs):
        with_steps.append(_parse_all(texts))
        with (
            mock.patch.object(pipeline, "extract_place", return_value=PlaceGuess()),
            mock.patch.object(pipeline, "extract_speaker", return_value=SpeakerGuess()),
        ):
            without.append(_parse_all(texts))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    a, b = statistics.median(with_steps), statistics.median(without)
    print(
        f"{len(texts)} speeches, {runs} rounds, commit {commit}, {os.cpu_count()} cores: "
        f"parse CPU with places+speakers {a:.2f} s, without {b:.2f} s, ratio {a / b:.3f}"
    )


if __name__ == "__main__":
    main()
