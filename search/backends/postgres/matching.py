"""The reader's terms compiled into SQL over ``SearchDocument`` (alias ``d``): one condition
that selects exactly the matching speeches, and scored rows whose sum per speech ranks them.

A term matches where its folded text occurs contiguously (``lexemes.term_query``) in one chunk
of the speech's title and body, or, for ``title:`` terms, in its title. Ranking: jieba words
weighted by where they stand (title A, headings B, body D: ``ts_rank``'s formula, stored per
word and speech, ranking.py), plus a bonus for each term found whole in the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.backends.postgres.lexemes import any_of, clean, term_query
from search.language.query import ParsedQuery, Term
from search.language.words import STOP_WORDS, jieba_words

CHUNKS = "speech_search_searchchunk"
DOCUMENTS = "speech_search_searchdocument"
RANK_TERMS = "speech_search_searchrankterm"
TITLE_TERM_BONUS = 0.5


@dataclass
class Sql:
    text: str
    params: list


def _terms_condition(terms: list[Term], *, excluded: bool = False, table: str = "d") -> Sql:
    """Any of ``terms`` present (body terms in a chunk, title terms in the title) in the
    speech of ``table``'s row: a document ``d``, or a chunk ``c`` (which has no title)."""
    parts, params = [], []
    body = [term_query(t.folded) for t in terms if not t.title_only]
    title = [term_query(t.folded) for t in terms if t.title_only]
    if body:
        chunks = f"SELECT k.speech_id FROM {CHUNKS} k WHERE k.grams @@ %s::tsquery"
        # Wanted terms on documents: the speeches' ids as one array, so the documents are read
        # in one bitmap scan of their primary key (a semi-join read them one lookup per
        # speech: ~2.4 µs each, 24 ms for a common word at 10,000). Otherwise a hashed IN
        # (testing each row against an array would be linear in its length).
        if table == "d" and not excluded:
            parts.append(f"d.speech_id = ANY(ARRAY({chunks}))")
        else:
            parts.append(f"{table}.speech_id IN ({chunks})")
        params.append(any_of(body) if len(body) > 1 else body[0])
    if title:
        if table == "d":
            parts.append("d.title_grams @@ %s::tsquery")
        else:
            parts.append(
                f"{table}.speech_id IN (SELECT t.speech_id FROM {DOCUMENTS} t "
                "WHERE t.title_grams @@ %s::tsquery)"
            )
        params.append(any_of(title) if len(title) > 1 else title[0])
    return Sql("(" + " OR ".join(parts) + ")", params)


def match_condition(parsed: ParsedQuery) -> Sql:
    """The exact result set: every group matched, no excluded term present."""
    parts, params = [], []
    for group in parsed.groups:
        found = _terms_condition(group)
        parts.append(found.text)
        params += found.params
    if parsed.excluded:
        found = _terms_condition(parsed.excluded, excluded=True)
        parts.append(f"NOT {found.text}")
        params += found.params
    return Sql(" AND ".join(parts) or "TRUE", params)


def chunk_match(parsed: ParsedQuery) -> Sql | None:
    """The condition on a chunk ``c`` that selects exactly the chunks of the matching
    speeches that hold a term of the query's first group of body terms (no ``title:`` term in
    it): the chunks carry their documents' filter columns, so the matching set comes from
    them alone (engine.py). The other groups and the excluded terms are tested on the chunk's
    speech. None when every group has a title term: the documents are matched instead."""
    driving = next(
        (
            n
            for n, group in enumerate(parsed.groups)
            if group and not any(t.title_only for t in group)
        ),
        None,
    )
    if driving is None:
        return None
    queries = [term_query(term.folded) for term in parsed.groups[driving]]
    parts = ["c.grams @@ %s::tsquery"]
    params = [any_of(queries) if len(queries) > 1 else queries[0]]
    for n, group in enumerate(parsed.groups):
        if n != driving:
            found = _terms_condition(group, table="c")
            parts.append(found.text)
            params += found.params
    if parsed.excluded:
        found = _terms_condition(parsed.excluded, excluded=True, table="c")
        parts.append(f"NOT {found.text}")
        params += found.params
    return Sql(" AND ".join(parts), params)


def ranking(parsed: ParsedQuery) -> Sql:
    """Rows ``(speech_id, part)`` whose ``part`` summed per speech is its relevance: the
    stored scores of the query's jieba words divided by their number (ranking.py: their mean
    is what ``ts_rank`` over the speech's ranking words gives), plus TITLE_TERM_BONUS per term
    found whole in the title. Index lookups of the words and of the title matches only: no
    vector is read per matching speech. Rows of speeches outside the matching set are dropped
    by the caller (engine.py), which adds the set's own rows with a part of 0."""
    words: list[str] = []
    titles: list[str] = []
    for term in parsed.positive_terms:
        words += [w for w in jieba_words(term.folded) if w not in STOP_WORDS] or [term.folded]
        titles.append(term_query(term.folded))
    words = list(dict.fromkeys(clean(word) for word in words))
    selects = [
        f"SELECT r.speech_id, r.score / {len(words)} FROM {RANK_TERMS} r WHERE r.word = ANY(%s)"
    ]
    selects += [
        f"SELECT t.speech_id, {TITLE_TERM_BONUS}::float8 FROM {DOCUMENTS} t "
        "WHERE t.title_grams @@ %s::tsquery"
    ] * len(titles)
    return Sql(" UNION ALL ".join(selects), [words, *titles])
