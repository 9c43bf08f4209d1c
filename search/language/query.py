"""Parsing what the reader typed into terms (engines compile them into their own queries).

Syntax: whitespace-separated terms must all occur (each as a contiguous string after folding);
``"整句"`` is one term even with spaces inside; ``-词`` excludes; ``A OR B`` needs either;
``title:词`` looks in titles only. Everything else is literal text: no input can raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.language.normalize import fold

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
