"""Fixes for Whoosh 2.7.4, applied once when the search app loads.

1. ``AndNotMatcher.skip_to`` (a query with ``-word``, inside an AND with other words or
   filters) moves its positive side past its last document and then reads that side's current
   id: an IndexError, i.e. a 500 on /search/. The soak test hit it 3-8 times in 120 s while a
   writer changed the index (tests/reliability/test_whoosh_fixes.py reproduces it directly).
2. A segment packed into one compound file is memory-mapped, but each part of it is opened as
   a ``BufferFile`` whose ``file`` is ``BytesIO(memoryview)``: a private copy of the whole
   part. Every web worker thus held a copy of every postings file (31 MB of a 300-speech
   index, growing with the archive). The replacement reads the mapped memory in place.
"""

from __future__ import annotations

import io

from whoosh.filedb import structfile
from whoosh.matching.binary import AndNotMatcher

_original_find_next = AndNotMatcher._find_next


def _find_next(self):
    if not self.a.is_active():
        # Nothing left on the positive side: nothing to exclude either.
        return False
    return _original_find_next(self)


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
        20 per posting block, 5 ms of a search at 10,000 speeches)."""
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


def apply() -> None:
    if AndNotMatcher._find_next is not _find_next:
        AndNotMatcher._find_next = _find_next
    if structfile.BufferFile.__init__ is not _buffer_file_init:
        structfile.BufferFile.__init__ = _buffer_file_init
