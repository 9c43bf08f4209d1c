"""Writing speeches into the Whoosh index, as haystack's own ``update()`` would write them.

Whoosh allows one writer per index, taken with a lock; ``writing`` waits a bounded time for
it (then Whoosh's ``LockError``), so index upkeep can leave work queued instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from archive.models import Speech
from search.backends.whoosh.schema import speech_index
from search.backends.whoosh.store import search_backend


def identifier(pk: int) -> str:
    """A speech's document id in the index (haystack's ``app.model.pk``)."""
    return f"archive.speech.{pk}"


def whoosh_document(backend, index, speech: Speech) -> dict:
    """The document haystack's own ``update()`` would write for ``speech``."""
    doc = index.full_prepare(speech)
    doc = {key: backend._from_python(value) for key, value in doc.items()}
    doc.pop("boost", None)
    return doc


class Writer:
    """An open Whoosh writer over the live index (see ``writing``)."""

    def __init__(self, backend, writer):
        self._backend = backend
        self._writer = writer
        self.touched = False

    def sync(self, speech_ids: set[int]) -> None:
        """(Re)index the published ones of these speeches, delete the others."""
        self.touched = True
        backend, writer = self._backend, self._writer
        index = speech_index()
        live = {speech.pk: speech for speech in index.index_queryset().filter(pk__in=speech_ids)}
        for pk in sorted(speech_ids):
            speech = live.get(pk)
            if speech is None:
                writer.delete_by_term("id", identifier(pk))
            else:
                writer.update_document(**whoosh_document(backend, index, speech))


@contextmanager
def writing(*, timeout: float) -> Iterator[Writer]:
    """The index's writer, waited for at most ``timeout`` s; committed at the end of the block
    if anything was written, cancelled otherwise or when the block fails."""
    backend = search_backend()
    ix = backend.index.refresh()
    raw = ix.writer(timeout=timeout, delay=0.05)
    writer = Writer(backend, raw)
    try:
        yield writer
    except BaseException:
        raw.cancel()
        raise
    if not writer.touched:
        raw.cancel()
        return
    raw.commit()
    backend.index = backend.index.refresh()
