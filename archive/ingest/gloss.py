"""Pinyin glosses that template sites insert after characters: `領(lǐng)導(dǎo)` → `領導`.

A parenthesised group is a gloss only when it is a pinyin syllable (tone marks, tone digit or
none) AND, for toneless syllables, one of the readings of the character before it (pypinyin).
Real parentheses such as `(一)`, `(机关)` or `(GDP)` never match the syllable pattern or the
reading check.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from archive.ingest.chars import CJK

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = rf"[a-zA-Z{_TONED}]{{1,6}}[1-5]?"
GLOSS_RE = re.compile(rf"(?P<char>{CJK})[(（](?P<py>{_SYLLABLE})[)）]")
_TONE_MARK_RE = re.compile(f"[{_TONED}]")


@functools.lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r.lower() for group in found for r in group)


def _plain(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.rstrip("12345").replace("ü", "v")


def is_gloss(char: str, syllable: str) -> bool:
    plain = _plain(syllable)
    readings = {r.replace("ü", "v") for r in _readings(char)}
    if plain in readings:
        return True
    # A toned syllable is unmistakably pinyin even when pypinyin lacks the character's reading
    # (rare or traditional forms); a toneless one must match a known reading.
    return bool(_TONE_MARK_RE.search(syllable)) and not readings


def strip_glosses(text: str) -> tuple[str, int]:
    """Returns the text without glosses and how many were removed."""
    removed = 0

    def repl(match: re.Match) -> str:
        nonlocal removed
        if is_gloss(match["char"], match["py"]):
            removed += 1
            return match["char"]
        return match[0]

    return GLOSS_RE.sub(repl, text), removed


# Mojibake: a toned syllable left in parentheses after a non-ideograph (the character it glossed
# was destroyed by a double encoding, e.g. `白哌M(jìn)`).
ORPHAN_GLOSS_RE = re.compile(
    rf"(?<![{CJK[1:-1]}])[(（][a-zA-Z{_TONED}]*[{_TONED}][a-zA-Z{_TONED}]*[)）]"
)
