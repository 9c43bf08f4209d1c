"""Every public URL and query parameter with hostile values: never a 500; bad input gets a 400,
a 404 or a friendly page."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.models import Theme
from tests.search.conftest import make_speech

LONG = "群" * 2500 + "a" * 2500
CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f"
VALUES = [
    "2023-13-45",
    "-1",
    "0",
    "999999",
    "99999999999999999999999",
    "abc",
    "",
    " ",
    LONG,
    CONTROL,
    "a\x00b",
    "群众\u202eтекст العربية 日本語 한국어 😀",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "\ud7ff\ufffe",
]
SEARCH_PARAMS = ["q", "from", "to", "level", "theme", "year", "sort", "page"]


@pytest.fixture
def archive(db):
    theme = Theme.objects.create(name="测试主题", slug="test-theme")
    speech = make_speech(
        "群众工作会议讲话",
        "同志们:\n一、做好群众工作\n群众工作是基础。",
        date=datetime.date(2023, 5, 18),
        level="county",
        theme=theme,
        sections=[("一、", "做好群众工作", 1)],
    )
    return speech


def assert_handled(response, url) -> None:
    assert response.status_code < 500, f"{url} → {response.status_code}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("name", SEARCH_PARAMS)
@pytest.mark.parametrize("path", ["/search/", "/api/search/"])
def test_search_parameters_with_hostile_values(client, archive, path, name):
    for value in VALUES:
        response = client.get(path, {name: value, "q": "群众"} if name != "q" else {name: value})
        assert_handled(response, f"{path}?{name}={value[:40]!r}")


def test_bad_date_and_page_are_explained_or_clamped(client, archive):
    response = client.get("/search/", {"q": "群众", "from": "2023-13-45"})
    assert response.status_code in (200, 400)
    assert "格式不对" in response.content.decode()
    for page in ("-1", "999999", "abc"):
        response = client.get("/api/search/", {"q": "群众", "page": page})
        assert response.status_code in (200, 400)
        if response.status_code == 200:
            assert response.json()["page"] >= 1


def path_values(archive) -> list[str]:
    pk = archive.pk
    return [
        f"/speeches/{pk}/",
        f"/speeches/{pk}/anything/",
        f"/speeches/{pk}/download.txt",
        f"/speeches/{pk}/download.docx",
        f"/speeches/{pk}/qr.svg",
        f"/api/speeches/{pk}/",
        "/speeches/999999/",
        "/speeches/0/",
        "/speeches/-1/",
        "/speeches/abc/",
        "/speeches/99999999999999999999999/",
        "/api/speeches/999999/",
        "/api/speeches/99999999999999999999999/",
        "/speeches/999999/download.docx",
        "/dates/2023-13-45/",
        "/dates/2023/13/",
        "/dates/2023/00/",
        "/dates/0000/",
        "/dates/9999/99/",
        "/dates/99999/",
        "/themes/no-such-theme/",
        f"/themes/{'x' * 5000}/",
        "/themes/%E7%BE%A4%00/",
        "/levels/province/",
        "/levels/%3Cscript%3E/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_every_public_path_with_hostile_values(client, archive):
    for url in path_values(archive):
        assert_handled(client.get(url), url)
    for query in ["page=-1", "page=999999", "page=abc", "p=-1", "p=999999", "q=%00", "script=x"]:
        for url in ["/", "/speeches/", "/themes/test-theme/", "/dates/2023/", "/levels/county/"]:
            assert_handled(client.get(f"{url}?{query}"), f"{url}?{query}")
        for url in ["/feeds/latest/", "/sitemap.xml", f"/speeches/{archive.pk}/"]:
            assert_handled(client.get(f"{url}?{query}"), f"{url}?{query}")


def test_unknown_speech_is_a_friendly_404(client, archive):
    for url in ["/speeches/999999/", "/api/speeches/999999/"]:
        response = client.get(url)
        assert response.status_code == 404, url


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(SEARCH_PARAMS),
        st.text(max_size=300) | st.integers().map(str) | st.sampled_from(VALUES),
        max_size=5,
    ),
    api=st.booleans(),
)
def test_search_never_fails_on_random_parameters(client, archive, params, api):
    path = "/api/search/" if api else "/search/"
    assert_handled(client.get(path, params), f"{path} {params!r}"[:300])


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(segment=st.text(min_size=1, max_size=200).filter(lambda s: "/" not in s))
def test_path_segments_never_fail(client, archive, segment):
    from urllib.parse import quote

    for prefix in ["/speeches/", "/dates/", "/themes/", "/levels/", "/api/speeches/"]:
        url = f"{prefix}{quote(segment, safe='')}/"
        assert_handled(client.get(url), url)
