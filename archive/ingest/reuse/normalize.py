"""One paragraph → the string the reuse index compares.

Folded so that the edits a copier makes for free do not count as differences:
* script: traditional → simplified (the archive's one t2s, ``archive.ingest.script``), and
  NFKC widths, so a 繁體 copy of a 简体 speech compares equal;
* punctuation and whitespace dropped (a copy often re-punctuates);
* the place a speech is about: 我县/我区/我市/本县/全县… and names such as 临江县, 河西区委 become
  one placeholder (``PLACEHOLDER``), so 我市 → 我县 and 临江县 → 清河县 are no change;
* ×× / XX / *** / 某某 (names left out of a template) become the same placeholder, a wildcard
  that matches the place or name filled in by the other text.

Place names are found by their form (two characters + 县/市/区/州/旗/镇/乡 + a word that follows
a place name, such as 委 or 人民), not from a gazetteer: the same rule runs on both sides of a
comparison, so a false hit costs a little discrimination, never a missed copy. Callers that know
more names (a gazetteer) pass them as ``extra_places``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from archive.ingest.script import to_simplified

PLACEHOLDER = "※"
MIN_PARAGRAPH_CHARS = 30  # normalised characters; shorter paragraphs are headings and slogans

_SUFFIXES = "省市州盟县区旗镇乡"
# 我县, 本市, 全区 …: the speaker's own place, whatever it is.
_DEICTIC = f"[我本全][{_SUFFIXES}]"
# What follows a place name in official prose (临江县委, 河西区人民政府, 清河市的, 平安镇、…).
_AFTER_PLACE = "委政人党纪的各在要和与及等境内城域、，。；：,;:\\s"
_NAMED_PLACE = f"[\u4e00-\u9fff]{{2}}(?:自治县|自治州|新区|[{_SUFFIXES}])(?=[{_AFTER_PLACE}]|$)"
_TEMPLATE_BLANK = f"(?:[×xX*＊]{{2,}}|某某)(?:自治县|自治州|新区|[{_SUFFIXES}])?|[甲乙丙丁]某"
_PLACE_RE = re.compile(f"{_TEMPLATE_BLANK}|{_NAMED_PLACE}|{_DEICTIC}")
_RUN_RE = re.compile(f"{PLACEHOLDER}+")
# Everything that is not a letter or digit (punctuation, symbols, spaces) is dropped.
_DROP_RE = re.compile(rf"[^\w{PLACEHOLDER}]|_")


def normalize_paragraph(text: str, *, extra_places: Iterable[str] = ()) -> str:
    """The comparable form of one paragraph (see the module docstring)."""
    folded = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    for name in extra_places:
        if name:
            folded = folded.replace(to_simplified(name), PLACEHOLDER)
    folded = _PLACE_RE.sub(PLACEHOLDER, folded)
    folded = _DROP_RE.sub("", folded)
    return _RUN_RE.sub(PLACEHOLDER, folded)


def indexable_paragraphs(body: str) -> list[tuple[int, str]]:
    """(1-based paragraph number, normalised text) of every paragraph of a body (one paragraph
    per line, as stored) long enough to be reuse; the number matches the reading page's
    ``id="pN"``."""
    found = []
    for index, line in enumerate(body.split("\n")):
        normal = normalize_paragraph(line)
        if len(normal) >= MIN_PARAGRAPH_CHARS:
            found.append((index + 1, normal))
    return found
