"""Scans to text: page images (photos, scanned pages) and PDFs whose pages carry no text layer
are read by OCR (ocr_engine), laid out (ocr_layout) and joined into one text that the usual
pipeline then cleans. Pure functions, no Django.

* PDF pages are judged one by one: a page with a text layer keeps it, a page with little or no
  text but an image on it is rendered (pypdfium2) and recognised; a mixed PDF is both.
* Every page reports its confidence and, when it was recognised, a JPEG of its image for the
  review screen; an unreadable page gets an error and the rest go on.
* Limits: OCR pages per file (``max_pages``) and pixels per image, with messages naming the file.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from archive.ingest.chars import cjk_count
from archive.ingest.layout import join_pieces
from archive.ingest.ocr_engine import OcrLine, OcrUnavailable, recognise
from archive.ingest.ocr_layout import page_layout, running_keys
from archive.ingest.types import IngestError, OcrPage

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif"}
DEFAULT_MAX_OCR_PAGES = 30
MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; a 300 dpi A3 scan is 17
RENDER_DPI = 200  # PDF pages are rendered at this resolution for recognition
RENDER_MAX_SIDE = 3000  # ...or smaller for a page larger than A3, which would not read better
PREVIEW_MAX_SIDE = 1400  # page images kept for the review screen
# A PDF page with fewer Chinese characters than this in its text layer, and an image, is scanned.
MIN_TEXT_LAYER_CJK = 10
# Pages under this confidence are listed for an editor to check against the image.
LOW_CONFIDENCE = 0.9

ERROR_TOO_MANY_PAGES = (
    "{name}:需要识别的扫描页有 {count} 页,超过每个文件 {limit} 页的上限,请拆分后再上传"
)
ERROR_IMAGE_TOO_LARGE = "{name}:图片过大({pixels} 万像素,上限 {limit} 万像素)"
ERROR_BAD_IMAGE = "{name}:图片已损坏或格式无法识别"
ERROR_HEIC = "{name}:无法读取 HEIC 照片(服务器没有 HEIC 解码器),请转为 JPG 后上传"
ERROR_PAGE = "第 {number} 页无法识别({reason})"
ERROR_NOTHING_READ = "{name}:扫描件中没有识别出文字"

Progress = Callable[[int, int], None]


@dataclass
class ScanResult:
    text: str
    pages: list[OcrPage]


def _preview(image: Image.Image) -> bytes:
    copy = image.convert("L")
    copy.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def _recognise_page(number: int, image: Image.Image) -> tuple[list[OcrLine], OcrPage]:
    page = OcrPage(number=number, ocr=True, image=_preview(image))
    try:
        return recognise(image), page
    except OcrUnavailable as exc:
        # A broken installation, not a bad page: no page of any file can be read.
        raise IngestError(str(exc)) from exc
    except (RuntimeError, ValueError, OSError, MemoryError) as exc:
        # onnxruntime reports a failed run as RuntimeError; one bad page must not stop the rest.
        logger.warning("OCR failed on page %s: %s", number, exc)
        page.error = ERROR_PAGE.format(number=number, reason=type(exc).__name__)
        page.confidence = 0.0
        return [], page


def join_pages(pages: list[OcrPage]) -> str:
    """The document's text: pages in order, a paragraph running over a page break joined."""
    from archive.ingest.formats import continues_over_break

    paragraphs: list[str] = []
    for page in pages:
        on_page = [p for p in page.text.split("\n") if p.strip()]
        if paragraphs and on_page and continues_over_break(paragraphs[-1], on_page[0]):
            paragraphs[-1] = join_pieces(paragraphs[-1], on_page.pop(0))
        paragraphs.extend(on_page)
    return "\n".join(paragraphs)


