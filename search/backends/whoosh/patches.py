"""The four replacements this backend makes inside Whoosh 2.7.4, applied once by ``apply()``
(called from ``search.apps.SearchConfig.ready``). Whoosh has had no release since 2016, so none
of these is fixed upstream; each names what it works around. The private names they replace
are listed, with every other one this package uses, in ``private.py``.

Fixes:

1. ``AndNotMatcher._find_next``: ``skip_to`` (a query with ``-word``, inside an AND with other
   words or filters) moves its positive side past its last document and then reads that side's
   current id: an IndexError, i.e. a 500 on /search/. Seen 3-8 times in 120 s of the soak test
   while a writer changed the index (tests/reliability/test_whoosh_fixes.py reproduces it).
2. ``BufferFile.__init__``: a segment packed into one compound file is memory-mapped, but each
   part of it is opened as a ``BufferFile`` whose ``file`` is ``BytesIO(memoryview)``: a
   private copy of the whole part in every web worker, growing with the archive. The
   replacement reads the mapped memory in place.

Speed-ups of the index writer (same postings byte for byte; tests/search/
test_whoosh_speedups.py builds an index both ways and compares them):

3. ``Positions.word_values``: every character gram became a ``Token`` object and then a
   positions list again; for the char-gram fields the positions are collected directly.
4. ``FieldWriter.add_postings``: the writer asked a column for the document's field length
   once per posting, although a document has one length per field; asked once, then kept.

Measured effects are in docs/performance.md.
"""

from __future__ import annotations

import io
from collections import defaultdict

from whoosh import formats
from whoosh.codec import base
from whoosh.filedb import structfile
from whoosh.matching.binary import AndNotMatcher

from search.backends.whoosh.analysis import CharGramTokenizer
from search.language.normalize import fold
from search.language.words import char_grams_at

# 1. -------------------------------------------------------------------------------------

_original_find_next = AndNotMatcher._find_next


def _find_next(self):
    if not self.a.is_active():
        # Nothing left on the positive side: nothing to exclude either.
        return False
    return _original_find_next(self)


# 2. -------------------------------------------------------------------------------------


class MemoryViewFile(io.RawIOBase):
    """A read-only file over a memoryview (e.g. part of an mmap) that never copies it whole."""

    def __init__(self, buf: memoryview):
        super().__init__()
        self._buf = buf
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else min(self._pos + size, len(self._buf))
        data = bytes(self._buf[self._pos : end])
        self._pos = max(self._pos, end)
        return data

    def peek(self, size: int = 0) -> memoryview:
        """The bytes ahead without consuming them (no copy). With it, ``pickle.load`` takes a
        whole block header in one read instead of one Python ``read`` call per opcode (about
        20 per posting block)."""
        return self._buf[self._pos : self._pos + max(size, 1)]

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)


def _buffer_file_init(self, buf, name=None, onclose=None):
    self._buf = buf
    self._name = name
    self.file = MemoryViewFile(memoryview(buf))
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


_original_word_values = formats.Positions.word_values
_original_add_postings = base.FieldWriter.add_postings


# 3. -------------------------------------------------------------------------------------


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


# 4. -------------------------------------------------------------------------------------


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
    """Install the four replacements (idempotent)."""
    if AndNotMatcher._find_next is not _find_next:
        AndNotMatcher._find_next = _find_next
    if structfile.BufferFile.__init__ is not _buffer_file_init:
        structfile.BufferFile.__init__ = _buffer_file_init
    formats.Positions.word_values = _char_gram_values
    base.FieldWriter.add_postings = _add_postings
