"""Suggestions when a search finds nothing.

- One character away: for a term like 群众工做, look for strings in the archive that differ from
  it in exactly one position (群众工作), using the character index to find candidate speeches.
- Same pinyin: a term whose characters read the same (toneless) as a string in the archive.
- Pinyin typed in Latin letters (``qunzhong gongzuo``): words of the index whose pinyin is each
  typed syllable group, joined (群众工作).
"""

from __future__ import annotations

import os
import re
from collections import Counter

from search.backends.whoosh.engine import shared_searcher
from search.backends.whoosh.postings import matching_set
from search.backends.whoosh.queries import gram_query
from search.language.normalize import fold
from search.language.query import ParsedQuery

MAX_SUGGESTIONS = 5
CANDIDATE_DOCS = 20  # speeches read for near strings: each costs a decompress and a fold
_PINYIN = re.compile(r"^[a-z]+$")
_pinyin_cache: dict[str, str] = {}


def _pinyin(word: str) -> str:
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
    """Load pypinyin now rather than in the first search that finds nothing. The
    server calls this in gunicorn's master (gunicorn.conf.py), where the preloaded app lives, so
    the forked workers share the dictionary's pages instead of each loading its own."""
    _pinyin("预热")


def suggestions(parsed: ParsedQuery) -> list[str]:
    terms = [t.folded for t in parsed.positive_terms]
    if not terms:
        return []
    searcher = shared_searcher()
    if all(_PINYIN.match(term) for term in terms):
        found = _from_pinyin(searcher, terms)
        if found:
            return found
    per_term: list[list[str]] = []
    for term in terms:
        if _exists(searcher, term):
            per_term.append([term])
        else:
            near = _near_strings(searcher, term)
            same = _same_reading(searcher, term) if len(term) <= 8 else []
            reading = _pinyin(term)
            ranked = sorted(
                dict.fromkeys(near + same), key=lambda c: (_pinyin(c) != reading, c not in near)
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


def _exists(searcher, term: str) -> bool:
    return bool(matching_set(searcher, gram_query("chars", term)))


def _candidate_texts(searcher, term: str) -> list[str]:
    """Folded texts of a few speeches that contain the longest part of ``term`` around any
    single position."""
    pieces = set()
    for index in range(len(term)):
        left, right = term[:index], term[index + 1 :]
        pieces.add(left if len(left) >= len(right) else right)
    pieces.discard("")
    # Match sets, not a scored search: Whoosh would score every speech holding a common piece
    # (部署 is in most of them) to pick a few.
    chosen: list[int] = []
    for piece in sorted(pieces, key=lambda p: (-len(p), p))[:4]:
        found = matching_set(searcher, gram_query("chars", piece)).difference(chosen)
        chosen.extend(sorted(found)[: CANDIDATE_DOCS - len(chosen)])
        if len(chosen) >= CANDIDATE_DOCS:
            break
    return [fold(searcher.stored_fields(docnum).get("chars", "")) for docnum in chosen]


def _near_strings(searcher, term: str) -> list[str]:
    """Strings in the archive one character away from ``term`` or reading the same."""
    if len(term) < 2 or len(term) > 12:
        return []
    counts: Counter = Counter()
    texts = _candidate_texts(searcher, term)
    reading = _pinyin(term)
    for index in range(len(term)):
        # \w: a character or letter, never punctuation (部署，is no suggestion for 部署今).
        pattern = re.compile(re.escape(term[:index]) + r"(\w)" + re.escape(term[index + 1 :]))
        for text in texts:
            for match in pattern.finditer(text):
                candidate = match.group(0)
                if candidate != term:
                    counts[candidate] += 1
    ranked = sorted(
        counts.items(), key=lambda item: (_pinyin(item[0]) != reading, -item[1], item[0])
    )
    return [candidate for candidate, _count in ranked[:MAX_SUGGESTIONS]]


_reading_cache: dict[tuple, dict[str, tuple[int, str]]] = {}


def _reading_index(searcher) -> dict[str, tuple[int, str]]:
    """Toneless pinyin → (document frequency, word) of the most common jieba word reading so."""
    # The searcher's own generation changes with every commit it sees.
    ix = searcher._ix  # the Index this searcher reads
    key = (os.path.realpath(ix.storage.folder), ix.latest_generation())
    cached = _reading_cache.get(key)
    if cached is not None:
        return cached
    reader = searcher.reader()
    best: dict[str, tuple[int, str]] = {}
    for raw in reader.lexicon("text"):
        word = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if not 1 <= len(word) <= 6 or word.isascii():
            continue
        reading = _pinyin(word)
        freq = reader.doc_frequency("text", word)
        if reading not in best or freq > best[reading][0]:
            best[reading] = (freq, word)
    _reading_cache.clear()  # one index generation at a time
    _reading_cache[key] = best
    return best


def _from_pinyin(searcher, syllable_groups: list[str]) -> list[str]:
    best = _reading_index(searcher)
    if not all(group in best for group in syllable_groups):
        return []
    words = [best[group][1] for group in syllable_groups]
    joined = "".join(words)
    if len(words) > 1 and _exists(searcher, joined):
        return [joined, " ".join(words)]
    return [" ".join(words)]


def _same_reading(searcher, term: str) -> list[str]:
    """Strings of the archive that read like ``term``: one word, or two words joined."""
    best = _reading_index(searcher)
    readings = [_pinyin(ch) for ch in term]
    whole = "".join(readings)
    found = []
    if whole in best and best[whole][1] != term:
        found.append(best[whole][1])
    for cut in range(1, len(term)):
        left, right = "".join(readings[:cut]), "".join(readings[cut:])
        if left in best and right in best:
            joined = best[left][1] + best[right][1]
            if joined != term and _exists(searcher, joined):
                found.append(joined)
    return list(dict.fromkeys(found))
