"""/api/search/: the same search as the page, as JSON."""

from django.urls import reverse


def test_api_returns_the_documented_shape(client, small_archive):
    response = client.get(reverse("search:api"), {"q": "群眾工作", "sort": "newest"})
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {
        "count",
        "page",
        "pages",
        "per_page",
        "results",
        "facets",
        "facet_params",
        "suggestions",
    }
    assert data["count"] == 2 and data["page"] == 1
    assert data["pages"] == 1 and data["per_page"] == 20
    first = data["results"][0]
    assert set(first) == {
        "id",
        "url",
        "title",
        "date",
        "level",
        "theme",
        "theme_slug",
        "place",
        "speaker",
        "speaker_role",
        "score",
        "snippets",
        "section",
    }
    trad = small_archive["trad"]
    assert [r["id"] for r in data["results"]] == [trad.pk, small_archive["old"].pk]
    assert first["title"] == "縣委黨務工作大會發言"
    assert first["date"] == "2022-02-01"
    assert first["level"] == "county"
    assert first["theme"] == "党的建设"
    assert first["url"].startswith(f"/speeches/{trad.pk}/")
    assert first["snippets"] == [
        "一、加強<mark>群眾工作</mark>",
        "今天縣委黨務工作會議的主要任務是做好<mark>群眾工作</mark>。",
    ]
    assert first["section"]["anchor"] == "s1"
    assert first["section"]["url"].endswith("#s1")
    assert first["theme_slug"] == "party-building"
    # Facets are keyed by what the results show; facet_params gives the parameter to pass.
    assert data["facets"] == {
        "level": {"county": 1, "district": 1},
        "theme": {"党的建设": 2},
        "place": {},
        "speaker": {},
        "role": {},
        "year": {"2021": 1, "2022": 1},
    }
    assert data["facet_params"]["theme"] == {"党的建设": "party-building"}
    assert data["facet_params"]["level"] == {"county": "county", "district": "district"}
    assert data["suggestions"] == []


def test_undated_speeches_are_counted_but_in_no_year(client, small_archive):
    data = client.get(reverse("search:api"), {"q": "讲话", "per_page": 50}).json()
    dates = [r["date"] for r in data["results"]]
    assert None in dates and len(dates) == data["count"]  # the undated speech is a hit
    years: dict[str, int] = {}
    for date in filter(None, dates):
        years[date[:4]] = years.get(date[:4], 0) + 1
    assert data["facets"]["year"] == years


def test_api_scores_by_relevance_and_suggests_on_no_hits(client, small_archive):
    data = client.get(reverse("search:api"), {"q": "群众工作"}).json()
    scores = [r["score"] for r in data["results"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    data = client.get(reverse("search:api"), {"q": "群众工做"}).json()
    assert data["count"] == 0
    assert data["suggestions"][0] == "群众工作"


def test_suggestions_are_words_not_punctuation(client, db):
    from tests.search.conftest import make_speech

    make_speech("部署会议", "会议作出部署,今年要落实。各项部署、安排到位。部署落实要快。")
    data = client.get(reverse("search:api"), {"q": "部署今"}).json()
    assert data["count"] == 0
    assert "部署落" in data["suggestions"]
    assert not any(mark in s for s in data["suggestions"] for mark in ",、。,")


def test_api_escapes_snippets_and_survives_odd_input(client, db):
    from tests.search.conftest import make_speech

    make_speech("标题", "<img src=x onerror=alert(1)>群众")
    data = client.get(reverse("search:api"), {"q": "群众", "page": "abc", "from": "x"}).json()
    assert data["results"][0]["snippets"] == ["&lt;img src=x onerror=alert(1)&gt;<mark>群众</mark>"]
    assert client.get(reverse("search:api"), {"q": "(\\*?😀"}).json()["count"] == 0


def test_api_filters_by_place_at_every_level_and_counts_the_tree(
    client, small_archive, django_capture_on_commit_callbacks
):
    from archive import services
    from archive.models import Place
    from archive.places import ensure_places

    ensure_places()  # a transactional test before this one flushed the migration's rows
    district = Place.objects.get(code="120103")  # 天津市河西区
    trad = small_archive["trad"]
    with django_capture_on_commit_callbacks(execute=True):
        services.speech_set_place_and_speaker(
            speech=trad, place=district, speaker="张三", speaker_role="区委书记"
        )
    for code in ("120103", "120000"):
        data = client.get(reverse("search:api"), {"q": "群眾工作", "place": code}).json()
        assert [r["id"] for r in data["results"]] == [trad.pk], code
        assert data["results"][0]["place"] == {"code": "120103", "name": "河西区"}
        assert data["results"][0]["speaker"] == "张三"
    data = client.get(reverse("search:api"), {"q": "群眾工作"}).json()
    assert data["facets"]["place"] == {"120000": 1, "120103": 1}
    assert data["facets"]["role"] == {"区委书记": 1}
    speaker_id = str(trad.speaker_entry_id)
    assert data["facets"]["speaker"] == {"张三": 1}
    assert data["facet_params"]["speaker"] == {"张三": speaker_id}
    assert data["facet_params"]["place"]["120000"] == "120000"
    by_speaker = client.get(reverse("search:api"), {"speaker": speaker_id}).json()
    assert [r["id"] for r in by_speaker["results"]] == [trad.pk]
    by_role = client.get(reverse("search:api"), {"role": "區委書記"}).json()
    assert [r["id"] for r in by_role["results"]] == [trad.pk]
    # the level follows the place's kind
    trad.refresh_from_db()
    assert trad.level == "district"
    elsewhere = client.get(reverse("search:api"), {"q": "群眾工作", "place": "610000"}).json()
    assert elsewhere["count"] == 0


def test_api_page_size_is_bounded_and_pages_are_counted(client, small_archive):
    url = reverse("search:api")
    data = client.get(url, {"q": "群众", "per_page": "3", "sort": "oldest"}).json()
    assert (data["count"], data["per_page"], data["pages"]) == (4, 3, 2)
    assert len(data["results"]) == 3
    second = client.get(url, {"q": "群众", "per_page": "3", "sort": "oldest", "page": "2"}).json()
    assert [r["id"] for r in second["results"]] == [small_archive["scattered"].pk]
    assert client.get(url, {"per_page": "100000"}).json()["per_page"] == 100
    assert client.get(url, {"per_page": "0"}).json()["per_page"] == 1
    assert client.get(url, {"per_page": "abc"}).json()["per_page"] == 20


def test_api_theme_facet_value_filters_by_its_param(client, small_archive):
    url = reverse("search:api")
    data = client.get(url, {"q": "群众"}).json()
    [(name, count)] = [(n, c) for n, c in data["facets"]["theme"].items() if n == "党的建设"]
    narrowed = client.get(url, {"q": "群众", "theme": data["facet_params"]["theme"][name]})
    assert narrowed.json()["count"] == count
    assert {r["theme"] for r in narrowed.json()["results"]} == {name}
