"""Text normalization shared by the index, the queries, the snippets and the tests.

``fold`` is the one definition of "the same text" for matching: traditional → simplified
(OpenCC t2s), NFKC width folding (全角 → 半角) and case folding. It works character by
character on purpose: then fold(a + b) == fold(a) + fold(b), so every substring of a speech
folds to a substring of the folded speech and a query typed in either script finds it.
OpenCC's phrase rules (乾隆 stays 乾隆 in running text, 乾 alone becomes 干) would break that
property, so they are only used by ``to_simplified``, which is for display.

Each folded character remembers the index of the original character it came from
(``fold_with_offsets``), so hits found on the folded copy can be marked in the original script.
t2s maps every character to exactly one character; NFKC and casefold occasionally expand one
character into several (㈠ → (一), ß → ss): those all point back to the one original.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

import opencc

_T2S = opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC's phrase rules, for display and segmentation."""
    if not text:
        return ""
    return _T2S.convert(_strip_surrogates(text))


def _strip_surrogates(text: str) -> str:
    # Lone surrogates cannot be encoded to UTF-8, which OpenCC needs; they carry no text.
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character (may be empty or longer than one character)."""
    if "\ud800" <= ch <= "\udfff":
        return "?"
    if ch.isascii():
        return ch.lower()
    simplified = _T2S.convert(ch) or ch
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
    if len(folded) == len(text) and _IRREGULAR.isdisjoint(text):
        return folded, range(len(text))
    parts: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        value = fold_char(ch)
        parts.append(value)
        offsets.extend([index] * len(value))
    return "".join(parts), offsets
