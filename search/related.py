"""More like this: published speeches that share the most distinctive words with a speech."""

from __future__ import annotations

from archive.models import Speech
from search.engine import id_column, open_index
from search.indexing import identifier
from search.normalize import fold

KEY_TERMS = 24
SHOWN_KEYWORDS = 5


def related_speeches(speech: Speech, limit: int = 5) -> list[tuple[Speech, list[str]]]:
    """Up to ``limit`` related published speeches, each with the shared words that explain why
    (most distinctive first). The speech itself is never included."""
    ix = open_index()
    with ix.searcher() as searcher:
        docnum = searcher.document_number(id=identifier(speech.pk))
        if docnum is None:
            return []
        key_terms = [
            term
            for term, _weight in searcher.key_terms([docnum], "text", numterms=KEY_TERMS)
            if len(term) > 1
        ]
        if not key_terms:
            return []
        results = searcher.more_like(docnum, "text", top=limit * 2, numterms=KEY_TERMS)
        ids = id_column(searcher)
        ranked = [int(ids[hit.docnum]) for hit in results]
    candidates = Speech.objects.published().select_related("theme").in_bulk(ranked)
    related = []
    for pk in ranked:
        other = candidates.get(pk)
        if other is None or pk == speech.pk:
            continue
        text = fold(f"{other.title}\n{other.body}")
        shared = [term for term in key_terms if term in text][:SHOWN_KEYWORDS]
        related.append((other, shared))
        if len(related) >= limit:
            break
    return related
