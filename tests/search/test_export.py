"""/search/export.csv and .jsonl: every match of a search, read back with csv and json."""

from __future__ import annotations

import csv
import io
import json

from django.urls import reverse

from search.page import export


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _csv_rows(response) -> list[dict]:
    data = _content(response)
    assert data.startswith("\ufeff".encode())  # Excel reads the file as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_holds_every_match_with_its_columns(client, small_archive, monkeypatch):
    # Smaller than the matches of the query: a page of the site would stop at 1, not the export.
    monkeypatch.setattr("search.backends.whoosh.engine.PAGE_SIZE", 1)
    response = client.get(reverse("search:export_csv"), {"q": "群众", "sort": "oldest"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert list(rows[0]) == list(export.EXPORT_COLUMNS)
    old, trad, simp, scattered = (small_archive[k] for k in ("old", "trad", "simp", "scattered"))
    assert [int(row["id"]) for row in rows] == [old.pk, trad.pk, simp.pk, scattered.pk]
    first = rows[1]
    assert first["title"] == "縣委黨務工作大會發言"
    assert first["url"] == f"http://testserver/speeches/{trad.pk}/?q=%E7%BE%A4%E4%BC%97"
    assert first["date"] == "2022-02-01"
    assert first["level"] == "county"
    assert first["theme"] == "党的建设"
    assert first["snippet"] == "一、加強群眾工作 … 今天縣委黨務工作會議的主要任務是做好群眾工作。"
    assert response["X-Result-Count"] == "4" and response["X-Export-Capped"] == "0"


def test_csv_round_trips_text_with_commas_quotes_and_newlines(client, db):
    from tests.search.conftest import make_speech

    title = '关于"三农"工作,的讲话'
    make_speech(title, '要抓好“三农”工作,坚持"农业"优先。')
    rows = _csv_rows(client.get(reverse("search:export_csv"), {"q": "三农"}))
    assert [row["title"] for row in rows] == [title]
    assert rows[0]["snippet"] == '要抓好“三农”工作,坚持"农业"优先。'


def test_jsonl_has_the_same_rows_and_filters_apply(client, small_archive):
    query = {"q": "群众", "level": "county", "sort": "newest"}
    lines = _content(client.get(reverse("search:export_jsonl"), query)).decode().splitlines()
    records = [json.loads(line) for line in lines]
    csv_rows = _csv_rows(client.get(reverse("search:export_csv"), query))
    assert [r["id"] for r in records] == [small_archive["scattered"].pk, small_archive["trad"].pk]
    assert [{k: str(v) for k, v in r.items()} for r in records] == csv_rows


def test_export_is_capped_with_a_clear_message(client, small_archive, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_LIMIT", 2)
    response = client.get(reverse("search:export_csv"), {"q": "群众"})
    assert len(_csv_rows(response)) == 2
    assert response["X-Result-Count"] == "4"
    assert response["X-Export-Capped"] == "1" and response["X-Export-Limit"] == "2"
    page = client.get(reverse("search:search"), {"q": "群众"}).content.decode()
    assert "结果超过 2 篇,导出只含排在前面的 2 篇" in page


def test_search_page_links_its_exports_and_feed(client, small_archive):
    page = client.get(reverse("search:search"), {"q": "群众", "level": "county"}).content.decode()
    assert 'href="/search/export.csv?q=%E7%BE%A4%E4%BC%97&amp;level=county"' in page
    assert 'href="/search/export.jsonl?q=%E7%BE%A4%E4%BC%97&amp;level=county"' in page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="讲稿库检索:群众" '
        'href="/search/feed/?q=%E7%BE%A4%E4%BC%97&amp;level=county">' in page
    )
    assert "订阅此检索" in page
    terms = client.get(reverse("search:search"), {"q": '群众 "工作" -信访'}).content.decode()
    # Each positive term of the search is a line of its trends chart.
    assert 'href="/trends/?q=%E7%BE%A4%E4%BC%97&amp;q=%E5%B7%A5%E4%BD%9C"' in terms


def test_exported_rows_name_the_place_and_the_speaker(client, db):
    from archive.models import Speech
    from archive.places import ensure_places
    from tests.search.conftest import make_speech

    ensure_places()
    speech = make_speech("河西区作风建设会议讲话", "要抓好作风建设。")
    Speech.objects.filter(pk=speech.pk).update(place_id="120103", speaker="张某某")
    rows = _csv_rows(client.get(reverse("search:export_csv"), {"q": "作风建设"}))
    assert [(row["place"], row["place_code"], row["speaker"]) for row in rows] == [
        ("天津市河西区", "120103", "张某某")
    ]


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(client, db):
    """A title or snippet starting with = + - @ must open as text in Excel, not as a formula
    (CSV injection); the JSON Lines keep the text as it is."""
    from tests.search.conftest import make_speech

    title = '=HYPERLINK("http://example.com/","三农")'
    make_speech(title, "@SUM(1+1) 要抓好三农工作。")
    make_speech("-2+3 三农讲话", "+要抓好三农工作。")
    rows = _csv_rows(client.get(reverse("search:export_csv"), {"q": "三农", "sort": "oldest"}))
    assert [row["title"] for row in rows] == ["'" + title, "'-2+3 三农讲话"]
    assert [row["snippet"][:1] for row in rows] == ["'", "'"]
    lines = _content(client.get(reverse("search:export_jsonl"), {"q": "三农", "sort": "oldest"}))
    assert [json.loads(line)["title"] for line in lines.decode().splitlines()][0] == title


def test_exports_per_reader_are_limited_with_a_message(client, small_archive, settings):
    settings.SEARCH_EXPORT_RATE = 2
    url = reverse("search:export_jsonl")
    assert [client.get(url, {"q": "群众"}).status_code for _ in range(2)] == [200, 200]
    refused = client.get(reverse("search:export_csv"), {"q": "群众"})
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    message = refused.content.decode()
    assert (
        "导出过于频繁" in message and "每 10 分钟最多导出 2 次" in message and "/data/" in message
    )
    # Another reader (a different address) is not held back by the first one's count.
    other = client.get(url, {"q": "群众"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
