"""The set of documents a match query selects, computed with whole posting lists.

Whoosh answers "which documents match" by stepping matcher objects one posting at a time in
Python, checking an exact phrase's positions per document: a query that matches most of a
large archive then costs more than the whole page should (docs/performance.md). The match
queries built in ``queries.py`` have only a few
shapes (a gram term, a ``Contiguous`` phrase of grams, And / Or / AndNot of those, Every), so
here each posting list is read block by block into Python lists, sets are combined with the
built-in set operations, and phrase positions are decoded with ``pickle`` + ``accumulate``.
Any other query shape falls back to Whoosh's own ``docs_for_query``.

Relies on Whoosh 2.7.4's on-disk postings reader (``W3LeafMatcher``'s block decoding) and
on a segment's deletion set: the names are listed in ``private.py``.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate
from pickle import loads

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from search.backends.whoosh.contiguous import Contiguous

_INT_SIZE = 4  # Whoosh's Positions values: pack_uint(count) + pickled position deltas


def matching_set(searcher, query: wq.Query) -> set[int]:
    """Global document numbers of the live documents ``query`` matches."""
    if isinstance(query, wq.Every):
        return set(live_docnums(searcher))
    if isinstance(query, wq.Term) and not isinstance(query, wq.Phrase):
        return _per_segment(searcher, lambda reader: _term_ids(reader, query.fieldname, query.text))
    if isinstance(query, Contiguous):
        return _per_segment(searcher, lambda reader: _kept_contiguous_ids(reader, query))
    if isinstance(query, wq.And):
        parts = sorted((matching_set(searcher, sub) for sub in query.subqueries), key=len)
        result = parts[0] if parts else set()
        for part in parts[1:]:
            result &= part
        return result
    if isinstance(query, wq.Or):
        result: set[int] = set()
        for sub in query.subqueries:
            result |= matching_set(searcher, sub)
        return result
    if isinstance(query, wq.AndNot):
        return matching_set(searcher, query.a) - matching_set(searcher, query.b)
    return set(searcher.docs_for_query(query))


def live_docnums(searcher) -> list[int]:
    """Global numbers of every live document, in order; kept on the searcher (a searcher sees
    one fixed state of the index). Whoosh's ``all_doc_ids`` asks ``is_deleted`` once per
    document in Python, which a filter-only browse of a large archive feels."""
    cached = getattr(searcher, "_archive_live_docnums", None)
    if cached is None:
        cached = []
        for subsearcher, offset in searcher.subsearchers or [(searcher, 0)]:
            reader = subsearcher.reader()
            size = reader.doc_count_all()
            if not reader.has_deletions():
                cached.extend(range(offset, offset + size))
            else:  # a segment reader: its deletion set, read once
                deleted = set(reader._perdoc.deleted_docs())
                cached.extend(d + offset for d in range(size) if d not in deleted)
        searcher._archive_live_docnums = cached
    return cached


def _per_segment(searcher, ids_of) -> set[int]:
    result: set[int] = set()
    for subsearcher, offset in searcher.subsearchers or [(searcher, 0)]:
        ids = ids_of(subsearcher.reader())
        result.update(ids if offset == 0 else (docnum + offset for docnum in ids))
    return result


def leaf_postings(reader, fieldname: str, text: str):
    """A fresh on-disk postings reader for the term and the segment's deleted documents."""
    field = reader.schema[fieldname]
    if (fieldname, field.to_bytes(text)) not in reader:
        return None, frozenset()
    matcher = reader.postings(fieldname, text)
    deleted = frozenset()
    if isinstance(matcher, FilterMatcher):
        deleted = frozenset(matcher._ids)
        matcher = matcher.child
        matcher.reset()  # the filter may have stepped it past deleted documents
    if not isinstance(matcher, W3LeafMatcher):
        raise TypeError(f"unexpected postings reader {type(matcher).__name__}")
    return matcher, deleted


# Posting lists (document numbers and weights) and phrase matches kept per worker process,
# most recent last, shared by its threads. A segment never changes (only its deletions grow,
# and the live count is in the key), and common grams (党, 工作) recur: matching reads a term,
# ranking reads it again, the next search reads it once more. settings.SEARCH_TERM_CACHE
# entries (0: kept for the length of one search only, see forget_terms).
DEFAULT_TERM_CACHE_SIZE = 512
_kept: OrderedDict = OrderedDict()
_kept_lock = threading.Lock()


def _cache_size() -> int:
    from django.conf import settings

    return getattr(settings, "SEARCH_TERM_CACHE", DEFAULT_TERM_CACHE_SIZE)


def forget_terms() -> None:
    """Drop every kept posting list and phrase match of this process."""
    with _kept_lock:
        _kept.clear()


def _key(reader, *what) -> tuple | None:
    """Where ``what`` of this segment is kept: the segment's id (random per segment, so a
    rebuilt or another index never shares one) and its live document count (deletions only
    ever grow). None for a reader with no segment (an empty index): nothing is kept."""
    segment = reader.segment()
    if segment is None:
        return None
    return (segment.segment_id(), reader.doc_count(), *what)


def _recall(key: tuple | None):
    if key is None:
        return None
    with _kept_lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
        return found


def _remember(key: tuple | None, value) -> None:
    if key is None:
        return
    size = _cache_size()
    with _kept_lock:
        _kept[key] = value
        # size <= 0: nothing is evicted during a search; forget_terms() empties the cache
        # before the next one, so a search still reads each list once.
        while 0 < size < len(_kept):
            _kept.popitem(last=False)


