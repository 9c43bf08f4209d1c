"""Scanned-page test set: speeches written for this project (archive/demo/*.txt) set in a CJK
font on A4 page images, one or two columns, with a running header and a page number, and
optionally made to look scanned (skew, blur, grey paper, speckles, JPEG artefacts).

Used by the OCR benchmark (bench/ocr.py) and, with one small page, by the tests. Each page
comes with its truth: the body paragraphs that appear on it (header and number excluded).
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
DEMO_DIR = Path(__file__).resolve().parent.parent / "archive" / "demo"
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
A4_INCHES = (8.27, 11.69)
HEADER_TEXT = "讲稿库测试文件 内部资料"


def font_path() -> str | None:
    return next((p for p in FONT_PATHS if Path(p).exists()), None)


@dataclass
class Page:
    image: Image.Image
    paragraphs: list[str] = field(default_factory=list)  # truth: body paragraphs on this page
    headings: list[str] = field(default_factory=list)


def demo_speeches() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEMO_DIR.glob("*.txt"))]


def render_pages(
    text: str,
    *,
    dpi: int = 300,
    columns: int = 1,
    max_pages: int | None = None,
    point_size: float = 14,
    page_inches: tuple[float, float] = A4_INCHES,
) -> list[Page]:
    """Sets ``text`` (one paragraph a line) on A4 pages. Paragraphs are indented two
    characters, headings (一、 /（一）) are not; a paragraph may run over a column or page."""
    path = font_path()
    if path is None:
        raise RuntimeError("no CJK font: apt-get install fonts-wqy-microhei")
    px = round(point_size * dpi / 72)
    font = ImageFont.truetype(path, px)
    small = ImageFont.truetype(path, round(px * 0.8))
    width, height = round(page_inches[0] * dpi), round(page_inches[1] * dpi)
    # A4 margins (0.9 in at the sides, 1 in above and below), in proportion on other sizes.
    margin_x = round(page_inches[0] * 0.109 * dpi)
    margin_top = margin_bottom = round(page_inches[1] * 0.0855 * dpi)
    gap = round(0.35 * dpi)
    column_width = (width - 2 * margin_x - (columns - 1) * gap) // columns
    line_height = round(px * 1.6)
    char_width = font.getlength("国")
    lines_per_column = (height - margin_top - margin_bottom) // line_height

    # Break every paragraph into printed lines first: (paragraph index, line text, indent).
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    printed: list[tuple[int, str, bool]] = []
    for index, paragraph in enumerate(paragraphs):
        indent = not HEADING_RE.match(paragraph) and index > 1  # title and date centred
        room = column_width - (2 * char_width if indent else 0)
        line, first = "", True
        for char in paragraph:
            if font.getlength(line + char) > room:
                printed.append((index, line, indent and first))
                line, first, room = char, False, column_width
            else:
                line += char
        printed.append((index, line, indent and first))

    pages: list[Page] = []
    per_page = lines_per_column * columns
    for start in range(0, len(printed), per_page):
        if max_pages is not None and len(pages) >= max_pages:
            break
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        draw.text((width / 2, margin_top / 2), HEADER_TEXT, font=small, fill=0, anchor="mm")
        number = f"— {len(pages) + 1} —"
        draw.text((width / 2, height - margin_bottom / 2), number, font=small, fill=0, anchor="mm")
        on_page = printed[start : start + per_page]
        for i, (index, line, indented) in enumerate(on_page):
            column, row = divmod(i, lines_per_column)
            x = margin_x + column * (column_width + gap) + (2 * char_width if indented else 0)
            if index < 2:  # title and date lines centred over the column
                x = (
                    margin_x
                    + column * (column_width + gap)
                    + (column_width - font.getlength(line)) / 2
                )
            draw.text((x, margin_top + row * line_height), line, font=font, fill=0)
        indices = sorted({index for index, _, _ in on_page})
        page_paragraphs = []
        for index in indices:
            page_paragraphs.append("".join(t for i, t, _ in on_page if i == index))
        pages.append(
            Page(
                image=image,
                paragraphs=page_paragraphs,
                headings=[p for p in page_paragraphs if HEADING_RE.match(p) and p in paragraphs],
            )
        )
    return pages


def scan_noise(image: Image.Image, *, seed: int = 0, dpi: int = 150) -> Image.Image:
    """Makes a clean page look scanned: grey paper, a skew of up to ±2°, blur, speckles and
    JPEG artefacts at a low quality."""
    rng = random.Random(seed)
    angle = rng.uniform(-2.0, 2.0)
    grey = image.point(lambda v: 60 + v * 165 // 255)  # ink dark grey, paper light grey
    skewed = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=225)
    blurred = skewed.filter(ImageFilter.GaussianBlur(radius=0.6 * dpi / 150))
    pixels = blurred.load()
    for _ in range(blurred.width * blurred.height // 400):
        x, y = rng.randrange(blurred.width), rng.randrange(blurred.height)
        pixels[x, y] = rng.choice((80, 140, 250))
    buffer = io.BytesIO()
    blurred.save(buffer, "JPEG", quality=35)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def pages_to_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """A PDF of page images and nothing else: no text layer, as a scanner makes."""
    buffer = io.BytesIO()
    rgb = [image.convert("RGB") for image in images]
    rgb[0].save(buffer, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi)
    return buffer.getvalue()


def image_bytes(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()
