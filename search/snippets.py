"""Snippets and marked titles: hits found on the folded copy, marked in the original script.

Everything is escaped piece by piece; only our own ``<mark>`` tags are added.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.normalize import fold_with_offsets

SNIPPET_CHARS = 110
MAX_SNIPPETS = 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def find_spans(text: str, folded_terms: list[str]) -> list[Span]:
    """Every occurrence of every term in ``text``, as merged spans of the original text."""
    folded, offsets = fold_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in {t for t in folded_terms if t}:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((offsets[start], offsets[end - 1] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1].end:
            if end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, end)
        else:
            merged.append(Span(start, end))
    return merged


def mark(text: str, spans: list[Span], *, start: int = 0, end: int | None = None) -> SafeString:
    """``text[start:end]`` escaped, with the spans inside it wrapped in ``<mark>``."""
    end = len(text) if end is None else end
    parts: list[str] = []
    cursor = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        s, e = max(span.start, start), min(span.end, end)
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    return mark_safe("".join(parts))  # every piece of text above went through escape()


def marked_title(title: str, folded_terms: list[str]) -> SafeString:
    return mark(title, find_spans(title, folded_terms))


def _window(body: str, span: Span, not_before: int = 0) -> tuple[int, int]:
    """A window of about SNIPPET_CHARS around ``span``, kept within its paragraph and after
    ``not_before`` (the end of the previous snippet)."""
    para_start = max(body.rfind("\n", 0, span.start) + 1, not_before)
    para_end = body.find("\n", span.end)
    para_end = len(body) if para_end == -1 else para_end
    room = max(SNIPPET_CHARS - (span.end - span.start), 0)
    start = max(para_start, span.start - room // 3)
    end = min(para_end, max(span.end, start + SNIPPET_CHARS))
    start = max(para_start, min(start, end - SNIPPET_CHARS))
    return start, end


def snippets(body: str, folded_terms: list[str]) -> tuple[list[SafeString], int | None]:
    """Up to MAX_SNIPPETS marked snippets of ``body`` and the offset of the first hit."""
    spans = find_spans(body, folded_terms)
    if not spans:
        lead = body.split("\n", 1)[0]
        text = lead[:SNIPPET_CHARS] + ("…" if len(lead) > SNIPPET_CHARS else "")
        return ([mark_safe(escape(text))] if text else []), None
    chosen: list[tuple[int, int]] = []
    distinct_terms = set()
    for span in spans:
        if len(chosen) >= MAX_SNIPPETS:
            break
        if chosen and span.start < chosen[-1][1]:
            continue
        # Prefer a second snippet showing another term over more of the same.
        hit = body[span.start : span.end]
        if chosen and hit in distinct_terms and _has_other_term(body, spans, distinct_terms):
            continue
        distinct_terms.add(hit)
        chosen.append(_window(body, span, chosen[-1][1] if chosen else 0))
    result = []
    for start, end in chosen:
        prefix = "…" if start > 0 and body[start - 1] != "\n" else ""
        suffix = "…" if end < len(body) and body[end] != "\n" else ""
        result.append(mark_safe(prefix + mark(body, spans, start=start, end=end) + suffix))
    return result, spans[0].start


def _has_other_term(body: str, spans: list[Span], seen: set[str]) -> bool:
    return any(body[s.start : s.end] not in seen for s in spans)


def paragraph_of(body: str, offset: int) -> int:
    """Index of the paragraph (line) of ``body`` that holds ``offset``."""
    starts = [0] + [i + 1 for i, ch in enumerate(body) if ch == "\n"]
    return bisect.bisect_right(starts, offset) - 1


def mark_query(text: str, q: str) -> SafeString:
    """``text`` escaped, with every hit of the search ``q`` marked: for pages that show a
    whole speech (or one paragraph) with the hits of the search that led there."""
    from search.query import parse_query

    return mark(text, find_spans(text, parse_query(q).highlight_terms()))