def _finish(name: str, pages: list[OcrPage], lines: dict[int, list[OcrLine]]) -> ScanResult:
    """Lays out the recognised pages (running headers found across them) and joins them."""
    running = running_keys(list(lines.values()))
    for page in pages:
        if page.number in lines and not page.error:
            layout = page_layout(lines[page.number], running)
            page.text = "\n".join(layout.paragraphs)
            page.confidence = round(layout.confidence, 3)
    text = join_pages(pages)
    if cjk_count(text) == 0:
        errors = [p.error for p in pages if p.error]
        if errors and len(errors) == len(pages):
            raise IngestError(f"{name}:{errors[0]}")
        raise IngestError(ERROR_NOTHING_READ.format(name=name))
    return ScanResult(text, pages)


def _check_pages(name: str, count: int, limit: int) -> None:
    if count > limit:
        raise IngestError(ERROR_TOO_MANY_PAGES.format(name=name, count=count, limit=limit))


def open_image_pages(name: str, data: bytes) -> list[Image.Image]:
    """The pages of an image file (a TIFF may hold several), upright (EXIF rotation applied)."""
    if name.lower().endswith((".heic", ".heif")):
        try:
            from pillow_heif import register_heif_opener
        except ImportError as exc:
            raise IngestError(ERROR_HEIC.format(name=name)) from exc
        register_heif_opener()
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise IngestError(
                ERROR_IMAGE_TOO_LARGE.format(
                    name=name, pixels=width * height // 10000, limit=MAX_IMAGE_PIXELS // 10000
                )
            )
        frames = []
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            frames.append(ImageOps.exif_transpose(image).convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError) as exc:
        raise IngestError(ERROR_BAD_IMAGE.format(name=name)) from exc
    except Image.DecompressionBombError as exc:
        raise IngestError(ERROR_BAD_IMAGE.format(name=name)) from exc
    return frames


def scan_images(
    name: str,
    data: bytes,
    *,
    max_pages: int = DEFAULT_MAX_OCR_PAGES,
    progress: Progress | None = None,
) -> ScanResult:
    """An image file (jpg, png, tiff, webp, heic) to text, one page per image frame."""
    frames = open_image_pages(name, data)
    _check_pages(name, len(frames), max_pages)
    pages, lines = [], {}
    for number, frame in enumerate(frames, start=1):
        lines[number], page = _recognise_page(number, frame)
        pages.append(page)
        if progress:
            progress(number, len(frames))
    return _finish(name, pages, lines)


def scan_pdf(
    name: str,
    data: bytes,
    text_pages: list[tuple[list[str], bool]],
    *,
    max_pages: int = DEFAULT_MAX_OCR_PAGES,
    progress: Progress | None = None,
) -> ScanResult | None:
    """A PDF whose pages were read by pdfminer (``text_pages``: each page's paragraphs and
    whether it shows an image). Pages without a text layer but with an image are recognised;
    None when there is no such page (the PDF is text only)."""
    scanned = [
        i
        for i, (paragraphs, has_image) in enumerate(text_pages)
        if has_image and cjk_count("".join(paragraphs)) < MIN_TEXT_LAYER_CJK
    ]
    if not scanned:
        return None
    _check_pages(name, len(scanned), max_pages)
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise IngestError(f"{name}:PDF 无法渲染为图片({exc})") from exc
    pages, lines = [], {}
    done = 0
    with_text = {i for i in range(len(text_pages)) if i not in scanned}
    for index, (paragraphs, _) in enumerate(text_pages):
        number = index + 1
        if index in with_text:
            pages.append(OcrPage(number=number, ocr=False, text="\n".join(paragraphs)))
            continue
        try:
            pdf_page = document[index]
            longest = max(pdf_page.get_size())  # points
            bitmap = pdf_page.render(scale=min(RENDER_DPI / 72, RENDER_MAX_SIDE / longest))
            image = bitmap.to_pil()
        except (pypdfium2.PdfiumError, ValueError, OSError) as exc:
            page = OcrPage(number=number, ocr=True, confidence=0.0)
            page.error = ERROR_PAGE.format(number=number, reason=type(exc).__name__)
            pages.append(page)
        else:
            lines[number], page = _recognise_page(number, image)
            pages.append(page)
        done += 1
        if progress:
            progress(done, len(scanned))
    document.close()
    return _finish(name, pages, lines)
