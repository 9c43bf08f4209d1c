"""Text normalization shared by the index, the queries, the snippets and the tests.

``fold`` is the one definition of "the same text" for matching: traditional → simplified
(OpenCC t2s), NFKC width folding (全角 → 半角) and case folding. It works character by
character on purpose: then fold(a + b) == fold(a) + fold(b), so every substring of a speech
folds to a substring of the folded speech and a query typed in either script finds it.
OpenCC's phrase rules (乾隆 stays 乾隆 in running text, 乾 alone becomes 干) would break that
property, so ``archive.ingest.script.to_simplified`` (the archive's one t2s) is asked one
character at a time here.

Each folded character remembers the index of the original character it came from
(``fold_with_offsets``), so hits found on the folded copy can be marked in the original script.
t2s maps every character to exactly one character; NFKC and casefold occasionally expand one
character into several (㈠ → (一), ß → ss): those all point back to the one original.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence

from archive.ingest.script import to_simplified


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character (may be empty or longer than one character)."""
    if "\ud800" <= ch <= "\udfff":
        return "?"
    if ch.isascii():
        return ch.lower()
    simplified = to_simplified(ch) or ch
    return unicodedata.normalize("NFKC", simplified).casefold()


class _FoldTable(dict):
    """``str.translate`` table filled on demand, so folding runs at C speed."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        if len(value) != 1:
            _IRREGULAR.add(chr(code))
        return value


_IRREGULAR: set[str] = set()  # characters whose folded form is not exactly one character
_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Simplified, half-width, case-folded copy of ``text``; see the module docstring."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """``fold(text)`` plus, for each folded character, the index of its original character."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and (not _IRREGULAR or not _irregular_pattern().search(text)):
        return folded, range(len(text))
    # Speeches are full of characters that fold to several (…… → ......): walk only those, and
    # map the runs between them as ranges, instead of one Python step per character.
    breaks = [0]  # folded index where a run starts
    origins = [0]  # original index of that run's first character
    regular_from = 0
    folded_at = 0
    for match in _irregular_pattern().finditer(text):
        index = match.start()
        folded_at += index - regular_from
        value = fold_char(text[index])
        breaks.append(folded_at)
        origins.append(index)
        folded_at += len(value)
        breaks.append(folded_at)
        origins.append(index + 1)
        regular_from = index + 1
    return folded, _Offsets(breaks, origins, len(folded))


def _irregular_pattern() -> re.Pattern:
    key = frozenset(_IRREGULAR)
    if _pattern_cache and _pattern_cache[0] == key:
        return _pattern_cache[1]
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in sorted(key)) + "]")
    _pattern_cache[:] = [key, pattern]
    return pattern


_pattern_cache: list = []


class _Offsets(Sequence):
    """folded index → original index, stored as runs: inside a run of regular characters the
    original index advances with the folded one; an irregular character's expansion is a run
    of its own, every piece pointing back at that one character."""

    def __init__(self, breaks: list[int], origins: list[int], length: int):
        self._breaks = breaks
        self._origins = origins
        self._length = length
        # Runs that hold an irregular character's expansion (they do not advance).
        self._expansions = set(range(1, len(breaks), 2))

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = bisect.bisect_right(self._breaks, index) - 1
        if run in self._expansions:
            return self._origins[run]
        return self._origins[run] + (index - self._breaks[run])
