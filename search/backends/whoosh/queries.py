"""The reader's terms compiled into Whoosh queries: one query that selects exactly the
matching speeches, and one that ranks them.

A term matches where its folded text occurs contiguously: one gram (1–2 characters) of the
``chars`` field, or a ``Contiguous`` phrase of pairs. Ranking adds jieba words in text, title
and headings (boosted in the schema) and a bonus when the terms stand together.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from search.backends.whoosh.contiguous import Contiguous
from search.language.query import ParsedQuery, Term
from search.language.words import STOP_WORDS, jieba_words


def gram_query(fieldname: str, folded: str) -> wq.Query:
    """Matches documents where ``folded`` occurs contiguously (see CharGramTokenizer)."""
    if len(folded) <= 2:
        return wq.Term(fieldname, folded)
    # Pairs at 0, 2, 4, … (and the last pair) cover every character: "党风廉政" is 党风 with 廉政
    # two positions on, half the postings to intersect of all overlapping pairs.
    offsets = list(range(0, len(folded) - 1, 2))
    if offsets[-1] != len(folded) - 2:
        offsets.append(len(folded) - 2)
    return Contiguous(fieldname, [folded[i : i + 2] for i in offsets], offsets)


def term_match(term: Term) -> wq.Query:
    return gram_query("title_chars" if term.title_only else "chars", term.folded)


def match_query(parsed: ParsedQuery) -> wq.Query:
    """The exact result set: every group matched, no excluded term present."""
    if parsed.is_empty:
        positive: wq.Query = wq.Every()
    else:
        parts = [
            wq.Or([term_match(t) for t in group]) if len(group) > 1 else term_match(group[0])
            for group in parsed.groups
        ]
        positive = wq.And(parts) if len(parts) > 1 else parts[0]
    if parsed.excluded:
        return wq.AndNot(positive, wq.Or([term_match(t) for t in parsed.excluded]))
    return positive


def ranking_query(parsed: ParsedQuery) -> wq.Query | None:
    """Optional scoring: jieba words in text, title and headings (boosted in the schema), plus
    a bonus when the terms stand together as one phrase."""
    clauses: list[wq.Query] = []
    for term in parsed.positive_terms:
        words = [w for w in jieba_words(term.folded) if w not in STOP_WORDS] or [term.folded]
        fields = ("title",) if term.title_only else ("title", "headings")
        for fieldname in fields:
            clauses.extend(wq.Term(fieldname, word) for word in words)
        clauses.append(gram_query("title_chars", term.folded).with_boost(2.0))
    if len(parsed.positive_terms) > 1:
        joined = "".join(t.folded for t in parsed.positive_terms)
        clauses.append(gram_query("chars", joined).with_boost(3.0))
    return wq.Or(clauses) if clauses else None


def build_query(parsed: ParsedQuery) -> wq.Query:
    matching = match_query(parsed)
    ranking = ranking_query(parsed)
    return wq.AndMaybe(matching, ranking) if ranking is not None else matching


def relaxed(query: wq.Query) -> wq.Query:
    """``query`` with each exact phrase of grams replaced by the AND of its grams: the same
    score for the documents it matched (an intersection scores as the sum of its parts),
    without checking positions again. Used only to rank documents already known to match."""
    if isinstance(query, Contiguous):
        terms = [wq.Term(query.fieldname, word) for word in query.words]
        grams: wq.Query = wq.And(terms) if len(terms) > 1 else terms[0]
        return grams.with_boost(query.boost) if query.boost != 1.0 else grams
    if isinstance(query, wq.AndNot):
        return relaxed(query.a)  # the excluded documents are already gone
    if isinstance(query, wq.AndMaybe):
        return wq.AndMaybe(relaxed(query.a), relaxed(query.b))
    if isinstance(query, (wq.And, wq.Or)):
        return query.__class__([relaxed(sub) for sub in query.subqueries], boost=query.boost)
    return query


@dataclass(frozen=True)
class CompiledQuery:
    """What a search runs: ``match`` selects, ``rank`` scores what ``match`` selected."""

    match: wq.Query
    rank: wq.Query


def compile_query(parsed: ParsedQuery) -> CompiledQuery:
    """Both queries of ``parsed``, built once per search."""
    return CompiledQuery(match=match_query(parsed), rank=relaxed(build_query(parsed)))
