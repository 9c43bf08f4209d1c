"""Cutting folded Chinese text into what is indexed and searched, independent of any engine.

- ``char_grams_at``: every character and every pair of adjacent characters, per position. A
  query term is then one gram (1–2 characters) or a phrase of overlapping pairs, so a match
  means exactly "the folded term occurs contiguously".
- ``jieba_words`` / ``words_with_sub_words``: jieba's words (accurate mode) for ranking and
  more-like-this; when indexing, the dictionary words inside a long word come with it, so
  党务工作 also counts for 党务 and 工作.

The Whoosh tokenizers built on these live in ``search/backends/whoosh/analysis.py``.
"""

from __future__ import annotations

import re

import rjieba

from search.language.normalize import fold

STOP_WORDS = frozenset(
    [
        "的",
        "了",
        "和",
        "与",
        "及",
        "或",
        "是",
        "在",
        "也",
        "要",
        "把",
        "被",
        "对",
        "就",
        "都",
        "而",
        "并",
        "又",
        "将",
        "等",
        "之",
        "其",
        "这",
        "那",
        "有",
        "为",
        "以",
        "于",
        "从",
        "向",
        "中",
    ]
)

# jieba splits a run of letters and digits the way its finalseg module does ("2022-02-01" →
# 2022 / - / 02 / - / 01); rjieba keeps the run whole. Re-splitting the runs with jieba's own
# pattern gives jieba's tokens exactly (tests/search/test_segmentation.py checks the corpus).
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_HAN = re.compile("[\u4e00-\u9fd5]")


def _split_runs(word: str) -> list[str]:
    if len(word) > 1 and not _HAN.search(word):
        return [piece for piece in _JIEBA_SKIP.split(word) if piece]
    return [word]


def jieba_cut(text: str) -> list[str]:
    """jieba's accurate-mode words (with HMM) of ``text``, computed by rjieba (jieba-rs: the
    same dictionary and model in Rust, faster, and no Python dictionary in every worker; see
    docs/performance.md)."""
    return [piece for word in rjieba.cut(text, True) for piece in _split_runs(word)]


def is_wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def jieba_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (accurate mode, punctuation and spaces dropped)."""
    return [word for word in jieba_cut(fold(text)) if is_wordlike(word)]


def words_with_sub_words(text: str) -> list[list[str]]:
    """For each word of ``text``: the word, then the dictionary words of two and three
    characters inside it (jieba's search mode), so 党务工作 also counts for 党务 and 工作.
    rjieba's search mode emits exactly those just before each word; they are regrouped here."""
    groups: list[list[str]] = []
    search = iter(rjieba.cut_for_search(text, True))
    for word in rjieba.cut(text, True):
        subs = []
        for piece in search:
            if piece == word:
                break
            subs.append(piece)
        pieces = _split_runs(word)
        if len(pieces) == 1:
            groups.append([word, *subs])
        else:
            groups.extend([piece] for piece in pieces)
    return groups


def char_grams_at(text: str) -> list[tuple[str, ...]]:
    """For each position of the (already folded) ``text``: the grams that start there."""
    result: list[tuple[str, ...]] = []
    last = len(text) - 1
    for index, ch in enumerate(text):
        if ch.isspace():
            result.append(())
        elif index < last and not text[index + 1].isspace():
            result.append((ch, ch + text[index + 1]))
        else:
            result.append((ch,))
    return result
