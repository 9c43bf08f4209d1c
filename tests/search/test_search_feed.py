"""/search/feed/: the Atom feed of a search's newest matches (same query, filters, script)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, list(root.iter(f"{ATOM}entry"))


def test_feed_lists_newest_matches_with_snippets(client, small_archive):
    root, entries = _entries(client.get(reverse("search:feed"), {"q": "群众"}))
    assert root.find(f"{ATOM}title").text == "讲稿库检索:“群众”"
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == [
        "县政府全体会议讲话",
        "区委作风建设推进会讲话",
        "縣委黨務工作大會發言",
        "信访工作会议讲话",
    ]
    summary = entries[2].find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert "做好群眾工作" in summary.text


def test_feed_keeps_filters_and_script(client, small_archive):
    query = {"q": "群众", "level": "county", "script": "hans"}
    root, entries = _entries(client.get(reverse("search:feed"), query))
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles == ["县政府全体会议讲话", "县委党务工作大会发言"]  # shown in simplified
    link = entries[1].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/speeches/{small_archive['trad'].pk}/?q=%E7%BE%A4%E4%BC%97&script=hans")
    assert "(已筛选)" in root.find(f"{ATOM}title").text


def test_a_control_character_in_the_query_does_not_break_the_feed(client, small_archive):
    """XML 1.0 cannot carry \\x01: a link with one in q got a 500 (the feed's title holds q).
    Control characters mean nothing in a query; they are dropped where q is read."""
    root, entries = _entries(client.get(reverse("search:feed"), {"q": "群众\x01\x1b"}))
    assert root.find(f"{ATOM}title").text == "讲稿库检索:“群众”"
    assert len(entries) == 4
