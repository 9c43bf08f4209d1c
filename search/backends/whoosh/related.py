"""More like this: published speeches on the same subject as a speech, each with the words
that say why.

Subject words are the speech's stored keywords and its most distinctive words in the index
(Whoosh's key terms, weighted by the archive's own document frequencies), without the words
every 公文 uses (archive/ingest/generic.py: 全县, 作为, 干部, 文件…) and without words most
of the archive's speeches contain. The best text matches on those words are then rescored:
the same theme and a meeting on the same subject weigh in, and a speech sharing fewer than
MIN_SHARED subject words is not offered unless theme or meeting ties it to this one."""

from __future__ import annotations

from whoosh import query as wq

from archive.models import Speech
from search.backends.whoosh.engine import columns, shared_searcher
from search.backends.whoosh.postings import live_docnums, matching_set
from search.backends.whoosh.scoring import best_first, bm25f_scores
from search.backends.whoosh.writing import identifier
from search.language.normalize import fold
from search.language.subjects import (
    CANDIDATES,
    EXPLAIN_TERMS,
    KEY_TERMS,
    is_common,
    is_subject,
    rescore,
)
from search.unavailable import reading_index


def related_speeches(speech: Speech, limit: int = 5) -> list[tuple[Speech, list[str]]]:
    """Up to ``limit`` related published speeches, each with the shared words that explain why
    (most distinctive first). The speech itself is never included. Raises one of
    ``INDEX_UNAVAILABLE`` when the index cannot be read."""
    with reading_index():
        return _related(speech, limit)


def _subject_terms(
    searcher, speech: Speech, docnum: int
) -> tuple[list[tuple[str, float]], list[str]]:
    """What the speech is about, strongest first: (folded word, weight) to search for, and
    the words that may explain a match (its stored keywords, also those the analyzer splits
    differently, then the index's key terms). Generic and archive-wide common words are left
    out of both."""
    weighted = searcher.key_terms([docnum], "text", numterms=KEY_TERMS * 3)
    top = max((weight for _term, weight in weighted), default=1.0) or 1.0
    speeches = searcher.doc_count()
    query: dict[str, float] = {}
    explain: list[str] = []
    for term, weight in [*((fold(k), top) for k in speech.keywords), *weighted]:
        if term in explain or not is_subject(term):
            continue
        found_in = searcher.doc_frequency("text", term)
        if is_common(found_in, speeches):
            continue
        explain.append(term)
        if found_in and len(query) < KEY_TERMS:
            query[term] = weight
        if len(explain) == EXPLAIN_TERMS:
            break
    return list(query.items()), explain


def _candidates(searcher, speech: Speech, q: wq.Query, own_docnum: int) -> list[tuple[int, float]]:
    """(document number, text score) of the best text matches and of the best matches of the
    same theme. Scored from whole posting lists (search.scoring): Whoosh's matchers took
    ~0.5 s per reading page at 10,000 speeches; Whoosh's search is the fallback."""
    allowed = set(live_docnums(searcher))
    allowed.discard(own_docnum)
    scores = bm25f_scores(searcher, q, allowed)
    if scores is None:
        results = searcher.search(q, limit=CANDIDATES, terms=False, filter=allowed or None)
        return [(hit.docnum, hit.score) for hit in results]
    found = best_first(scores, CANDIDATES)
    if speech.theme_id:
        same = matching_set(searcher, wq.Term("theme", speech.theme.slug))
        seen = {docnum for docnum, _score in found}
        in_theme = {d: score for d, score in scores.items() if d in same and d not in seen}
        found += best_first(in_theme, CANDIDATES)
    return found


def _related(speech: Speech, limit: int) -> list[tuple[Speech, list[str]]]:
    searcher = shared_searcher()
    docnum = searcher.document_number(id=identifier(speech.pk))
    if docnum is None:
        return []
    weighted, terms = _subject_terms(searcher, speech, docnum)
    if not weighted:
        return []
    top = max(weight for _term, weight in weighted) or 1.0
    q = wq.Or([wq.Term("text", term, boost=weight / top) for term, weight in weighted])
    found = _candidates(searcher, speech, q, docnum)
    if not found:
        return []
    ids = columns(searcher).speech_id
    text_scores = {int(ids[d]): score for d, score in found}
    candidates = (
        Speech.objects.published()
        .select_related("theme")
        .defer("raw_text", "removed_lines")
        .in_bulk(text_scores)
    )
    return rescore(speech, terms, text_scores, candidates, limit)
