"""Two hot loops of Whoosh 2.7.4's index writer, done with less Python per posting.

Profiled on a rebuild of 300 speeches (~5,500 postings per speech): most of the time went to
(1) turning every character gram into a ``Token`` object and back into a positions list, and
(2) the writer asking a column for the document's field length once per posting, although a
document has one length per field. Both replacements produce the same postings, byte for
byte (tests/search/test_whoosh_speedups.py builds an index both ways and compares them).
"""

from __future__ import annotations

from collections import defaultdict

from whoosh import formats
from whoosh.codec import base

from search.analysis import CharGramTokenizer, char_grams_at
from search.normalize import fold

_original_word_values = formats.Positions.word_values
_original_add_postings = base.FieldWriter.add_postings


def _char_gram_values(self, value, analyzer, **kwargs):
    if not isinstance(analyzer, CharGramTokenizer) or not kwargs.get("tokenize", True):
        yield from _original_word_values(self, value, analyzer, **kwargs)
        return
    start = kwargs.get("start_pos", 0)
    poses: dict[str, list[int]] = defaultdict(list)
    for index, grams in enumerate(char_grams_at(fold(value)), start):
        for gram in grams:
            poses[gram].append(index)
    boost = self.field_boost
    encode = self.encode
    for gram, poslist in poses.items():
        yield (gram, len(poslist), len(poslist) * boost, encode(poslist))


class _LengthMemo:
    """``doc_field_length`` answered once per (document, field), then from a dict."""

    def __init__(self, lengths):
        self._lengths = lengths
        self._known: dict[tuple[int, str], int] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        key = (docnum, fieldname)
        length = self._known.get(key)
        if length is None:
            length = self._known[key] = self._lengths.doc_field_length(docnum, fieldname, default)
        return length


def _add_postings(self, schema, lengths, items):
    return _original_add_postings(self, schema, _LengthMemo(lengths) if lengths else lengths, items)


def apply() -> None:
    formats.Positions.word_values = _char_gram_values
    base.FieldWriter.add_postings = _add_postings
