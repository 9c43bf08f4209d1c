"""OCR speed: engine settings (archive/ingest/ocr_engine.py ``EngineSettings``) against a
baseline in the same process, on the OCR test set (bench/ocr_pages.py), with the error rate of
each so that a faster setting that reads worse shows it.

    nice -n 19 .venv/bin/python -m bench.ocr_speed [--settings rapidocr-defaults,shipped]
        [--speeches 3] [--configs 0,2]

The first setting is the baseline. Every document is read by every setting in turn, the order
reversed on every other document, so a change in the machine's load falls on all of them alike.
Reported per setting: CPU seconds per page (process, ``getrusage``), wall seconds per page,
both as ratios to the baseline, the wall seconds of RapidOCR's stages (detection, direction
classifier, recognition), CER and headings as bench/ocr.py counts them, and the load average.
Results: <ARCHIVE_DATA_DIR or var>/bench/ocr_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import numpy

from archive.ingest.ocr_engine import RAPIDOCR_DEFAULTS, SHIPPED, build_engine, lines_of
from bench.ocr import CONFIGS, run_document, score_document
from bench.ocr_pages import demo_speeches, render_pages, scan_noise

SETTINGS = {
    "rapidocr-defaults": RAPIDOCR_DEFAULTS,
    "shipped": SHIPPED,
    "detect-960": replace(SHIPPED, detect_max_side=960),
    "detect-1600": replace(SHIPPED, detect_max_side=1600),
    "detect-full": replace(SHIPPED, detect_max_side=None),
    "batch-6": replace(SHIPPED, rec_batch=6),
    "spinning": replace(SHIPPED, spinning=True),
    "no-arena": replace(SHIPPED, cpu_arena=False),
    "threads-1": replace(SHIPPED, threads=1),
    "no-classifier": replace(SHIPPED, classify=False),
}
STAGES = ("detection", "classifier", "recognition")


class Timed:
    """An engine as bench/ocr.py calls one (image in, lines out) that adds up the wall time
    RapidOCR reports for each stage."""

    def __init__(self, settings):
        self.engine = build_engine(settings)
        self.stages = [0.0, 0.0, 0.0]

    def __call__(self, image):
        output = self.engine(numpy.asarray(image.convert("RGB")))
        for i, seconds in enumerate(output.elapse_list or ()):
            self.stages[i] += seconds or 0.0
        return lines_of(output)


def _blank() -> dict:
    return {"pages": 0, "wall": 0.0, "cpu": 0.0, "errors": 0, "length": 0, "headings": 0}


def compare(names: list[str], speeches: int, configs: list[int]) -> list[dict]:
    engines = {name: Timed(SETTINGS[name]) for name in names}
    warm = render_pages("预热一下。", dpi=150, max_pages=1)[0].image
    for engine in engines.values():
        engine(warm)  # model load and first-run allocation are not per page
    texts = [text for _file, text in demo_speeches()[:speeches]]
    rows = []
    document = 0
    for label, dpi, columns, noisy in [CONFIGS[i] for i in configs]:
        totals = {name: _blank() for name in names}
        found = {name: 0 for name in names}
        for engine in engines.values():
            engine.stages = [0.0, 0.0, 0.0]
        load = os.getloadavg()[0]
        for seed, text in enumerate(texts):
            pages = render_pages(text, dpi=dpi, columns=columns)
            images = [scan_noise(p.image, seed=seed, dpi=dpi) if noisy else p.image for p in pages]
            order = names if document % 2 == 0 else names[::-1]
            document += 1
            for name in order:
                recognised, wall, cpu, _conf = run_document(engines[name], images)
                counts = score_document(text, recognised)
                total = totals[name]
                total["pages"] += len(images)
                total["wall"] += wall
                total["cpu"] += cpu
                total["errors"] += counts["errors"]
                total["length"] += counts["length"]
                total["headings"] += counts["headings"]
                found[name] += counts["headings_found"]
        base = totals[names[0]]
        for name in names:
            total = totals[name]
            pages = total["pages"]
            row = {
                "config": label,
                "settings": name,
                "pages": pages,
                "cpu_seconds_per_page": round(total["cpu"] / pages, 2),
                "wall_seconds_per_page": round(total["wall"] / pages, 2),
                "cpu_ratio": round(total["cpu"] / base["cpu"], 2),
                "wall_ratio": round(total["wall"] / base["wall"], 2),
                "stage_wall_seconds_per_page": {
                    stage: round(seconds / pages, 2)
                    for stage, seconds in zip(STAGES, engines[name].stages, strict=True)
                },
                "cer_percent": round(100 * total["errors"] / total["length"], 2),
                "headings_percent": round(100 * found[name] / max(total["headings"], 1), 1),
                "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],
            }
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settings", default="rapidocr-defaults,shipped")
    parser.add_argument("--speeches", type=int, default=3)
    parser.add_argument("--configs", default="", help="indexes into bench.ocr.CONFIGS")
    args = parser.parse_args()
    names = args.settings.split(",")
    unknown = [name for name in names if name not in SETTINGS]
    if unknown:
        parser.error(f"unknown settings {unknown}; known: {', '.join(SETTINGS)}")
    configs = [int(i) for i in args.configs.split(",") if i] or list(range(len(CONFIGS)))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    results = {
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}",
        "commit": commit,
        "settings": {name: asdict(SETTINGS[name]) for name in names},
        "rows": compare(names, args.speeches, configs),
    }
    out = Path(os.environ.get("ARCHIVE_DATA_DIR") or "var") / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ocr_speed.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
