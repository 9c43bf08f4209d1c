"""Traditional → simplified, the one OpenCC t2s of the archive (the importer's rules, the
fingerprints, theme keywords, the search's folding and the reading page's 简体 all use it).

Rules are written once, in simplified Chinese, and applied to traditional text through t2s,
which keeps every character's position: a match on the simplified copy is a match at the same
offsets in the original. Display in traditional characters (s2tw) is the reading page's own.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, with OpenCC's phrase rules (乾隆 stays 乾隆)."""
    if not text:
        return text
    return _t2s().convert(_strip_surrogates(text))


def _strip_surrogates(text: str) -> str:
    # Lone surrogates cannot be encoded to UTF-8, which OpenCC needs; they carry no text.
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
