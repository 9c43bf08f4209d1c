"""Pinyin glosses that template sites insert after characters: `領(lǐng)導(dǎo)` → `領導`.

A parenthesised syllable with a tone mark (`(lǐng)`) is always a gloss: speeches never print
toned pinyin in brackets. One with a tone digit or no tone (`(ling3)`, `(ling)`) is a gloss only
when it is one of the readings of the character before it (pypinyin), so `(app)` stays. Real
parentheses such as `(一)`, `(机关)` or `(GDP)` never match. A toned gloss whose character was
destroyed by mojibake (`白哌M(jìn)`) goes too; the mojibake itself is reported by clean.py.
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
    if _TONE_MARK_RE.search(syllable):
        return True
    readings = {r.replace("ü", "v") for r in _readings(char)}
    return _plain(syllable) in readings


def strip_glosses(text: str) -> tuple[str, int]:
    """Returns the text without glosses and how many were removed."""
    removed = 0

    def repl(match: re.Match) -> str:
        nonlocal removed
        if is_gloss(match["char"], match["py"]):
            removed += 1
            return match["char"]
        return match[0]

    text = GLOSS_RE.sub(repl, text)
    text, orphans = ORPHAN_GLOSS_RE.subn("", text)
    return text, removed + orphans


# A toned syllable in parentheses after something other than an ideograph: the character it
# glossed was destroyed by a double encoding (`白哌M(jìn)`).
ORPHAN_GLOSS_RE = re.compile(
    rf"(?<![{CJK[1:-1]}])[(（][a-zA-Z{_TONED}]*[{_TONED}][a-zA-Z{_TONED}]*[)）]"
)
