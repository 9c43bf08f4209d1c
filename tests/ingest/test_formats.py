"""The same speech in every encoding and format comes out as the same text and fingerprint."""

import io
import zipfile

import opencc
import pytest

from archive.ingest import iter_documents, parse_document
from archive.ingest.formats import html_text
from tests.ingest.conftest import (
    SPEECH_PARAGRAPHS,
    SPEECH_TEXT,
    SPEECH_TITLE,
    make_docx,
    make_html,
    make_pdf,
    make_zip,
)

TRADITIONAL_TEXT = opencc.OpenCC("s2t").convert(SPEECH_TEXT)


@pytest.fixture(scope="module")
def reference():
    return parse_document("speech.txt", SPEECH_TEXT.encode("utf-8"))


def test_reference_reads_as_written(reference):
    assert reference.title == SPEECH_TITLE
    assert reference.body == "\n".join(SPEECH_PARAGRAPHS)
    assert reference.level == "county"
    assert reference.meeting == "全县安全生产工作会议"
    assert [(s.number, s.depth, s.anchor) for s in reference.sections] == [
        ("一、", 1, "s1"),
        ("（一）", 2, "s1-1"),
        ("二、", 1, "s2"),
        ("1、", 3, "s2-1"),
        ("2、", 3, "s2-2"),
    ]


@pytest.mark.parametrize(
    ("filename", "make", "encoding"),
    [
        ("speech-gb18030.txt", lambda: SPEECH_TEXT.encode("gb18030"), "gb18030"),
        ("speech-gbk.txt", lambda: SPEECH_TEXT.encode("gbk"), "gb18030"),
        ("speech-utf16.txt", lambda: SPEECH_TEXT.encode("utf-16"), "utf-16"),
        ("speech-bom.txt", lambda: SPEECH_TEXT.encode("utf-8-sig"), "utf-8-sig"),
        ("speech-crlf.txt", lambda: SPEECH_TEXT.replace("\n", "\r\n").encode(), "utf-8"),
        ("speech.docx", make_docx, "docx"),
        ("speech.pdf", make_pdf, "pdf"),
        ("speech.html", make_html, "html"),
        ("SPEECH.HTM", make_html, "html"),
    ],
)
def test_every_format_gives_the_same_speech(reference, filename, make, encoding):
    parsed = parse_document(filename, make())
    assert parsed.encoding == encoding
    assert parsed.body == reference.body
    assert parsed.fingerprint == reference.fingerprint
    assert parsed.title == reference.title
    assert parsed.sections == reference.sections


def test_big5_gives_the_same_speech_as_traditional_utf8():
    utf8 = parse_document("t.txt", TRADITIONAL_TEXT.encode("utf-8"))
    big5 = parse_document("t-big5.txt", TRADITIONAL_TEXT.encode("big5"))
    assert big5.encoding.startswith("big5")
    assert big5.body == utf8.body
    assert big5.fingerprint == utf8.fingerprint
    assert big5.title == "在全縣安全生產工作會議上的講話"


def test_zip_entries_give_the_same_speech(reference):
    data = make_zip({"batch/a.txt": SPEECH_TEXT.encode("gb18030"), "batch/b.docx": make_docx()})
    results = list(iter_documents("upload.zip", data))
    assert [name for name, _ in results] == ["upload.zip/batch/a.txt", "upload.zip/batch/b.docx"]
    assert all(r.fingerprint == reference.fingerprint for _, r in results)


def test_pdf_wrapped_at_a_narrow_width_still_reads_the_same(reference):
    parsed = parse_document("narrow.pdf", make_pdf(chars_per_line=18))
    assert parsed.body == reference.body


def test_html_article_body_without_site_chrome():
    text = html_text(make_html())
    assert text.split("\n")[0] == SPEECH_TITLE
    for chrome in ("首页", "当前位置", "相关文章", "版权所有", "客服", "立即下载", "范文网"):
        assert chrome not in text
    assert "同志们：" in text


def test_html_page_stamp_outside_the_article_body_is_the_publication_time():
    import datetime

    parsed = parse_document("page.html", make_html())
    assert parsed.published == datetime.date(2023, 5, 6)
    assert (parsed.date, parsed.date_rule) == (None, "")
    assert "2023-05-06" in parsed.date_note
    assert "2023-05-06" not in parsed.body


