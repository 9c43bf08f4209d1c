"""The OCR engine: one page image in, recognised lines with boxes and confidences out.

RapidOCR 3 (PP-OCRv6 small detection and recognition models, run by onnxruntime; one model
reads simplified and traditional Chinese) was chosen over Tesseract and over the older
PP-OCRv4 package by measurement (docs/performance.md, bench/ocr.py). Its models ship inside the
``rapidocr`` wheel and are named here by path, so RapidOCR never reaches for its downloader.
The engine loads once per process (about a second) and is kept: a worker recognises many pages.

Speed (docs/performance.md, bench/ocr_speed.py): the recogniser (one pass per text line) is most
of a page once the detector works on a smaller copy of the page; the recogniser still reads its
line crops from the full-size page, so small print keeps its pixels.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

# A page larger than this is scaled down before anything else (the model's own default is 2000):
# at 2400 px an A4 page keeps 14-point text about 40 px high, what the recogniser reads best.
MAX_SIDE = 2400


@dataclass(frozen=True)
class EngineSettings:
    """How RapidOCR and onnxruntime run. ``SHIPPED`` is what the archive uses; the benchmark
    measures others against it (bench/ocr_speed.py)."""

    # The detector's input is scaled so its longer side is at most this (None: RapidOCR's
    # default, the shorter side at least 736, so a 2400 px page is detected at full size).
    # Boxes found on the small copy are mapped back and cut from the full page.
    detect_max_side: int | None = 1280
    # Lines per recogniser run. A batch is padded to its widest line; one line a run wastes
    # nothing, and batches of 6 cost 7-28 % more CPU per page here (docs/performance.md).
    rec_batch: int = 1
    # Threads onnxruntime uses for one run; None: the cores, at most 2 (OCR_THREADS overrides).
    threads: int | None = None
    # onnxruntime's worker threads spin while waiting for work by default: CPU time burnt for
    # nothing, and taken from other work on a shared machine.
    spinning: bool = False
    # Reuse onnxruntime's memory between runs (RapidOCR turns its arena off).
    cpu_arena: bool = True
    # The 0°/180° classifier on every line (upside-down lines are turned before reading).
    classify: bool = True


SHIPPED = EngineSettings()
# RapidOCR 3.10's own defaults with the models and thread counts above: what shipped before.
RAPIDOCR_DEFAULTS = EngineSettings(
    detect_max_side=None, rec_batch=6, spinning=True, cpu_arena=False
)


@dataclass(frozen=True)
class OcrLine:
    """One recognised line: its box on the page (pixels), its text and the engine's
    confidence (0–1)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    confidence: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre_y(self) -> float:
        return (self.y0 + self.y1) / 2


_engine = None
_engine_lock = threading.Lock()


MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}


def model_paths() -> dict[str, Path]:
    """The packaged model files; a missing one is an installation error, never a download."""
    import rapidocr

    folder = Path(rapidocr.__file__).parent / "models"
    paths = {key: folder / name for key, name in MODEL_FILES.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise OcrUnavailable(f"OCR 模型文件缺失:{', '.join(missing)}(请重新安装 rapidocr)")
    return paths


class OcrUnavailable(RuntimeError):
    """The OCR engine cannot run on this installation."""


def _threads(settings: EngineSettings) -> int:
    return (
        settings.threads or int(os.environ.get("OCR_THREADS") or 0) or min(os.cpu_count() or 1, 2)
    )


def _session_options(settings: EngineSettings):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = _threads(settings)
    options.inter_op_num_threads = 1
    options.enable_cpu_mem_arena = settings.cpu_arena
    if not settings.spinning:
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def build_engine(settings: EngineSettings = SHIPPED):
    """A RapidOCR engine with the packaged models, run as ``settings`` say. RapidOCR's
    configuration cannot switch off thread spinning, so its three onnxruntime sessions are
    opened again, from the same files, with options of our own."""
    import onnxruntime
    from rapidocr import RapidOCR

    params = {key: str(path) for key, path in model_paths().items()}
    params.update(
        {
            "Global.log_level": "warning",
            "Global.max_side_len": MAX_SIDE,
            "Global.use_cls": settings.classify,
            "Rec.rec_batch_num": settings.rec_batch,
            "EngineConfig.onnxruntime.intra_op_num_threads": _threads(settings),
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    if settings.detect_max_side:
        params["Det.limit_type"] = "max"
        params["Det.limit_side_len"] = settings.detect_max_side
    engine = RapidOCR(params=params)
    options = _session_options(settings)
    # RapidOCR loads each model on first use; load them now and swap in our sessions.
    loaders = {
        "Det.model_path": engine._load_det_model,
        "Cls.model_path": engine._load_cls_model,
        "Rec.model_path": engine._load_rec_model,
    }
    for key, load in loaders.items():
        load().session.session = onnxruntime.InferenceSession(
            params[key], sess_options=options, providers=["CPUExecutionProvider"]
        )
    return engine


def _rapidocr():
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = build_engine(SHIPPED)
        return _engine


def recognise(image: Image.Image, engine=None) -> list[OcrLine]:
    """The text lines on a page image, in no particular order (``engine``: one from
    ``build_engine``; by default the process's shared one)."""
    import numpy

    rgb = numpy.asarray(image.convert("RGB"))
    return lines_of((engine or _rapidocr())(rgb))


def lines_of(output) -> list[OcrLine]:
    """The lines of one RapidOCR result."""
    if output.boxes is None or output.txts is None:
        return []
    lines = []
    for box, text, score in zip(output.boxes, output.txts, output.scores, strict=True):
        xs = [point[0] for point in box]
        ys = [point[1] for point in box]
        if text.strip():
            lines.append(OcrLine(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return lines
