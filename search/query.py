"""Parsing what the reader typed, and turning it into Whoosh queries.

Syntax: whitespace-separated terms must all occur (each as a contiguous string after folding);
``"整句"`` is one term even with spaces inside; ``-词`` excludes; ``A OR B`` needs either;
``title:词`` looks in titles only. Everything else is literal text: no input can raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from search.analysis import STOP_WORDS, jieba_words
from search.contiguous import Contiguous
from search.normalize import fold

MAX_QUERY_CHARS = 256
MAX_TERMS = 16
TITLE_PREFIX = "title:"
_TOKEN = re.compile(r'(-?(?:title:)?)"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Term:
    """One literal search string: ``text`` as typed, ``folded`` as matched."""

    text: str
    folded: str
    title_only: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group]

    def highlight_terms(self, *, title: bool = False) -> list[str]:
        """Folded strings to mark in body text (or in titles when ``title``)."""
        return [t.folded for t in self.positive_terms if title or not t.title_only]


def _make_term(raw: str, *, title_only: bool) -> Term | None:
    folded = "".join(fold(raw).split())
    if not folded:
        return None
    return Term(text=raw, folded=folded, title_only=title_only)


def parse_query(text: str | None) -> ParsedQuery:
    """Parse ``text``; never raises."""
    parsed = ParsedQuery()
    if not text:
        return parsed
    text = text[:MAX_QUERY_CHARS]
    pending_or = False
    for match in _TOKEN.finditer(text):
        prefix, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare == "OR" and parsed.groups:
                pending_or = True
                continue
            negate = bare.startswith("-") and len(bare) > 1
            if negate:
                bare = bare[1:]
            title_only = bare.startswith(TITLE_PREFIX) and len(bare) > len(TITLE_PREFIX)
            if title_only:
                bare = bare[len(TITLE_PREFIX) :]
            term = _make_term(bare.replace('"', ""), title_only=title_only) or _make_term(
                bare, title_only=title_only
            )
        else:
            negate = prefix.startswith("-")
            title_only = prefix.endswith(TITLE_PREFIX)
            term = _make_term(quoted, title_only=title_only)
        if term is None:
            pending_or = False
            continue
        if negate:
            parsed.excluded.append(term)
        elif pending_or:
            parsed.groups[-1].append(term)
        elif len(parsed.groups) < MAX_TERMS:
            parsed.groups.append([term])
        pending_or = False
    return parsed


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
