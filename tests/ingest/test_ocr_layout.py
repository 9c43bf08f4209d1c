"""Reading order and paragraphs from recognised line boxes (no OCR engine: boxes written here
as a page of 30-pixel lines, 600 pixels wide, would come from it)."""

from __future__ import annotations

from archive.ingest.ocr_engine import OcrLine
from archive.ingest.ocr_layout import page_layout, running_keys

H = 30  # line height in pixels
STEP = 45


def line(row: int, text: str, x0: float = 100, x1: float | None = None, conf: float = 0.99):
    width = len(text) * H if x1 is None else x1 - x0
    return OcrLine(x0, 100 + row * STEP, x0 + width, 100 + row * STEP + H, text, conf)


def full(row: int, text: str, left: float = 100, right: float = 700):
    return line(row, text, left, right)


def test_one_column_paragraphs_headings_and_page_number():
    lines = [
        line(0, "讲稿库 内部资料", 300),  # header: centred, top band
        line(1, "同志们：", 160),
        full(2, "今天召开全县会议，主要任务是总结工作并"),
        line(3, "部署今年任务。"),
        line(4, "一、认清形势"),
        line(5, "去年形势总体平稳，但也有不少问题需要", 160, 700),
        full(6, "认真解决，各地要高度重视，抓紧整改落实"),
        line(7, "到位。"),
        *[line(8 + i, "各部门要落实监管责任。", 160) for i in range(10)],
        line(20, "— 3 —", 360),
    ]
    layout = page_layout(lines)
    assert layout.paragraphs[1:5] == [
        "同志们：",
        "今天召开全县会议，主要任务是总结工作并部署今年任务。",
        "一、认清形势",
        "去年形势总体平稳，但也有不少问题需要认真解决，各地要高度重视，抓紧整改落实到位。",
    ]
    assert "— 3 —" in layout.furniture
    assert all("3" not in p for p in layout.paragraphs)
    # Alone on its page the header cannot be told from a title: kept.
    assert layout.paragraphs[0] == "讲稿库 内部资料"


def test_running_header_repeated_on_pages_is_dropped():
    def page(number: int):
        body = []
        for i in range(6):
            body.append(line(1 + 2 * i, f"第{number}页第{i}段开头的一整行文字", 160, 700))
            body.append(line(2 + 2 * i, f"{'春夏'[number - 1]}结尾{i}。"))
        return [line(0, f"县政府办公室 第{number}页", 300), *body]

    pages = [page(1), page(2)]
    running = running_keys(pages)
    for number, lines in enumerate(pages, start=1):
        layout = page_layout(lines, running)
        assert layout.furniture == [f"县政府办公室 第{number}页"]
        assert len(layout.paragraphs) == 6
        assert layout.paragraphs[0].startswith(f"第{number}页第0段开头的一整行文字")


def test_two_columns_read_left_then_right_with_title_above():
    left, right = (100, 380), (420, 700)
    lines = [line(0, "在全县工作会议上的讲话", 250)]
    for i in range(8):
        lines.append(line(1 + i, f"左栏第{i}行文字内容", left[0], left[1]))
        lines.append(line(1 + i, f"右栏第{i}行文字内容", right[0], right[1]))
    layout = page_layout(lines)
    text = "".join(layout.paragraphs)
    assert layout.paragraphs[0] == "在全县工作会议上的讲话"
    assert text.index("左栏第7行") < text.index("右栏第0行")
    # Full-width lines in a column are one paragraph running over into the next column.
    assert len(layout.paragraphs) == 2


def test_title_over_the_left_column_is_not_joined_to_the_right_columns_line():
    # A noisy scan: the gutter (30 px) is as narrow as a line height, the title ends at it.
    left, right = (100, 380), (410, 690)
    lines = [line(0, "在全县工作会议上的讲话", 120, 380), line(0, "，右栏首行文字", *right)]
    lines += [line(1, "（2024年3月5日）", 170, 310), line(1, "右栏第1行文字内容", *right)]
    for i in range(2, 9):
        lines.append(line(i, f"左栏第{i}行文字内容", *left))
        lines.append(line(i, f"右栏第{i}行文字内容", *right))
    layout = page_layout(lines)
    assert layout.paragraphs[:2] == ["在全县工作会议上的讲话", "（2024年3月5日）"]
    text = "".join(layout.paragraphs)
    assert text.index("左栏第8行") < text.index("，右栏首行文字") < text.index("右栏第1行")


def test_boxes_cut_on_one_row_are_joined():
    lines = [line(0, "今天召开全县", 100, 280), line(0, "安全生产会议。", 290, 500)]
    lines += [line(1 + i, "各部门要落实监管责任。", 160) for i in range(5)]
    assert page_layout(lines).paragraphs[0] == "今天召开全县安全生产会议。"


def test_confidence_is_weighted_by_characters():
    lines = [line(0, "短", 160, conf=0.1), line(1, "很长的一行识别得很好的文字", 160, conf=1.0)]
    layout = page_layout(lines)
    assert 0.9 < layout.confidence < 1.0
    assert page_layout([]).confidence == 0.0
