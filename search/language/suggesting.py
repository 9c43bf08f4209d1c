"""Suggestions when a search finds nothing, whatever engine answers the look-ups.

- One character away: for a term like 群众工做, look for strings in the archive that differ from
  it in exactly one position (群众工作), in a few speeches holding the rest of the term.
- Same pinyin: a term whose characters read the same (toneless) as a string in the archive.
- Pinyin typed in Latin letters (``qunzhong gongzuo``): words of the index whose pinyin is each
  typed syllable group, joined (群众工作).

The engine supplies three look-ups (``Lookups``); the rest is here.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from search.language.query import ParsedQuery

MAX_SUGGESTIONS = 5
CANDIDATE_DOCS = 20  # speeches read for near strings: each costs a read and a fold
_PINYIN = re.compile(r"^[a-z]+$")
_pinyin_cache: dict[str, str] = {}


class Lookups(Protocol):
    def exists(self, term: str) -> bool:
        """Whether the folded ``term`` occurs in any speech."""

    def texts_containing(self, pieces: list[str], limit: int) -> list[str]:
        """Folded texts of up to ``limit`` speeches holding the pieces, the first piece's
        speeches first."""

    def readings(self) -> dict[str, tuple[int, str]]:
        """Toneless pinyin → (speeches, word) of the most common indexed word reading so."""


def pinyin(word: str) -> str:
    value = _pinyin_cache.get(word)
    if value is None:
        # Imported here, not at the top: pypinyin's phrase dictionary is large (see
        # docs/performance.md), and only a search that found nothing needs it; the web server
        # loads it ahead (warm()), other processes (import, rebuild, huey) never pay for it.
        from pypinyin import lazy_pinyin

        value = "".join(lazy_pinyin(word))
        _pinyin_cache[word] = value
    return value


def warm() -> None:
    """Load pypinyin now rather than in the first search that finds nothing (gunicorn's
    master calls the backend's warm(), so forked workers share the dictionary's pages)."""
    pinyin("预热")


def best_readings(words_with_counts) -> dict[str, tuple[int, str]]:
    """``Lookups.readings`` from (word, speeches) pairs of an index's vocabulary."""
    best: dict[str, tuple[int, str]] = {}
    for word, freq in words_with_counts:
        if not 1 <= len(word) <= 6 or word.isascii():
            continue
        reading = pinyin(word)
        if reading not in best or freq > best[reading][0]:
            best[reading] = (freq, word)
    return best


def suggestions(parsed: ParsedQuery, lookups: Lookups) -> list[str]:
    terms = [t.folded for t in parsed.positive_terms]
    if not terms:
        return []
    if all(_PINYIN.match(term) for term in terms):
        found = _from_pinyin(lookups, terms)
        if found:
            return found
    per_term: list[list[str]] = []
    for term in terms:
        if lookups.exists(term):
            per_term.append([term])
        else:
            near = _near_strings(lookups, term)
            same = _same_reading(lookups, term) if len(term) <= 8 else []
            reading = pinyin(term)
            ranked = sorted(
                dict.fromkeys(near + same), key=lambda c: (pinyin(c) != reading, c not in near)
            )
            per_term.append(ranked[:MAX_SUGGESTIONS])
    if any(not options for options in per_term):
        return []
    combos = [
        " ".join(options[0] if j != i else option for j, options in enumerate(per_term))
        for i, term_options in enumerate(per_term)
        for option in term_options
    ]
    original = " ".join(terms)
    unique = [c for c in dict.fromkeys(combos) if c != original]
    return unique[:MAX_SUGGESTIONS]


def _pieces(term: str) -> list[str]:
    """The longest part of ``term`` around each single position, longest first."""
    pieces = set()
    for index in range(len(term)):
        left, right = term[:index], term[index + 1 :]
        pieces.add(left if len(left) >= len(right) else right)
    pieces.discard("")
    return sorted(pieces, key=lambda p: (-len(p), p))[:4]


def _near_strings(lookups: Lookups, term: str) -> list[str]:
    """Strings in the archive one character away from ``term`` or reading the same."""
    if len(term) < 2 or len(term) > 12:
        return []
    counts: Counter = Counter()
    texts = lookups.texts_containing(_pieces(term), CANDIDATE_DOCS)
    reading = pinyin(term)
    for index in range(len(term)):
        # \w: a character or letter, never punctuation (部署，is no suggestion for 部署今).
        pattern = re.compile(re.escape(term[:index]) + r"(\w)" + re.escape(term[index + 1 :]))
        for text in texts:
            for match in pattern.finditer(text):
                candidate = match.group(0)
                if candidate != term:
                    counts[candidate] += 1
    ranked = sorted(
        counts.items(), key=lambda item: (pinyin(item[0]) != reading, -item[1], item[0])
    )
    return [candidate for candidate, _count in ranked[:MAX_SUGGESTIONS]]


def _from_pinyin(lookups: Lookups, syllable_groups: list[str]) -> list[str]:
    best = lookups.readings()
    if not all(group in best for group in syllable_groups):
        return []
    words = [best[group][1] for group in syllable_groups]
    joined = "".join(words)
    if len(words) > 1 and lookups.exists(joined):
        return [joined, " ".join(words)]
    return [" ".join(words)]


def _same_reading(lookups: Lookups, term: str) -> list[str]:
    """Strings of the archive that read like ``term``: one word, or two words joined."""
    best = lookups.readings()
    readings = [pinyin(ch) for ch in term]
    whole = "".join(readings)
    found = []
    if whole in best and best[whole][1] != term:
        found.append(best[whole][1])
    for cut in range(1, len(term)):
        left, right = "".join(readings[:cut]), "".join(readings[cut:])
        if left in best and right in best:
            joined = best[left][1] + best[right][1]
            if joined != term and lookups.exists(joined):
                found.append(joined)
    return list(dict.fromkeys(found))
