"""More like this: published speeches that share the most distinctive words with a speech."""

from __future__ import annotations

from whoosh import query as wq

from archive.models import Speech
from search.backends.whoosh.engine import columns, shared_searcher
from search.backends.whoosh.postings import live_docnums
from search.backends.whoosh.scoring import best_first, bm25f_scores
from search.backends.whoosh.writing import identifier
from search.language.normalize import fold
from search.unavailable import reading_index

KEY_TERMS = 24
SHOWN_KEYWORDS = 5
# Words every speech uses; sharing them says nothing about the subject.
GENERIC_WORDS = frozenset(
    {
        "会议",
        "讲话",
        "发言",
        "同志",
        "同志们",
        "我们",
        "大家",
        "工作",
        "今天",
        "一是",
        "二是",
        "三是",
        "进一步",
        "加强",
        "全面",
        "推进",
        "落实",
        "重要",
        "坚持",
        "认真",
        "切实",
        "要求",
        "问题",
        "部门",
        "全县",
        "全区",
        "县委",
        "区委",
        "政府",
        "一年",
        "今年",
        "去年",
    }
)


def _best(searcher, q: wq.Query, own_docnum: int, count: int) -> list[int]:
    """Document numbers of the ``count`` best matches of ``q`` other than the speech itself.
    Scored from whole posting lists (search.scoring): Whoosh's matchers took ~0.5 s per
    reading page at 10,000 speeches, stepping ~140,000 postings of 24 common words."""
    allowed = set(live_docnums(searcher))
    allowed.discard(own_docnum)
    scores = bm25f_scores(searcher, q, allowed)
    if scores is None:
        results = searcher.search(q, limit=count, terms=False, filter=allowed or None)
        return [hit.docnum for hit in results]
    return [docnum for docnum, _score in best_first(scores, count)]


def related_speeches(speech: Speech, limit: int = 5) -> list[tuple[Speech, list[str]]]:
    """Up to ``limit`` related published speeches, each with the shared words that explain why
    (most distinctive first). The speech itself is never included. Raises one of
    ``INDEX_UNAVAILABLE`` when the index cannot be read."""
    with reading_index():
        return _related(speech, limit)


def _related(speech: Speech, limit: int) -> list[tuple[Speech, list[str]]]:
    searcher = shared_searcher()
    docnum = searcher.document_number(id=identifier(speech.pk))
    if docnum is None:
        return []
    weighted = [
        (term, weight)
        for term, weight in searcher.key_terms([docnum], "text", numterms=KEY_TERMS * 2)
        # Numbers (400, 2023) are not what two speeches are about.
        if len(term) > 1 and term not in GENERIC_WORDS and not term.isdigit()
    ][:KEY_TERMS]
    if not weighted:
        return []
    top = max(weight for _term, weight in weighted) or 1.0
    q = wq.Or([wq.Term("text", term, boost=weight / top) for term, weight in weighted])
    ids = columns(searcher).speech_id
    ranked = [int(ids[found]) for found in _best(searcher, q, docnum, limit + 1)]
    key_terms = [term for term, _weight in weighted]
    candidates = Speech.objects.published().select_related("theme").in_bulk(ranked)
    related = []
    for pk in ranked:
        other = candidates.get(pk)
        if other is None or pk == speech.pk:
            continue
        text = fold(f"{other.title}\n{other.body}")
        shared = [term for term in key_terms if term in text]
        # 农田水利 explains more than 农田 inside it: drop words contained in a shown one.
        shared = [t for t in shared if not any(t != o and t in o for o in shared)]
        shared = shared[:SHOWN_KEYWORDS]
        related.append((other, shared))
        if len(related) >= limit:
            break
    return related
