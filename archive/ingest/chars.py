"""Character classes shared by the pipeline steps (CJK ideographs, punctuation, widths)."""

from __future__ import annotations

import re

# CJK Unified Ideographs + Extension A + compatibility ideographs; enough for speeches.
CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = f"[{CJK_RANGES}]"
CJK_RE = re.compile(CJK)

# Full-width punctuation that Chinese prose uses between ideographs.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·「」『』〞〝"
SENTENCE_END = "。！？!?"
CLAUSE_END = SENTENCE_END + "；;：:"


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))


def display_width(text: str) -> int:
    """Columns a line takes in print: ideographs and full-width signs count 2, ASCII 1."""
    return sum(1 if ord(ch) < 0x2E80 else 2 for ch in text)


def is_wide(ch: str) -> bool:
    """An ideograph or a full-width sign: no word space is needed next to it."""
    return bool(ch) and ord(ch) >= 0x2E80
