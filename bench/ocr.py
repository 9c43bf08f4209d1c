"""OCR benchmark: character error rate, headings and paragraph starts recovered, and seconds
per page, for each OCR candidate on the scanned-page test set (bench/ocr_pages.py).

    nice -n 19 .venv/bin/python -m bench.ocr [--engines rapidocr,tesseract] [--speeches 3]

CER is the Levenshtein distance between the recognised document (after the layout step:
reading order, running headers and page numbers dropped, lines joined) and the typeset text,
over the typeset text's length; both sides without whitespace and NFKC-normalised (the ingest
pipeline normalises full- and half-width signs itself). A heading is recovered when a
recognised paragraph starts with it. Results: <ARCHIVE_DATA_DIR or var>/bench/ocr.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from archive.ingest.layout import join_pieces
from archive.ingest.ocr_engine import OcrLine, recognise
from archive.ingest.ocr_layout import page_layout, running_keys
from archive.ingest.types import OcrPage
from bench.ocr_pages import HEADING_RE, demo_speeches, render_pages, scan_noise

CONFIGS = [  # (label, dpi, columns, noisy)
    ("清晰 300 dpi 单栏", 300, 1, False),
    ("清晰 300 dpi 双栏", 300, 2, False),
    ("噪声 150 dpi 单栏", 150, 1, True),
    ("噪声 150 dpi 双栏", 150, 2, True),
]


def tesseract_lines(image) -> list[OcrLine]:
    """Tesseract 5 (Debian's chi_sim + chi_tra models) through its command line, TSV output
    grouped into lines."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    output = subprocess.run(
        ["tesseract", "-", "-", "-l", "chi_sim+chi_tra", "--psm", "3", "tsv"],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "2"},
    ).stdout.decode("utf-8")
    groups: dict[tuple, list[list[str]]] = {}
    for row in output.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            groups.setdefault(tuple(cells[1:5]), []).append(cells)
    lines = []
    for words in groups.values():
        text = ""
        for w in words:
            text = join_pieces(text, w[11].strip())
        xs0 = [int(w[6]) for w in words]
        ys0 = [int(w[7]) for w in words]
        xs1 = [int(w[6]) + int(w[8]) for w in words]
        ys1 = [int(w[7]) + int(w[9]) for w in words]
        conf = statistics.fmean(max(float(w[10]), 0) for w in words) / 100
        lines.append(OcrLine(min(xs0), min(ys0), max(xs1), max(ys1), text, conf))
    return lines


_v4 = None


def rapidocr_v4_lines(image) -> list[OcrLine]:
    """The older rapidocr-onnxruntime package (PP-OCRv4 models in its wheel), measured for the
    record when it is installed; the archive does not depend on it."""
    global _v4
    import numpy
    from rapidocr_onnxruntime import RapidOCR

    if _v4 is None:
        _v4 = RapidOCR(max_side_len=2400, intra_op_num_threads=2, inter_op_num_threads=1)
    result, _ = _v4(numpy.asarray(image.convert("RGB")))
    lines = []
    for box, text, score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        lines.append(OcrLine(min(xs), min(ys), max(xs), max(ys), text, float(score)))
    return lines


ENGINES = {"rapidocr": recognise, "rapidocr-v4": rapidocr_v4_lines, "tesseract": tesseract_lines}


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def heading_of(paragraph: str) -> str:
    return re.split("[。：:]", paragraph, maxsplit=1)[0]


def score_document(text: str, recognised: str) -> dict[str, int]:
    """Edit distance to the typeset ``text``, and its headings and paragraph starts found
    at the start of a recognised paragraph."""
    truth = [p for p in text.split("\n") if p.strip()]
    out_paragraphs = [normal(p) for p in recognised.split("\n")]
    counts = {
        "errors": Levenshtein.distance(normal("".join(truth)), normal(recognised)),
        "length": len(normal("".join(truth))),
        "headings": 0,
        "headings_found": 0,
        "starts": len(truth),
        "starts_found": 0,
    }
    for paragraph in truth:
        start = normal(paragraph)[:8]
        counts["starts_found"] += any(p.startswith(start) for p in out_paragraphs)
        if HEADING_RE.match(paragraph):
            counts["headings"] += 1
            head = normal(heading_of(paragraph))
            counts["headings_found"] += any(p.startswith(head) for p in out_paragraphs)
    return counts


def run_document(engine, images) -> tuple[str, float, float, list[float]]:
    from archive.ingest.ocr import join_pages

    lines, seconds, cpu = [], 0.0, 0.0
    for image in images:
        started, cpu_started = time.perf_counter(), _cpu()
        lines.append(engine(image))
        seconds += time.perf_counter() - started
        cpu += _cpu() - cpu_started
    running = running_keys(lines)
    pages, confidences = [], []
    for number, page_lines in enumerate(lines, start=1):
        layout = page_layout(page_lines, running)
        pages.append(OcrPage(number=number, ocr=True, text="\n".join(layout.paragraphs)))
        confidences.append(layout.confidence)
    return join_pages(pages), seconds, cpu, confidences


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as one): on a
    machine shared with other work this moves far less than the wall clock."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(engine_name: str, speeches: int, configs: list[int] | None = None) -> list[dict]:
    engine = ENGINES[engine_name]
    engine(render_pages("预热", dpi=150, max_pages=1)[0].image)  # model load is not per page
    rows = []
    chosen = [CONFIGS[i] for i in configs] if configs else CONFIGS
    for label, dpi, columns, noisy in chosen:
        errors = length = pages_done = 0
        seconds = cpu = 0.0
        headings = found = starts = starts_found = 0
        confidences: list[float] = []
        texts = [text for _file, text in demo_speeches()[:speeches]]
        for seed, text in enumerate(texts):
            pages = render_pages(text, dpi=dpi, columns=columns)
            images = [scan_noise(p.image, seed=seed, dpi=dpi) if noisy else p.image for p in pages]
            recognised, spent, cpu_spent, page_conf = run_document(engine, images)
            counts = score_document(text, recognised)
            errors += counts["errors"]
            length += counts["length"]
            headings += counts["headings"]
            found += counts["headings_found"]
            starts += counts["starts"]
            starts_found += counts["starts_found"]
            seconds += spent
            cpu += cpu_spent
            pages_done += len(pages)
            confidences += page_conf
        rows.append(
            {
                "engine": engine_name,
                "config": label,
                "pages": pages_done,
                "cer_percent": round(100 * errors / length, 2),
                "headings_percent": round(100 * found / max(headings, 1), 1),
                "paragraph_starts_percent": round(100 * starts_found / max(starts, 1), 1),
                "seconds_per_page": round(seconds / pages_done, 2),
                "cpu_seconds_per_page": round(cpu / pages_done, 2),
                "min_page_confidence": round(min(confidences), 3),
            }
        )
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="rapidocr,tesseract")
    parser.add_argument("--speeches", type=int, default=3)
    parser.add_argument(
        "--configs", default="", help="indexes into CONFIGS, comma-separated (default: all)"
    )
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    results = {
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}",
        "load_average_at_start": os.getloadavg(),
        "commit": commit,
        "rows": [],
    }
    for name in args.engines.split(","):
        configs = [int(i) for i in args.configs.split(",") if i]
        results["rows"] += measure(name, args.speeches, configs)
    out = Path(os.environ.get("ARCHIVE_DATA_DIR") or "var") / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "ocr.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
