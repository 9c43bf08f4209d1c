"""Relevance scores of documents already known to match, computed from whole posting lists.

Whoosh scores a query by stepping a tree of matcher objects one document at a time, so a query
that matches most of a large archive spends most of its time in ranking alone
(docs/performance.md). The documents are known in advance (``postings.py`` found them), so here
each term's BM25F scores are computed for its whole posting list at once, with Whoosh's own
formula and statistics (its idf and average field length from the top searcher, the weights
stored in the postings, the field lengths from the length columns), and combined the way
Whoosh's matchers combine them: ``And`` and ``Or`` add the scores of the parts that match,
``AndMaybe`` adds its optional part where it matches, a boost multiplies. The result equals
Whoosh's scores up to the order of floating-point additions.

Only the shapes the ranking query is built from (``queries.py``: ``build_query`` relaxed by
``relaxed``) are handled; anything else returns ``None`` and the caller asks Whoosh. Relies on
Whoosh 2.7.4's on-disk postings and length columns, like ``postings.py`` (names in
``private.py``).
"""

from __future__ import annotations

import heapq
from operator import neg

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from search.backends.whoosh.postings import term_postings


def best_first(scores: dict[int, float], count: int) -> list[tuple[int, float]]:
    """The ``count`` highest scores as (docnum, score), ties to the lower document number:
    Whoosh's top-N order. (-score, docnum) pairs compare in C."""
    pairs = zip(map(neg, scores.values()), scores.keys(), strict=True)
    return [(docnum, -negated) for negated, docnum in heapq.nsmallest(count, pairs)]


class _Unsupported(Exception):
    """A query shape or field this module does not score; Whoosh does it instead."""


def bm25f_scores(searcher, query: wq.Query, allowed: set[int]) -> dict[int, float] | None:
    """Score of each document of ``allowed`` (global document numbers) that ``query``
    matches, as Whoosh's BM25F would score it; ``None`` if the query has a shape not handled
    here."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        return None
    try:
        return _scores(searcher, weighting, query, allowed)
    except _Unsupported:
        return None


def _scores(searcher, weighting: BM25F, query: wq.Query, allowed: set[int]) -> dict[int, float]:
    if type(query) is wq.Term:
        result = _term_scores(searcher, weighting, query.fieldname, query.text, allowed)
    elif type(query) in (wq.And, wq.Or):
        subs = query.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            # Whoosh hands a one-part compound straight to its part, boost and all ignored.
            return _scores(searcher, weighting, subs[0], allowed)
        parts = [_scores(searcher, weighting, sub, allowed) for sub in subs]
        result = _intersect(parts) if isinstance(query, wq.And) else _union(parts)
    elif type(query) is wq.AndMaybe and query.boost == 1.0:
        required = _scores(searcher, weighting, query.a, allowed)
        optional = _scores(searcher, weighting, query.b, required.keys())
        result = {
            docnum: score + optional[docnum] if docnum in optional else score
            for docnum, score in required.items()
        }
        return result
    else:
        raise _Unsupported(type(query).__name__)
    boost = query.boost
    if boost != 1.0:
        result = {docnum: score * boost for docnum, score in result.items()}
    return result


def _intersect(parts: list[dict[int, float]]) -> dict[int, float]:
    common = set(min(parts, key=len))
    for part in parts:
        common &= part.keys()
    if len(parts) == 2:  # the usual case (a 4-character phrase): no generator per document
        first, second = parts
        return {docnum: first[docnum] + second[docnum] for docnum in common}
    return {docnum: sum(part[docnum] for part in parts) for docnum in common}


def _union(parts: list[dict[int, float]]) -> dict[int, float]:
    result: dict[int, float] = {}
    for part in parts:
        for docnum, score in part.items():
            result[docnum] = result[docnum] + score if docnum in result else score
    return result


def _term_scores(
    searcher, weighting: BM25F, fieldname: str, text: str, allowed
) -> dict[int, float]:
    if fieldname not in searcher.schema:
        return {}
    if not searcher.schema[fieldname].scorable:
        raise _Unsupported(f"{fieldname} has no field lengths")
    k1 = weighting.K1
    b = weighting._field_B.get(fieldname, weighting.B)
    # Global statistics from the top searcher, as BM25FScorer takes them from its parent.
    idf = searcher.idf(fieldname, text)
    avgfl = searcher.avg_field_length(fieldname) or 1
    k1_plus_1 = k1 + 1
    result: dict[int, float] = {}
    for subsearcher, offset in searcher.subsearchers or [(searcher, 0)]:
        reader = subsearcher.reader()
        postings = term_postings(reader, fieldname, text)
        if not postings.ids:
            continue  # deleted documents are never in ``allowed``
        norms = _length_norms(reader, fieldname, k1, b, avgfl)
        # whoosh.scoring.bm25, term for term (the norm is its denominator's tail).
        result.update(
            {
                key: idf * ((tf * k1_plus_1) / (tf + norms[docnum]))
                for docnum, tf in zip(postings.ids, postings.weights, strict=True)
                if (key := docnum + offset) in allowed
            }
        )
    return result


def _length_norms(reader, fieldname: str, k1: float, b: float, avgfl: float) -> list[float]:
    """Per document of one segment: ``K1 * ((1 - B) + B * fl / avgfl)``, BM25's length part,
    with ``fl`` read from the length column as Whoosh's ``doc_field_length`` reads it. Kept on
    the segment reader, which lives as long as the searcher's view of the segment."""
    cache = reader.__dict__.setdefault("_archive_length_norms", {})
    key = (fieldname, k1, b, avgfl)
    norms = cache.get(key)
    if norms is None:
        per_doc = reader._perdoc
        column = per_doc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        lengths = (
            [byte_to_length(lbyte) for lbyte in column.load()]
            if column is not None
            else [1] * reader.doc_count_all()
        )
        norms = [k1 * ((1 - b) + b * length / avgfl) for length in lengths]
        cache[key] = norms
    return norms
