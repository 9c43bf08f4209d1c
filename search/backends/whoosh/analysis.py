"""Whoosh tokenizers for Chinese text (what each indexed field is cut into).

- ``CharGramTokenizer`` emits every character and every pair of adjacent characters of the
  folded text at the character's position (exact contiguous matching).
- ``JiebaTokenizer`` segments the folded text with jieba (accurate mode) for BM25 ranking and
  more-like-this; while indexing, the dictionary words inside a long word are emitted at the
  long word's position so 党务工作 also counts for 党务 and 工作.

Whoosh pickles each field's analyzer, class path included, into the index. Indexes written
before this module existed name ``search.analysis``, which re-exports these classes; indexes
written since name this module: keep both paths importable.
"""

from __future__ import annotations

from whoosh.analysis import StopFilter, Token, Tokenizer

from search.language.normalize import fold
from search.language.words import (
    STOP_WORDS,
    char_grams_at,
    is_wordlike,
    jieba_cut,
    words_with_sub_words,
)


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
        groups = (
            [[w] for w in jieba_cut(folded)] if mode == "query" else words_with_sub_words(folded)
        )
        for pieces in groups:
            word = pieces[0]
            begin = offset
            offset += len(word)
            if not is_wordlike(word):
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


def JiebaAnalyzer():  # noqa: N802 - named like Whoosh's analyzer factories
    return JiebaTokenizer() | StopFilter(stoplist=STOP_WORDS, minsize=1, renumber=False)


def CharGramAnalyzer():  # noqa: N802 - named like Whoosh's analyzer factories
    return CharGramTokenizer()
