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

from archive.ingest.generic import is_generic
from archive.models import Speech
from search.backends.whoosh.engine import columns, shared_searcher
from search.backends.whoosh.postings import live_docnums, matching_set
from search.backends.whoosh.scoring import best_first, bm25f_scores
from search.backends.whoosh.writing import identifier
from search.language.normalize import fold
from search.language.words import jieba_words
from search.unavailable import reading_index

KEY_TERMS = 24
EXPLAIN_TERMS = 40  # words looked for in a candidate to explain the match
SHOWN_KEYWORDS = 5
# Best text matches rescored with theme and meeting (and as many again of this theme).
CANDIDATES = 20
# Added to the text score (the best match scores 1): a speech of the same theme outranks an
# off-theme one that matches the words up to THEME_WEIGHT better.
THEME_WEIGHT = 0.5
MEETING_WEIGHT = 0.4  # times the share of subject words the two meetings' names have in common
MIN_SHARED = 2
# A word found in more than this share of the archive's speeches is common here, whatever
# its topic (once the archive has COMMON_MIN_SPEECHES speeches to judge by).
COMMON_SHARE = 0.5
COMMON_MIN_SPEECHES = 20


def _is_subject(term: str) -> bool:
    # Numbers (400, 2023) are not what two speeches are about either.
    return len(term) > 1 and not term.isdigit() and not is_generic(term)


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
        if term in explain or not _is_subject(term):
            continue
        found_in = searcher.doc_frequency("text", term)
        if speeches >= COMMON_MIN_SPEECHES and found_in > speeches * COMMON_SHARE:
            continue
        explain.append(term)
        if found_in and len(query) < KEY_TERMS:
            query[term] = weight
        if len(explain) == EXPLAIN_TERMS:
            break
    return list(query.items()), explain


def _meeting_words(meeting: str) -> set[str]:
    return {word for word in jieba_words(meeting) if _is_subject(word)}


def _meeting_likeness(one: str, other: str) -> float:
    """1 for the same meeting, else the share of subject words the two names have in common
    (全县作风建设推进会 and 全区作风建设大会: 作风)."""
    if not one or not other:
        return 0.0
    if fold(one) == fold(other):
        return 1.0
    mine, theirs = _meeting_words(one), _meeting_words(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine | theirs)


def _shared_words(terms: list[str], mine: set[str], other: Speech) -> list[str]:
    """The subject words both speeches use: keywords of both first, then keywords of either,
    then the other distinctive words; a word inside another shared one (农田 in 农田水利) is
    left out."""
    text = fold(f"{other.title}\n{other.body}")
    theirs = {fold(k) for k in other.keywords}
    shared = [term for term in terms if term in text]
    shared.sort(key=lambda term: (term not in mine) + (term not in theirs))  # stable
    return [t for t in shared if not any(t in o and t != o for o in shared)]


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
    best_text = max(text_scores.values()) or 1.0
    candidates = (
        Speech.objects.published()
        .select_related("theme")
        .defer("raw_text", "removed_lines")
        .in_bulk(text_scores)
    )
    mine = {fold(k) for k in speech.keywords}
    scored = []
    for pk, other in candidates.items():
        if pk == speech.pk:
            continue
        shared = _shared_words(terms, mine, other)
        same_theme = bool(speech.theme_id) and other.theme_id == speech.theme_id
        meeting = _meeting_likeness(speech.meeting, other.meeting)
        if len(shared) < MIN_SHARED and not same_theme and not meeting:
            continue
        score = text_scores[pk] / best_text + THEME_WEIGHT * same_theme + MEETING_WEIGHT * meeting
        scored.append((score, -pk, other, shared[:SHOWN_KEYWORDS]))
    scored.sort(key=lambda row: row[:2], reverse=True)
    return [(other, shared) for _score, _pk, other, shared in scored[:limit]]
