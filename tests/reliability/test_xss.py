"""Stored XSS: a speech whose every field holds HTML/JS shows it as text on every page that
shows the speech."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from archive.models import Section, Theme
from tests.search.conftest import make_speech

ATTACKS = {
    "title": '讲话<script>alert("title")</script>',
    "meeting": '<img src=x onerror=alert("meeting")>会议',
    "keyword": '<b onmouseover=alert("keyword")>群众</b>',
    "heading": '<svg onload=alert("heading")>加强群众工作',
    "body": '<script>alert("body")</script>群众工作是基础。<iframe src="javascript:alert(1)">',
    "role": '<a href="javascript:alert(1)">县委书记</a>',
}
# What would run if any field were emitted unescaped.
LIVE_MARKUP = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<b onmouseover",
    "<iframe",
    '<a href="javascript',
]


@pytest.fixture
def hostile(db):
    theme = Theme.objects.create(name="测试主题", slug="test-theme")
    date = datetime.date(2023, 5, 18)
    speech = make_speech(
        ATTACKS["title"],
        f"同志们:\n一、{ATTACKS['heading']}\n{ATTACKS['body']}",
        date=date,
        level="county",
        theme=theme,
        sections=[("一、", ATTACKS["heading"], 1)],
        index=False,
    )
    speech.meeting = ATTACKS["meeting"]
    speech.keywords = [ATTACKS["keyword"], "群众工作"]
    speech.speaker_role = ATTACKS["role"]
    speech.save()
    neighbour = make_speech(
        "群众工作另一篇讲话",
        "同志们:\n群众工作是基础,要做好群众工作。",
        date=date,
        level="county",
        theme=theme,
        index=False,
    )
    neighbour.similar_to.add(speech)
    from search.upkeep.queue import schedule_index

    schedule_index([speech.pk, neighbour.pk])
    assert Section.objects.filter(speech=speech).exists()
    return {"speech": speech, "neighbour": neighbour}


def assert_shown_as_text(response, url) -> None:
    assert response.status_code == 200, f"{url} → {response.status_code}"
    html = response.content.decode()
    live = [markup for markup in LIVE_MARKUP if markup in html]
    assert live == [], url


def public_pages(hostile) -> list[str]:
    speech, neighbour = hostile["speech"], hostile["neighbour"]
    return [
        "/search/?q=群众",
        "/search/?q=" + ATTACKS["title"],
        f"/speeches/{speech.pk}/",
        f"/speeches/{speech.pk}/?q=群众",
        f"/speeches/{neighbour.pk}/",  # its related list shows the hostile title
        "/",
        "/speeches/",
        "/dates/2023/",
        "/dates/2023/05/",
        "/themes/test-theme/",
        "/levels/county/",
        "/feeds/latest/",
        "/sitemap.xml",
    ]


def test_search_results_and_snippets_show_markup_as_text(client, hostile):
    response = client.get("/search/", {"q": "群众"})
    assert_shown_as_text(response, "/search/")
    html = response.content.decode()
    assert "讲话&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in html


def test_every_public_page_shows_markup_as_text(client, hostile):
    for url in public_pages(hostile):
        assert_shown_as_text(client.get(url), url)
    speech_page = client.get(f"/speeches/{hostile['speech'].pk}/").content.decode()
    assert "&lt;svg onload=alert(&quot;heading&quot;)&gt;加强群众工作" in speech_page
    assert "&lt;img src=x onerror=alert(&quot;meeting&quot;)&gt;会议" in speech_page


def test_json_apis_carry_markup_as_plain_strings(client, hostile):
    found = client.get("/api/search/", {"q": "群众"})
    assert found["Content-Type"].startswith("application/json")
    assert ATTACKS["title"] in [row["title"] for row in found.json()["results"]]
    detail = client.get(f"/api/speeches/{hostile['speech'].pk}/")
    assert detail["Content-Type"].startswith("application/json")
    assert detail.json()["title"] == ATTACKS["title"]


def test_admin_pages_show_markup_as_text(client, hostile):
    admin = User.objects.create_superuser("boss", "boss@example.com", "a-long-pass-1234")
    client.force_login(admin)
    speech = hostile["speech"]
    for url in [
        "/admin/archive/speech/",
        f"/admin/archive/speech/{speech.pk}/change/",
        f"/admin/archive/speech/{speech.pk}/delete/",
        f"/admin/archive/speech/{hostile['neighbour'].pk}/change/",
        "/admin/",
    ]:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        # The change form holds the values inside <input>/<textarea>, escaped.
        assert [m for m in LIVE_MARKUP if m in html] == [], url