@dataclass(frozen=True)
class TermPostings:
    ids: array  # segment document numbers, ascending (deleted ones included)
    weights: array  # float32, as Whoosh stores them
    deleted: frozenset  # the segment's deleted documents among ``ids``


_NO_POSTINGS = TermPostings(array("i"), array("f"), frozenset())


def term_postings(reader, fieldname: str, text: str) -> TermPostings:
    """The whole posting list of one term in one segment, kept for the next search."""
    key = _key(reader, "term", fieldname, text)
    found = _recall(key)
    if found is None:
        found, _ = _read_term(reader, fieldname, text, values=False)
        _remember(key, found)
    return found


def _read_term(reader, fieldname: str, text: str, *, values: bool):
    """(TermPostings, the values of each id or None) read block by block."""
    matcher, deleted = leaf_postings(reader, fieldname, text)
    if matcher is None:
        return _NO_POSTINGS, ([] if values else None)
    ids, weights = array("i"), array("f")
    all_values: list | None = [] if values else None
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw_ids = matcher._data[0]
        # Document numbers are stored as deltas; Whoosh sums them in a Python generator.
        ids.extend(raw_ids if matcher._byteids else accumulate(raw_ids))
        if matcher._weights is None:
            matcher._read_weights()  # float32 array, or one weight repeated
        weights.extend(matcher._weights)
        if all_values is not None:
            if matcher._values is None:
                matcher._read_values()
            all_values.extend(matcher._values)
        matcher._next_block()
    return TermPostings(ids, weights, deleted), all_values


def _term_ids(reader, fieldname: str, text: str) -> set[int]:
    postings = term_postings(reader, fieldname, text)
    ids = set(postings.ids)
    return ids - postings.deleted if postings.deleted else ids


def _term_values(reader, fieldname: str, text: str) -> dict[int, bytes]:
    postings, values = _read_term(reader, fieldname, text, values=True)
    key = _key(reader, "term", fieldname, text)
    if _recall(key) is None:
        _remember(key, postings)  # ranking will read its weights
    found = dict(zip(postings.ids, values, strict=True))
    for docnum in postings.deleted:
        found.pop(docnum, None)
    return found


def _positions(value: bytes, offset: int):
    """Positions of one posting, each minus ``offset`` (where a phrase would start), lazily."""
    raw = value[_INT_SIZE:]
    deltas = loads(raw if raw.endswith(b".") else raw + b".")
    if not deltas:
        return iter(())
    return accumulate(deltas[1:], initial=deltas[0] - offset)


def _kept_contiguous_ids(reader, query: Contiguous) -> set[int]:
    """The segment's documents holding the phrase, kept beside the posting lists: checking
    positions is the dearest part of a search (a common 4-character phrase decodes a position
    list per pair per speech), and the same phrase recurs with other filters and pages."""
    key = _key(reader, "phrase", query.fieldname, tuple(query.words), query.offsets)
    found = _recall(key)
    if found is None:
        found = array("i", sorted(_contiguous_ids(reader, query)))
        _remember(key, found)
    return set(found)


def _contiguous_ids(reader, query: Contiguous) -> set[int]:
    postings = []
    for word in query.words:
        values = _term_values(reader, query.fieldname, word)
        if not values:
            return set()
        postings.append(values)
    candidates = set(postings[0])
    for values in postings[1:]:
        candidates &= values.keys()
    pairs = list(zip(postings, query.offsets, strict=True))
    (first, first_offset), middle, (last, last_offset) = pairs[0], pairs[1:-1], pairs[-1]
    found = set()
    for docnum in candidates:
        starts = set(_positions(first[docnum], first_offset))
        for values, offset in middle:
            starts.intersection_update(_positions(values[docnum], offset))
            if not starts:
                break
        # The last gram only has to meet one start: isdisjoint stops at the first.
        if starts and not starts.isdisjoint(_positions(last[docnum], last_offset)):
            found.add(docnum)
    return found


def gram_counts(reader, fieldname: str, gram: str) -> dict[int, int]:
    """Segment document number → occurrences of one gram (its posting weight), live only."""
    postings = term_postings(reader, fieldname, gram)
    deleted = postings.deleted
    return {
        docnum: round(weight)
        for docnum, weight in zip(postings.ids, postings.weights, strict=True)
        if docnum not in deleted
    }


def contiguous_counts(reader, query: Contiguous) -> dict[int, int]:
    """Segment document number → occurrences of the phrase (every start where all its grams
    line up, as ``_contiguous_ids`` tests without stopping at the first), kept like it."""
    key = _key(reader, "phrase-counts", query.fieldname, tuple(query.words), query.offsets)
    found = _recall(key)
    if found is not None:
        return found
    postings = []
    for word in query.words:
        values = _term_values(reader, query.fieldname, word)
        if not values:
            return {}
        postings.append(values)
    candidates = set(postings[0])
    for values in postings[1:]:
        candidates &= values.keys()
    found = {}
    for docnum in candidates:
        starts = set(_positions(postings[0][docnum], query.offsets[0]))
        for values, offset in zip(postings[1:], query.offsets[1:], strict=True):
            starts.intersection_update(_positions(values[docnum], offset))
            if not starts:
                break
        if starts:
            found[docnum] = len(starts)
    _remember(key, found)
    return found