def test_html_in_gbk_with_declared_charset():
    page = make_html().decode("utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    parsed = parse_document("page.html", page.encode("gb18030"))
    assert parsed.title == SPEECH_TITLE


def test_docx_tables_are_read():
    from docx import Document

    document = Document()
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开全县安全生产工作会议，部署今年安全生产和防汛工作。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "责任单位"
    table.cell(0, 1).text = "县应急管理局负责隐患排查。"
    out = io.BytesIO()
    document.save(out)
    parsed = parse_document("table.docx", out.getvalue())
    assert "县应急管理局负责隐患排查" in parsed.body
    assert zipfile.is_zipfile(io.BytesIO(out.getvalue()))


def test_html_with_br_separated_body_and_navigation_inside_the_article():
    page = """<html><head><meta charset="utf-8"><title>县政府门户网站</title></head><body>
<div class="menu"><a>首页</a><a>政务公开</a><a>领导讲话</a></div>
<div id="zoom">在全县防汛工作会议上的讲话<br>同志们：<br>
今天召开全县防汛工作会议，主要任务是部署今年的防汛抗旱工作。<br>
一、认清形势<br>今年汛期降雨偏多，各乡镇要提前做好准备。<br>
<div class="pages">上一篇：在全县春耕生产会议上的讲话</div></div>
<div class="footer">主办：某县人民政府办公室</div></body></html>"""
    parsed = parse_document("zoom.html", page.encode("utf-8"))
    assert parsed.title == "在全县防汛工作会议上的讲话"
    assert parsed.body == (
        "同志们：\n今天召开全县防汛工作会议，主要任务是部署今年的防汛抗旱工作。\n"
        "一、认清形势\n今年汛期降雨偏多，各乡镇要提前做好准备。"
    )


def test_pdf_paragraph_running_over_a_page_break_is_one_paragraph():
    sentences = [p for p in SPEECH_PARAGRAPHS if p.endswith("。") and not p[0].isdigit()]
    long_paragraph = "".join(sentences) * 6  # about 40 printed lines: it must cross a page
    paragraphs = ["同志们：", long_paragraph, "一、抓好落实", long_paragraph]
    text = SPEECH_TITLE + "\n" + "\n".join(paragraphs)
    expected = parse_document("long.txt", text.encode())
    parsed = parse_document("long.pdf", make_pdf(SPEECH_TITLE, paragraphs))
    assert parsed.body == expected.body
    assert len(parsed.body.split("\n")) == 4
    assert "- 1 -" not in parsed.body and "- 2 -" not in parsed.body


def test_docx_headings_numbered_by_word_keep_their_numbers():
    from tests.ingest.conftest import make_numbered_docx

    data = make_numbered_docx(
        [
            (None, "同志们："),
            (None, "今天召开全县安全生产工作会议，部署今年工作。"),
            (0, "认清形势"),
            (1, "清醒看到存在的问题"),
            (2, "隐患排查不彻底。一些乡镇走过场。"),
            (2, "责任落实不到位。个别企业心存侥幸。"),
            (1, "充分肯定取得的成绩"),
            (0, "突出重点"),
            (1, "抓好危险化学品整治"),
        ]
    )
    parsed = parse_document("numbered.docx", data)
    assert [(s.number, s.heading, s.anchor) for s in parsed.sections] == [
        ("一、", "认清形势", "s1"),
        ("（一）", "清醒看到存在的问题", "s1-1"),
        ("1.", "隐患排查不彻底。", "s1-1-1"),
        ("2.", "责任落实不到位。", "s1-1-2"),
        ("（二）", "充分肯定取得的成绩", "s1-2"),
        ("二、", "突出重点", "s2"),
        ("（一）", "抓好危险化学品整治", "s2-1"),
    ]


def test_html_page_of_an_unseen_layout_keeps_the_speech_and_drops_comments_and_toolbars():
    """A page shape the importer was not written for: a table layout, a share toolbar, a
    comment section and a reward block around the speech."""
    paragraphs = "".join(f"<p>{p}</p>" for p in SPEECH_PARAGRAPHS)
    page = f"""<html><head><meta charset="utf-8"><title>讲话 - 某县人民政府</title>
<meta name="pubdate" content="2023-06-01"></head><body>
<table><tr><td class="crumb">首页 &gt; 政务公开 &gt; 领导讲话</td></tr>
<tr><td><h2>{SPEECH_TITLE}</h2><div class="share">分享到：微信 微博 【打印】【关闭】</div>
<div id="zoom">{paragraphs}</div>
<div class="reward">如果喜欢本篇内容,请赞赏鼓励 尚未有人赏赞</div></td></tr></table>
<div class="comments"><h4>用户评论</h4>
<p>以下评论仅代表网友意见,与本站无关。写得很好,学习了!</p></div>
</body></html>""".encode()
    parsed = parse_document("page.html", page)
    assert parsed.title == SPEECH_TITLE
    assert parsed.body.split("\n") == SPEECH_PARAGRAPHS
    assert parsed.published is not None and parsed.date is None
