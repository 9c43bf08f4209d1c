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

import threading

import jieba
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

_jieba_lock = threading.Lock()
_jieba_ready = False


def _ensure_jieba() -> None:
    # jieba loads its dictionary lazily and not thread-safely; load it once, up front.
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(30)
            jieba.initialize()
            _jieba_ready = True


def _is_wordlike(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def jieba_words(text: str) -> list[str]:
    """The folded words of ``text`` in order (accurate mode, punctuation and spaces dropped)."""
    _ensure_jieba()
    return [word for word in jieba.cut(fold(text), HMM=True) if _is_wordlike(word)]


def _sub_words(word: str) -> list[str]:
    """Dictionary words of two or three characters inside ``word`` (as jieba's search mode)."""
    found = []
    freq = jieba.dt.FREQ
    for size in (2, 3):
        if len(word) <= size:
            continue
        for start in range(len(word) - size + 1):
            piece = word[start : start + size]
            if freq.get(piece):
                found.append(piece)
    return found


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
        _ensure_jieba()
        pos = start_pos
        offset = 0
        for word in jieba.cut(fold(value), HMM=True):
            begin = offset
            offset += len(word)
            if not _is_wordlike(word):
                continue
            pieces = [word] if mode == "query" else [word, *_sub_words(word)]
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
