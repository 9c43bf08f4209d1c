"""The Atom feed: a speech's opening is plain text and is declared as text, so a feed reader
never renders markup that a speech body happens to contain."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.search.conftest import make_speech

ATOM = "{http://www.w3.org/2005/Atom}"


def test_summary_with_markup_is_text_not_html(client, db):
    make_speech("安全生产会议讲话", "同志们:\n<script>alert(1)</script>要排查隐患。")
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).iter(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    # A reader shows what the summary says as text: the characters the speaker's file held.
    assert summary.get("type") == "text"
    assert summary.text == "<script>alert(1)</script>要排查隐患。"
