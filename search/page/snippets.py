"""Snippets and marked titles: hits found on the folded copy, marked in the original script.

Everything is escaped piece by piece; only our own ``<mark>`` tags are added.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.language.normalize import fold, fold_with_offsets

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


def _spans_by_paragraph(body: str, folded_terms: list[str]) -> Iterator[list[Span]]:
    """The spans of each paragraph that has any, in order, folding one paragraph at a time:
    a result page needs the first hits of 20 speeches, not every hit of every body."""
    start = 0
    while start <= len(body):
        end = body.find("\n", start)
        end = len(body) if end == -1 else end
        found = find_spans(body[start:end], folded_terms)
        if found:
            yield [Span(span.start + start, span.end + start) for span in found]
        start = end + 1


def snippets(body: str, folded_terms: list[str]) -> tuple[list[SafeString], int | None]:
    """Up to MAX_SNIPPETS marked snippets of ``body`` and the offset of the first hit."""
    terms = [term for term in dict.fromkeys(folded_terms) if term]
    if not terms:
        return _lead(body), None
    chosen: list[tuple[int, int, list[Span]]] = []  # window and the spans of its paragraph
    shown: set[str] = set()  # folded hits already in a snippet
    first_hit = None
    last_seen: dict[str, int] = {}  # term → where its last occurrence starts (filled lazily)
    for spans in _spans_by_paragraph(body, terms):
        for span in spans:
            if first_hit is None:
                first_hit = span.start
            if len(chosen) >= MAX_SNIPPETS:
                break
            if chosen and span.start < chosen[-1][1]:
                continue
            # Prefer a second snippet showing another term over more of the same.
            hit = fold(body[span.start : span.end])
            if (
                chosen
                and hit in shown
                and _other_term_after(body, span.end, terms, shown, last_seen)
            ):
                continue
            shown.add(hit)
            chosen.append((*_window(body, span, chosen[-1][1] if chosen else 0), spans))
        if len(chosen) >= MAX_SNIPPETS:
            break
    if first_hit is None:
        return _lead(body), None
    result = []
    for start, end, spans in chosen:
        prefix = "…" if start > 0 and body[start - 1] != "\n" else ""
        suffix = "…" if end < len(body) and body[end] != "\n" else ""
        result.append(mark_safe(prefix + mark(body, spans, start=start, end=end) + suffix))
    return result, first_hit


def _lead(body: str) -> list[SafeString]:
    """The opening of the first paragraph, for a result whose body has no hit."""
    lead = body.split("\n", 1)[0]
    text = lead[:SNIPPET_CHARS] + ("…" if len(lead) > SNIPPET_CHARS else "")
    return [mark_safe(escape(text))] if text else []


def _other_term_after(
    body: str, offset: int, terms: list[str], shown: set[str], last_seen: dict[str, int]
) -> bool:
    """Whether a term not shown yet occurs at or after ``offset`` (asked only for queries of
    several terms, once a snippet is chosen); the whole body is folded at most once."""
    if all(term in shown for term in terms):
        return False
    if not last_seen:
        folded, offsets = fold_with_offsets(body)
        for term in terms:
            at = folded.rfind(term)
            last_seen[term] = offsets[at] if at >= 0 else -1
    return any(term not in shown and last_seen[term] >= offset for term in terms)


def paragraph_of(body: str, offset: int) -> int:
    """Index of the paragraph (line) of ``body`` that holds ``offset``."""
    return body.count("\n", 0, offset)


def mark_query(text: str, q: str) -> SafeString:
    """``text`` escaped, with every hit of the search ``q`` marked: for pages that show a
    whole speech (or one paragraph) with the hits of the search that led there."""
    from search.language.query import parse_query

    return mark(text, find_spans(text, parse_query(q).highlight_terms()))
