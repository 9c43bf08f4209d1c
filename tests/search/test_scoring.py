"""Ranking computed from whole posting lists (search/backends/whoosh/scoring.py) equals Whoosh's
own scoring.

The archive is indexed in two segments with deletions in between, so global statistics
(idf, average field length), per-segment field lengths and document offsets all matter."""

from __future__ import annotations

import random

import pytest
from whoosh import collectors

from archive.models import Speech
from search.backends.whoosh import engine
from search.backends.whoosh.engine import matching_docnums, run_search, shared_searcher
from search.backends.whoosh.queries import build_query
from search.backends.whoosh.queries import relaxed as _relaxed
from search.backends.whoosh.scoring import bm25f_scores
from search.language.params import parse_params
from search.language.query import parse_query
from search.upkeep.queue import schedule_index, schedule_removal
from tests.search.test_matching_many import S2T, _make_archive, _paragraphs

pytestmark = pytest.mark.whoosh_only  # Whoosh internals: no PostgreSQL counterpart

QUERIES = [
    "的",
    "发展",
    "群众 工作",
    "党风廉政",
    "推进高质量发展",
    "title:讲话",
    "发展 OR 改革",
    "工作 -发展",
    "經濟",
    '"深化改革"',
]


def _whoosh_scores(searcher, query, allowed: set[int]) -> dict[int, float]:
    collector = collectors.FilterCollector(
        collectors.TopCollector(limit=len(allowed) + 1, usequality=False, replace=0),
        allow=allowed,
    )
    searcher.search_with_collector(query, collector)
    return {docnum: score for score, docnum in collector.results().top_n}


@pytest.fixture
def two_segment_archive(corpus_files, settings):
    settings.SEARCH_RESULT_CACHE = 0
    rng = random.Random(11)
    archive = _make_archive(corpus_files, 260, rng)
    ids = sorted(archive)
    schedule_index(ids[:150])
    schedule_index(ids[150:])
    removed = ids[3:250:9]
    Speech.objects.filter(pk__in=removed).delete()
    schedule_removal(removed)
    words = [p[4:8] for p in _paragraphs(corpus_files)[:200:20]]
    return QUERIES + words + [S2T.convert(w) for w in words[:4]]


@pytest.mark.django_db
def test_bulk_scores_equal_whoosh_scores(two_segment_archive):
    searcher = shared_searcher()
    assert len(searcher.subsearchers or []) >= 2  # the statistics must be global, not per segment
    checked = 0
    for q in two_segment_archive:
        parsed = parse_query(q)
        allowed = set(matching_docnums(searcher, parsed))
        if not allowed:
            continue  # (Whoosh reads an empty allow set as "no filter"; the engine never asks)
        query = _relaxed(build_query(parsed))
        ours = bm25f_scores(searcher, query, allowed)
        theirs = _whoosh_scores(searcher, query, allowed)
        assert ours is not None, q
        assert ours.keys() == theirs.keys() == allowed, q
        for docnum, score in theirs.items():
            assert ours[docnum] == pytest.approx(score, rel=1e-9), (q, docnum)
        checked += 1
    assert checked >= 10


@pytest.mark.django_db
def test_pages_are_ranked_as_whoosh_ranks_them(two_segment_archive, monkeypatch):
    def pages(q: str) -> list[tuple[int, float | None]]:
        first = run_search(parse_params({"q": q}))
        shown = []
        for page in range(1, min(first.pages, 3) + 1):
            outcome = run_search(parse_params({"q": q, "page": str(page)}))
            shown += [(hit.speech_id, hit.score) for hit in outcome.hits]
        return shown

    ours = {q: pages(q) for q in two_segment_archive}
    monkeypatch.setattr(engine, "bm25f_scores", lambda *args: None)  # Whoosh's collector
    theirs = {q: pages(q) for q in two_segment_archive}
    assert ours == theirs
    assert sum(len(shown) for shown in ours.values()) > 200
    assert any(
        len({score for _, score in shown}) > 3 for shown in ours.values()
    )  # real scores, not ties everywhere


@pytest.mark.django_db
def test_kept_posting_lists_change_nothing_and_never_outlive_a_deletion(
    two_segment_archive, settings
):
    def outcomes() -> list:
        return [
            (o.count, [(h.speech_id, h.score) for h in o.hits], o.facets)
            for o in (run_search(parse_params({"q": q})) for q in two_segment_archive)
        ]

    settings.SEARCH_TERM_CACHE = 0
    fresh = outcomes()
    settings.SEARCH_TERM_CACHE = 64
    assert outcomes() == fresh  # lists kept by the first pass
    assert outcomes() == fresh  # and read back from the cache

    first = run_search(parse_params({"q": "发展"}))
    gone = first.hits[0].speech_id
    Speech.objects.filter(pk=gone).delete()
    schedule_removal([gone])
    after = run_search(parse_params({"q": "发展"}))
    assert after.count == first.count - 1
    assert gone not in {h.speech_id for h in after.hits}


@pytest.mark.django_db
def test_with_nothing_kept_a_search_still_reads_each_list_once(
    two_segment_archive, settings, monkeypatch
):
    from search.backends.whoosh import postings

    reads: list[tuple] = []
    real = postings._read_term

    def counting(reader, fieldname, text, *, values):
        reads.append((id(reader), fieldname, text))
        return real(reader, fieldname, text, values=values)

    monkeypatch.setattr(postings, "_read_term", counting)
    settings.SEARCH_TERM_CACHE = 0
    run_search(parse_params({"q": "发展"}))
    first = list(reads)
    assert first and len(first) == len(set(first))  # matching and ranking share each list
    reads.clear()
    run_search(parse_params({"q": "发展"}))
    assert sorted(reads) == sorted(first)  # and nothing survives into the next search
