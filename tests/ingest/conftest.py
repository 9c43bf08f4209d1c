"""Fixtures for the ingest tests: one short speech written for these tests, rendered into every
format the importer accepts, and the real corpus files (read from the shared folder)."""

from __future__ import annotations

import io
import pathlib
import zipfile

import pytest

from tests import shared_data

SPEECH_TITLE = "在全县安全生产工作会议上的讲话"
SPEECH_PARAGRAPHS = [
    "同志们：",
    "今天召开全县安全生产工作会议，主要任务是总结去年工作，部署今年安全生产和防汛工作。",
    "一、认清形势，增强做好安全生产工作的责任感",
    "去年全县安全生产形势总体平稳，但隐患排查还不够彻底，个别企业主体责任落实不到位。",
    "（一）清醒看到存在的问题",
    "一些乡镇对安全隐患排查走过场，道路交通安全和消防安全问题依然突出。",
    "二、突出重点，扎实开展隐患排查整治",
    "1、抓好危险化学品整治。全县涉及危险化学品的企业要在六月底前完成自查自纠。",
    "2、抓好道路交通安全。交警部门要加大夜间巡查力度，严查超速超载。",
    "同志们，安全生产责任重于泰山，希望大家认真抓好落实。",
]
SPEECH_TEXT = SPEECH_TITLE + "\n" + "\n".join(SPEECH_PARAGRAPHS) + "\n"
CJK_FONT = "STSong-Light"


def corpus_path(prefix: str) -> pathlib.Path:
    return shared_data.corpus_file(prefix)


def make_docx(title: str = SPEECH_TITLE, paragraphs: list[str] = SPEECH_PARAGRAPHS) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(
    title: str = SPEECH_TITLE, paragraphs: list[str] = SPEECH_PARAGRAPHS, chars_per_line: int = 30
) -> bytes:
    """Prints the speech like a Word PDF export: long paragraphs wrap at a fixed width, a blank
    line between paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    y = 800
    page = 1
    pdf.setFont(CJK_FONT, 12)
    for paragraph in [title, *paragraphs]:
        for start in range(0, len(paragraph), chars_per_line):
            if y < 60:
                # A page footer as Word prints it; paragraphs run on over the break.
                pdf.drawString(280, 30, f"- {page} -")
                pdf.showPage()
                page += 1
                pdf.setFont(CJK_FONT, 12)
                y = 800
            pdf.drawString(50, y, paragraph[start : start + chars_per_line])
            y -= 16
        y -= 16
    pdf.save()
    return out.getvalue()


def make_blank_pdf() -> bytes:
    """A scanned-looking PDF: a page with a drawn rectangle and no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.save()
    return out.getvalue()


def make_html(title: str = SPEECH_TITLE, paragraphs: list[str] = SPEECH_PARAGRAPHS) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_范文网</title>
<script>var ad = "立即下载";</script></head><body>
<div class="header"><a href="/">首页</a> <a href="/fanwen/">范文大全</a> 登录 注册</div>
<div class="nav">当前位置：首页 &gt; 讲话稿 &gt; 安全生产</div>
<div class="main"><div class="article"><h1>{title}</h1>
<div class="info">时间：2023-05-06 来源：网友投稿</div>
<div class="content">{body}</div></div>
<div class="related"><h3>相关文章</h3><ul><li>在全县防汛工作会议上的讲话</li>
<li>安全生产月活动讲话稿</li></ul></div></div>
<div class="footer">版权所有 © 范文网 客服QQ：123456</div></body></html>"""
    return page.encode("utf-8")


def make_zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.fixture(scope="session")
def speech_text() -> str:
    return SPEECH_TEXT


def make_numbered_docx(items: list[tuple[int | None, str]]) -> bytes:
    """A docx whose headings are numbered by Word's list numbering (the labels are not in the
    text): level 0 "一、", level 1 "（一）", level 2 "1."; ``None`` is a plain paragraph."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvl_xml}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for level, text in items:
        paragraph = document.add_paragraph(text)
        if level is not None:
            num_pr = f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/>'
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f"<w:numPr {nsdecls('w')}>{num_pr}</w:numPr>")
            )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
