"""Whoosh analyzers for Chinese text.

Whoosh pickles each field's analyzer, class path included, into the index: keep the names and
the module path ``search.analysis`` stable, or existing indexes stop opening.

- ``CharGramTokenizer`` emits every character and every pair of adjacent characters of the
  folded text at the character's position. A query term becomes one gram (1–2 characters) or a
  phrase of overlapping pairs, so a match means exactly "the folded term occurs contiguously".
- ``JiebaTokenizer`` segments the folded text with jieba (accurate mode) for BM25 ranking and
  more-like-this; while indexing, the dictionary words inside a long word are emitted at the
  long word's position so 党务工作 also counts for 党务 and 工作.
"""

from __future__ import annotations

import re

import rjieba
from whoosh.analysis import StopFilter, Token, Tokenizer

from search.normalize import fold

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


def _jieba_cut(text: str) -> list[str]:
    """jieba's accurate-mode words (with HMM) of ``text``, computed by rjieba (jieba-rs: the
    same dictionary and model in Rust, ~18x faster, and no 70 MB Python dictionary per worker)."""
    return [piece for word in rjieba.cut(text, True) for piece in _split_runs(word)]


def _is_wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def jieba_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (accurate mode, punctuation and spaces dropped)."""
    return [word for word in _jieba_cut(fold(text)) if _is_wordlike(word)]


def _with_sub_words(text: str) -> list[list[str]]:
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


class JiebaTokenizer(Tokenizer):
    """Folded text → jieba words; honours ``tokenize=False`` (whole value as one token)."""

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = fold(value)
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        pos = start_pos
        offset = 0
        folded = fold(value)
        groups = [[w] for w in _jieba_cut(folded)] if mode == "query" else _with_sub_words(folded)
        for pieces in groups:
            word = pieces[0]
            begin = offset
            offset += len(word)
            if not _is_wordlike(word):
                continue
            for piece in pieces:
                token.text = piece
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = piece
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + begin
                    token.endchar = start_char + offset
                yield token
            pos += 1


class CharGramTokenizer(Tokenizer):
    """Every folded character and every adjacent pair, at the first character's position.

    Whitespace is skipped (and breaks pairs), since a query term never contains any.
    """

    def __eq__(self, other):
        return other is not None and self.__class__ is other.__class__

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = fold(value)
        if not tokenize:
            token.original = token.text = text
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            yield token
            return
        for index, grams in enumerate(char_grams_at(text)):
            for gram in grams:
                token.text = gram
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = gram
                if positions:
                    token.pos = start_pos + index
                if chars:
                    token.startchar = start_char + index
                    token.endchar = start_char + index + len(gram)
                yield token


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


def JiebaAnalyzer():  # noqa: N802 - named like Whoosh's analyzer factories
    return JiebaTokenizer() | StopFilter(stoplist=STOP_WORDS, minsize=1, renumber=False)


def CharGramAnalyzer():  # noqa: N802 - named like Whoosh's analyzer factories
    return CharGramTokenizer()
