"""The HTML parse budget: pages whose structure would take seconds to minutes to parse are
refused, before parsing, with a message naming the problem."""

import contextlib
import time

import pytest

from archive.ingest import iter_documents
from archive.ingest.formats import html_text
from archive.ingest.html_budget import MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, check_html_budget
from archive.ingest.types import IngestError
from tests.ingest.conftest import SPEECH_PARAGRAPHS, make_html

BODY = "".join(f"<p>{p}</p>" for p in SPEECH_PARAGRAPHS)


def page(inner: str) -> bytes:
    return f"<html><head><meta charset='utf-8'></head><body>{inner}</body></html>".encode()


def test_deeply_nested_page_is_refused_quickly():
    depth = 200_000  # 2.2 MB, ~23 s for the parser
    data = page("<div>" * depth + BODY + "</div>" * depth)
    started = time.monotonic()
    with pytest.raises(IngestError, match=f"嵌套超过 {MAX_HTML_DEPTH} 层"):
        html_text(data)
    assert time.monotonic() - started < 3


def test_page_with_too_many_elements_is_refused():
    data = page("<div>广告</div>" * (MAX_HTML_ELEMENTS + 1) + BODY)
    with pytest.raises(IngestError, match=f"超过 {MAX_HTML_ELEMENTS:,} 个"):
        html_text(data)


def test_the_refusal_names_the_file():
    data = page("<div>" * (MAX_HTML_DEPTH + 1) + BODY + "</div>" * (MAX_HTML_DEPTH + 1))
    [(name, result)] = list(iter_documents("嵌套.html", data))
    assert name == "嵌套.html"
    assert isinstance(result, IngestError)
    assert "HTML" in str(result) and "嵌套" in str(result)


def test_ordinary_pages_pass():
    check_html_budget(make_html())
    # Elements without end tags (p, li, br, img) do not deepen the nesting.
    loose = page("<div>" + "<p>一段话<br>又一行<img src=x>" * 3000 + "</div>")
    check_html_budget(loose)
    # Markup inside scripts, styles and comments is not counted.
    check_html_budget(page("<script>" + "<div>" * 5000 + "</script><!--" + "<div>" * 5000 + "-->"))
    assert "安全生产" in html_text(make_html())


def test_depth_just_within_the_budget_passes():
    depth = MAX_HTML_DEPTH - 10
    check_html_budget(page("<div>" * depth + BODY + "</div>" * depth))


@pytest.mark.parametrize("junk", [b"<a" * 500_000, b"<!--" * 300_000, b"<script>" * 300_000])
def test_the_check_itself_is_linear(junk):
    started = time.monotonic()
    with contextlib.suppress(IngestError):  # refused is fine; taking long is not
        check_html_budget(page("") + junk)
    assert time.monotonic() - started < 2
