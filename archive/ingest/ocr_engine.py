"""The OCR engine: one page image in, recognised lines with boxes and confidences out.

RapidOCR 3 (PP-OCRv6 small detection and recognition models, run by onnxruntime; one model
reads simplified and traditional Chinese) was chosen over Tesseract and over the older
PP-OCRv4 package by measurement (docs/performance.md, bench/ocr.py). Its models ship inside the
``rapidocr`` wheel and are named here by path, so RapidOCR never reaches for its downloader.
The engine loads once per process (about a second) and is kept: a worker recognises many pages.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

# A page larger than this is scaled down before detection (the model's own default is 2000):
# at 2400 px an A4 page keeps 14-point text about 40 px high, what the recogniser reads best.
MAX_SIDE = 2400


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


def _rapidocr():
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR

            threads = int(os.environ.get("OCR_THREADS") or 0) or min(os.cpu_count() or 1, 2)
            params = {key: str(path) for key, path in model_paths().items()}
            _engine = RapidOCR(
                params={
                    **params,
                    "Global.log_level": "warning",
                    "Global.max_side_len": MAX_SIDE,
                    "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                }
            )
        return _engine


def recognise(image: Image.Image) -> list[OcrLine]:
    """The text lines on a page image, in no particular order."""
    import numpy

    rgb = numpy.asarray(image.convert("RGB"))
    output = _rapidocr()(rgb)
    if output.boxes is None or output.txts is None:
        return []
    lines = []
    for box, text, score in zip(output.boxes, output.txts, output.scores, strict=True):
        xs = [point[0] for point in box]
        ys = [point[1] for point in box]
        if text.strip():
            lines.append(OcrLine(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return lines
