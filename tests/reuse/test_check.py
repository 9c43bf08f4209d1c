"""The draft check: passages found with their sources, nothing stored, limits in Chinese."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Speech
from archive.reuse import limits, views
from archive.reuse.models import ReuseParagraph
from tests.ingest.test_reuse import COPY_SWAPPED_PLACES

DRAFT = f"各位同志:\n{COPY_SWAPPED_PLACES}\n下面我再讲三点意见,供大家参考。"


@pytest.fixture(autouse=True)
def _fresh_rate_count():
    from django.core.cache import cache

    cache.clear()


def test_pasted_draft_finds_its_source_and_stores_nothing(client, reuse_speeches):
    counts = (Speech.objects.count(), ReuseParagraph.objects.count())
    response = client.post("/check/", {"text": DRAFT})
    html = response.content.decode()
    assert response.status_code == 200
    assert "不保存、不收录、不进入检索" in html
    assert "在临江县乡村振兴工作会议上的讲话》" in html
    assert "的文字见于档案中的 2 篇讲话" in html  # the source and its traditional copy
    assert f'name="speech" value="{reuse_speeches["source"].pk}"' in html
    assert (Speech.objects.count(), ReuseParagraph.objects.count()) == counts


def test_same_topic_draft_finds_nothing(client, reuse_speeches):
    own_words = (
        "乡村要振兴，关键在产业。我们将把高标准农田建设同特色种养结合起来，把农村人居环境整治"
        "同美丽乡村创建结合起来，压实乡镇责任，让农民的腰包鼓起来、村庄美起来。"
    )
    html = client.post("/check/", {"text": own_words}).content.decode()
    assert "档案中没有找到与这份文稿相同的段落" in html


def test_uploaded_file_is_checked_like_pasted_text(client, reuse_speeches):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("draft.txt", ("关于乡村振兴的讲话\n" + DRAFT).encode("gb18030"))
    html = client.post("/check/", {"file": upload}).content.decode()
    assert "在临江县乡村振兴工作会议上的讲话》" in html


def test_draft_beside_a_speech(client, reuse_speeches):
    source = reuse_speeches["source"]
    response = client.post("/check/compare/", {"text": DRAFT, "speech": source.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "提交的文稿" in html and '<ins class="diff-ins">' in html
    # Posted without a speech chosen (or with a made-up one), the page says which is missing.
    chosen = client.post("/check/compare/", {"text": DRAFT, "speech": "abc"})
    assert chosen.status_code == 404 and "没有选定要对照的讲话" in chosen.content.decode()
    missing = client.post("/check/compare/", {"text": DRAFT, "speech": "987654"})
    assert missing.status_code == 404 and "没有编号为 987654 的公开讲话" in missing.content.decode()


def test_limits_have_clear_messages(client, reuse_speeches, monkeypatch):
    assert "请粘贴文稿或选择文件" in client.post("/check/", {"text": " "}).content.decode()
    monkeypatch.setattr(limits, "MAX_CHARS", 50)
    response = client.post("/check/", {"text": DRAFT})
    assert response.status_code == 400 and "文稿过长" in response.content.decode()
    monkeypatch.setattr(limits, "RATE", 2)
    client.post("/check/", {"text": "甲"})
    response = client.post("/check/", {"text": DRAFT})
    assert response.status_code == 429 and "查重过于频繁" in response.content.decode()


def test_api_check(client, reuse_speeches):
    data = client.post("/api/check/", {"text": DRAFT}).json()
    assert data["stored"] is False and 0.5 < data["share"] <= 1.0
    [paragraph] = data["paragraphs"]
    speeches = {match["speech"] for match in paragraph["matches"]}
    assert speeches == {reuse_speeches["source"].pk, reuse_speeches["copy"].pk}
    assert client.post("/api/check/", {"text": ""}).json() == {"error": limits.ERROR_EMPTY}


def test_rate_counts_each_reader_behind_the_proxy(client, reuse_speeches, monkeypatch, settings):
    """Behind the TLS proxy every request comes from the proxy's address: with
    CLIENT_ADDRESS_HEADER set, the limit counts the reader the proxy names, so one busy
    reader does not lock out everyone; unset, a client cannot dodge it with a forged header."""
    monkeypatch.setattr(limits, "RATE", 1)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    def post(forwarded: str) -> int:
        extra = {**proxy, "HTTP_X_FORWARDED_FOR": forwarded}
        return client.post("/check/", {"text": DRAFT}, **extra).status_code

    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    assert [post("10.1.1.1, 203.0.113.5"), post("203.0.113.5")] == [200, 429]
    assert post("203.0.113.6") == 200
    settings.CLIENT_ADDRESS_HEADER = ""
    assert [post("198.51.100.1"), post("198.51.100.2")] == [200, 429]


def test_a_long_draft_can_be_set_beside_its_source(client, reuse_speeches):
    """The result's 对照 buttons post the whole draft again to /check/compare/: a draft the
    check accepts (here ~10,000 characters, over 64 KB once form-encoded) must be accepted
    there too, not refused as an oversized anonymous request."""
    filler = "\n".join(
        f"第{n}条:下面我再讲几点意见,供大家参考,请各地结合实际抓好落实。" for n in range(350)
    )
    draft = f"{DRAFT}\n{filler}"
    assert len(draft) <= limits.MAX_CHARS
    checked = client.post("/check/", {"text": draft})
    assert checked.status_code == 200
    source = reuse_speeches["source"]
    # As a browser sends the form: URL-encoded, nine bytes per Chinese character.
    body = urlencode({"text": draft, "speech": source.pk})
    assert len(body) > 64 * 1024
    response = client.post(
        "/check/compare/", body, content_type="application/x-www-form-urlencoded"
    )
    html = response.content.decode()
    assert response.status_code == 200, html[:300]
    assert "提交的文稿" in html and '<ins class="diff-ins">' in html


def test_a_scan_in_the_draft_check_is_read_only_up_to_a_few_pages(client, db, monkeypatch):
    """OCR costs seconds of both cores per page: an anonymous check may have a couple of pages
    recognised, not the 30 an editor's upload may (a 30-page scan ran past the worker's timeout
    and held the machine). Refused before any page is read, with the limit named."""
    from PIL import Image

    from archive.ingest import ocr
    from bench.ocr_pages import pages_to_pdf

    def no_recognition(*args, **kwargs):
        raise AssertionError("OCR ran")

    monkeypatch.setattr(ocr, "_recognise_page", no_recognition)
    blank = Image.new("L", (600, 800), 255)
    scan = SimpleUploadedFile("草稿扫描件.pdf", pages_to_pdf([blank] * 3, 100))
    response = client.post("/check/", {"text": "", "file": scan})
    html = response.content.decode()
    assert response.status_code == 400
    assert f"超过每个文件 {limits.MAX_OCR_PAGES} 页的上限" in html
    assert limits.MAX_OCR_PAGES <= 2


def test_api_check_says_what_it_takes_when_sent_a_file_or_json(client, db):
    """The API reads the form field text only: a file or a JSON body is answered with what to
    send instead, not with the page's 请粘贴文稿或选择文件."""
    sent_file = client.post("/api/check/", {"file": SimpleUploadedFile("稿.txt", "作风".encode())})
    assert sent_file.status_code == 400
    assert sent_file.json() == {"error": views.ERROR_API_TEXT_ONLY}
    sent_json = client.post("/api/check/", {"text": DRAFT}, content_type="application/json")
    assert sent_json.status_code == 400
    assert sent_json.json() == {"error": views.ERROR_API_TEXT_ONLY}
