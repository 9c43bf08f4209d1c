"""How many times a folded term occurs in each speech, read from the ``chars`` field's
postings (``postings.gram_counts`` / ``contiguous_counts``): the trends page's counts come
from the same match sets as the search, in either script."""

from __future__ import annotations

from search.backends.whoosh.contiguous import Contiguous
from search.backends.whoosh.engine import columns, shared_searcher
from search.backends.whoosh.postings import contiguous_counts, gram_counts
from search.backends.whoosh.queries import gram_query

FIELD = "chars"


def term_occurrences(folded: str) -> dict[int, int]:
    """speech id → occurrences of ``folded`` (already folded, no whitespace) in the speech's
    title and body, for every live speech that holds it at least once."""
    if not folded:
        return {}
    searcher = shared_searcher()
    speech_id = columns(searcher).speech_id
    query = gram_query(FIELD, folded)
    result: dict[int, int] = {}
    for subsearcher, offset in searcher.subsearchers or [(searcher, 0)]:
        reader = subsearcher.reader()
        if reader.doc_count_all() == 0:
            continue
        if isinstance(query, Contiguous):
            counts = contiguous_counts(reader, query)
        else:
            counts = gram_counts(reader, FIELD, query.text)
        for docnum, count in counts.items():
            result[int(speech_id[docnum + offset])] = count
    return result
