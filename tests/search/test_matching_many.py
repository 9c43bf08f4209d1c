"""Counts, facets and pages stay exact when postings span many blocks and segments.

Whoosh stores postings in blocks of 128 documents; the search reads whole posting lists
(search/backends/whoosh/postings.py) and ranks with a top-N collector, so an archive of a few
hundred speeches, indexed in two segments with deletions in between, is what exercises those
paths."""

from __future__ import annotations

import datetime
import random

import opencc
import pytest

from archive.models import Place, Speech
from archive.places import ensure_places
from search.language.normalize import fold
from search.language.params import parse_params
from search.upkeep.queue import schedule_index, schedule_removal
from tests.search.conftest import make_speech, matching_ids, run_search

S2T = opencc.OpenCC("s2t")


def _paragraphs(corpus_files) -> list[str]:
    found = []
    for path in corpus_files:
        lines = path.read_text(encoding="utf-8").splitlines()
        found.extend(line.strip() for line in lines if len(line.strip()) >= 20)
    return found


# Two districts of one municipality, a district of another province, and no place.
PLACE_CODES = ("120103", "120104", "610203", "")


def _make_archive(corpus_files, count: int, rng: random.Random) -> dict[int, tuple]:
    pool = _paragraphs(corpus_files)
    ensure_places()  # a transactional test before this one flushed the migration's rows
    places = {p.code: p for p in Place.objects.filter(code__in=PLACE_CODES)}
    made = {}
    for number in range(count):
        body = "\n".join(rng.sample(pool, 3))
        if number % 4 == 0:
            body = S2T.convert(body)
        level = "county" if number % 2 else "district"
        date = datetime.date(2015 + number % 10, 1 + number % 12, 1 + number % 28)
        speech = make_speech(f"第{number}号讲话", body, level=level, date=date, index=False)
        place = places.get(PLACE_CODES[number % len(PLACE_CODES)])
        assert place is not None or not PLACE_CODES[number % len(PLACE_CODES)]
        if place is not None:
            Speech.objects.filter(pk=speech.pk).update(place=place)
        codes = set(place.ancestor_codes()) if place else set()
        made[speech.pk] = (fold(speech.title + "\n" + body), level, date, codes)
    return made


def _truth(archive, term: str, level: str = "", place: str = "") -> set[int]:
    folded = fold(term)
    return {
        pk
        for pk, (text, lvl, _date, codes) in archive.items()
        if folded in text and (not level or lvl == level) and (not place or place in codes)
    }


@pytest.mark.django_db
def test_counts_facets_and_pages_equal_brute_force_across_blocks(corpus_files, settings):
    settings.SEARCH_RESULT_CACHE = 0
    rng = random.Random(8)
    archive = _make_archive(corpus_files, 330, rng)
    ids = sorted(archive)
    schedule_index(ids[:200])  # first segment
    schedule_index(ids[200:])  # second segment
    removed = ids[5:300:7]  # deletions inside both segments
    Speech.objects.filter(pk__in=removed).delete()
    schedule_removal(removed)
    for pk in removed:
        archive.pop(pk)

    words = [
        p[i : i + n] for p in _paragraphs(corpus_files) for n in (1, 2, 3, 4, 6) for i in (3, 9)
    ]
    queries = rng.sample(words, 40) + ["的", "发展", "工作"]
    queries += [S2T.convert(q) for q in queries[:10]]
    for q in queries:
        expected = _truth(archive, q)
        assert matching_ids(q) == expected, q
        outcome = run_search(parse_params({"q": q}))
        assert outcome.count == len(expected), q
        assert outcome.facets["level"] == {
            name: count
            for name, count in sorted(
                (
                    (lvl, sum(1 for pk in expected if archive[pk][1] == lvl))
                    for lvl in ("county", "district")
                ),
                key=lambda item: (-item[1], item[0]),
            )
            if count
        }, q
        county = run_search(parse_params({"q": q, "level": "county"}))
        assert county.count == len(_truth(archive, q, "county")), q
        # A place filters at every level: a district, and the municipality holding two.
        for code in ("120103", "120000", "610000"):
            in_place = run_search(parse_params({"q": q, "place": code}))
            assert in_place.count == len(_truth(archive, q, place=code)), (q, code)
        expected_places = {
            code: sum(1 for pk in expected if code in archive[pk][3])
            for code in {c for pk in expected for c in archive[pk][3]}
        }
        assert outcome.facets["place"] == expected_places, q
        # Every page together lists each matching speech exactly once.
        listed = []
        for page in range(1, outcome.pages + 1):
            listed += [
                h.speech_id for h in run_search(parse_params({"q": q, "page": str(page)})).hits
            ]
        assert sorted(listed) == sorted(expected), q

    # Several groups, OR, excluded and title: terms: the same exact counts, filters and facets
    # (on PostgreSQL the first group of body terms is matched in the chunks, the rest tested
    # on the speech: engine.py, matching.py).
    def has(text: str, term: str) -> bool:
        return fold(term) in text

    def title_has(text: str, term: str) -> bool:
        return fold(term) in text.split("\n", 1)[0]

    combined = {
        "发展 工作": lambda t: has(t, "发展") and has(t, "工作"),
        "發展 -工作": lambda t: has(t, "发展") and not has(t, "工作"),
        "发展 OR 群众 工作": lambda t: (has(t, "发展") or has(t, "群众")) and has(t, "工作"),
        "title:第1 工作": lambda t: title_has(t, "第1") and has(t, "工作"),
        "工作 -title:第1": lambda t: has(t, "工作") and not title_has(t, "第1"),
        "title:第2 OR 群众 发展": lambda t: (
            (title_has(t, "第2") or has(t, "群众")) and has(t, "发展")
        ),
        "title:第3": lambda t: title_has(t, "第3"),
    }
    for q, wanted in combined.items():
        expected = {pk for pk, (text, *_rest) in archive.items() if wanted(text)}
        assert expected and len(expected) < len(archive), q  # a query that tells
        assert matching_ids(q) == expected, q
        outcome = run_search(parse_params({"q": q}))
        assert outcome.count == len(expected), q
        assert sum(outcome.facets["level"].values()) == len(expected), q
        for code in ("120103", "120000"):
            in_place = {pk for pk in expected if code in archive[pk][3]}
            assert outcome.facets["place"].get(code, 0) == len(in_place), (q, code)
            filtered = run_search(parse_params({"q": q, "place": code, "level": "county"}))
            assert filtered.count == sum(1 for pk in in_place if archive[pk][1] == "county"), (
                q,
                code,
            )
    # Browsing without a query lists every live speech once, deleted ones never.
    browse = run_search(parse_params({"level": "county"}))
    county = {pk for pk, (_text, lvl, _date, _codes) in archive.items() if lvl == "county"}
    assert browse.count == len(county)
    listed = []
    for page in range(1, browse.pages + 1):
        params = parse_params({"level": "county", "page": str(page)})
        listed += [h.speech_id for h in run_search(params).hits]
    assert sorted(listed) == sorted(county)
    assert run_search(parse_params({})).count == len(archive)
