"""Ways a speech leaves the site: citation, plain text, Word, QR code."""

from __future__ import annotations

import datetime
import io

import segno
from docx import Document

from archive.models import Speech


def citation(speech: Speech, url: str, *, accessed: datetime.date) -> str:
    """GB/T 7714-2015 style reference for an online document ([EB/OL])."""
    author = speech.speaker_role or "佚名"
    published = f"({speech.date.isoformat()})" if speech.date else ""
    return f"{author}. {speech.title}[EB/OL]. {published}[{accessed.isoformat()}]. {url}."


def metadata_lines(speech: Speech) -> list[str]:
    lines = []
    if speech.date:
        lines.append(f"日期:{speech.date.isoformat()}")
    if speech.level:
        lines.append(f"层级:{speech.level_label}")
    if speech.theme:
        lines.append(f"主题:{speech.theme.name}")
    if speech.meeting:
        lines.append(f"会议:{speech.meeting}")
    if speech.speaker_role:
        lines.append(f"讲话人:{speech.speaker_role}")
    return lines


def as_text(speech: Speech, url: str) -> str:
    parts = [speech.title, *metadata_lines(speech), f"链接:{url}", "", speech.body, ""]
    return "\n".join(parts)


def as_docx(speech: Speech, url: str) -> bytes:
    """A Word document with the outline's headings as Word headings (Heading 1–3)."""
    document = Document()
    document.core_properties.title = speech.title
    document.add_heading(speech.title, level=0)
    for line in [*metadata_lines(speech), f"链接:{url}"]:
        document.add_paragraph(line)
    by_paragraph = {section.paragraph: section for section in speech.sections.all()}
    for index, paragraph in enumerate(speech.paragraphs):
        section = by_paragraph.get(index)
        label = f"{section.number}{section.heading}" if section else ""
        if section and paragraph.startswith(label):
            document.add_heading(label, level=min(section.depth, 3))
            rest = paragraph[len(label) :].strip()
            if rest:
                document.add_paragraph(rest)
        else:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=True)
    return buffer.getvalue()
