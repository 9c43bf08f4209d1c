"""What counts as "the index cannot be read": the search page then says 搜索暂不可用 (503)
instead of failing, while the rest of the site, which reads only the database, keeps serving.

Restored by ``python manage.py rebuild_index --noinput`` (search/backends/whoosh/rebuild.py
builds beside the broken folder and swaps).
"""

from __future__ import annotations

import pickle
import struct
from contextlib import contextmanager

from django.db import DatabaseError
from whoosh.index import IndexError as WhooshIndexError

MESSAGE = "搜索暂不可用,请稍后再试。"


class IndexUnavailable(Exception):
    """The index could not be opened or read (raised by ``reading_index``)."""


@contextmanager
def reading_index(*, passthrough: tuple[type[BaseException], ...] = ()):
    """Any failure while opening or reading the index becomes ``IndexUnavailable``.

    Why every exception type: the table of contents is a pickle and segments are packed
    structures, so damage surfaces as whatever the unpacking trips on (seen: EOFError,
    struct.error, UnpicklingError, zlib.error, UnicodeDecodeError, ModuleNotFoundError,
    AttributeError, AssertionError, TypeError, MemoryError). Database errors keep their own
    page (archive/middleware.py). The original exception is chained, and the callers log it,
    so a bug in the search code shows in the log instead of hiding behind 搜索暂不可用; the
    soak counts 503s as failures. ``passthrough``: exceptions the caller handles itself (a
    writer lock held by another process is not damage).
    """
    try:
        yield
    except (IndexUnavailable, DatabaseError, *passthrough):
        raise
    except Exception as exc:  # noqa: BLE001 (see the docstring)
        raise IndexUnavailable(f"{type(exc).__name__}: {exc}"[:300]) from exc


# A missing folder or a dangling link raises EmptyIndexError (a WhooshIndexError); a damaged
# table of contents IndexError; damaged segment files fail while being unpacked or read; any
# other failure inside ``reading_index`` is IndexUnavailable.
INDEX_UNAVAILABLE = (
    IndexUnavailable,
    WhooshIndexError,
    OSError,
    EOFError,
    struct.error,
    pickle.UnpicklingError,
)
