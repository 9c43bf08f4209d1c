"""The reader's terms compiled into SQL over ``SearchDocument`` (alias ``d``): one condition
that selects exactly the matching speeches, and one expression that ranks them.

A term matches where its folded text occurs contiguously (``lexemes.term_query``) in one chunk
of the speech's title and body, or, for ``title:`` terms, in its title. Ranking: jieba words
weighted by where they stand (title A, headings B, body D: ``ts_rank`` over the small
``rank_words`` vector), plus a bonus for each
term found whole in the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.backends.postgres.lexemes import any_of, term_query, words_query
from search.language.query import ParsedQuery, Term
from search.language.words import STOP_WORDS, jieba_words

CHUNKS = "speech_search_searchchunk"
# ts_rank's weights for D, C, B, A labels (body, -, headings, title).
RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
TITLE_TERM_BONUS = 0.5


@dataclass
class Sql:
    text: str
    params: list


def _terms_condition(terms: list[Term]) -> Sql:
    """Any of ``terms`` present (body terms in a chunk, title terms in the title)."""
    parts, params = [], []
    body = [term_query(t.folded) for t in terms if not t.title_only]
    title = [term_query(t.folded) for t in terms if t.title_only]
    if body:
        parts.append(
            f"d.speech_id IN (SELECT c.speech_id FROM {CHUNKS} c WHERE c.grams @@ %s::tsquery)"
        )
        params.append(any_of(body) if len(body) > 1 else body[0])
    if title:
        parts.append("d.title_grams @@ %s::tsquery")
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
        found = _terms_condition(parsed.excluded)
        parts.append(f"NOT {found.text}")
        params += found.params
    return Sql(" AND ".join(parts) or "TRUE", params)


def rank_expression(parsed: ParsedQuery) -> Sql:
    """A relevance score for a row ``d`` already known to match."""
    words: list[str] = []
    parts, params = [], []
    for term in parsed.positive_terms:
        words += [w for w in jieba_words(term.folded) if w not in STOP_WORDS] or [term.folded]
        parts.append(f"(CASE WHEN d.title_grams @@ %s::tsquery THEN {TITLE_TERM_BONUS} ELSE 0 END)")
        params.append(term_query(term.folded))
    if words:
        parts.insert(0, f"ts_rank('{RANK_WEIGHTS}', d.rank_words, %s::tsquery)")
        params.insert(0, words_query(words))
    return Sql(" + ".join(parts) or "0", params)
