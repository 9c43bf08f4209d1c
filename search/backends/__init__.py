"""The one door to the search engine: what the web pages, the services and the index upkeep
may ask of it, and ``backend()``, which returns the configured implementation.

Nothing outside ``search/backends/`` imports an engine (Whoosh, haystack's backends) to
search or to write: it asks ``backend()``. The environment's ``SEARCH_BACKEND`` picks the
implementation (settings ``SEARCH_ENGINE``, a dotted path):
``search.backends.whoosh.backend.WhooshBackend`` (default) or
``search.backends.postgres.backend.PostgresBackend``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from archive.models import Speech
    from search.language.params import SearchParams
    from search.language.query import ParsedQuery


def index_stamp(value) -> str:
    """How a speech's ``updated_at`` is written into the index, and returned by
    ``indexed_stamps`` (check_index compares the two)."""
    return value.isoformat(timespec="microseconds") if value else ""


@dataclass
class Hit:
    speech_id: int
    score: float | None


@dataclass
class SearchOutcome:
    """One page of a search: the hits shown, and counts over every match."""

    count: int
    page: int
    pages: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # YYYYMM → hits: the timeline's finest bars are months (a common word's days were
    # thousands of rows to carry for it).
    months: Counter = field(default_factory=Counter)


class IndexWriter(Protocol):
    """The index open for writing, by one process at a time."""

    def sync(self, speech_ids: set[int]) -> None:
        """(Re)index these speeches if published, remove them from the index otherwise."""


class SearchBackend(Protocol):
    """What a search engine does for the archive. Every method may raise one of
    ``search.unavailable.INDEX_UNAVAILABLE`` when the index cannot be opened or read."""

    #: What the engine raises when another process holds the index's write lock.
    lock_errors: tuple[type[BaseException], ...]
    #: True for an index inside the archive's database: written in the transaction that
    #: changes the speeches (no queue); False: after the commit, through the queue.
    syncs_in_transaction: bool

    # Reading
    def search(
        self, params: SearchParams, parsed: ParsedQuery, *, per_page: int | None = None
    ) -> SearchOutcome:
        """One page of results with counts, facets and hits per day; ``per_page`` hits a
        page (``None``: the engine's default page size, 20)."""

    def count(self, params: SearchParams, parsed: ParsedQuery, *, without: str = "") -> int:
        """How many speeches match with one filter left out (to explain empty results)."""

    def matching_ids(self, q: str) -> set[int]:
        """Every speech id matching ``q`` with no filters."""

    def occurrences(self, folded: str) -> dict[int, int]:
        """speech id → how many times ``folded`` (a folded term without whitespace, see
        ``search.language.normalize.fold``) occurs, overlapping occurrences included, in the
        text exact matching covers (title and body), for every published speech holding it:
        the match set of the term with its counts (the trends page)."""

    def suggestions(self, parsed: ParsedQuery) -> list[str]:
        """Other queries to try when ``parsed`` found nothing."""

    def related(self, speech: Speech, limit: int) -> list[tuple[Speech, list[str]]]:
        """Published speeches like ``speech``, each with the shared words that explain why."""

    # Writing
    def writing(self, *, timeout: float) -> AbstractContextManager[IndexWriter | None]:
        """The index's writer, waited for at most ``timeout`` s (then the engine's lock
        error); committed when the block ends, cancelled when it fails. ``None`` is yielded
        by an engine that takes concurrent writes itself."""

    def rebuild(
        self, *, empty: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[Path, int]:
        """A fresh index of every published speech (none if ``empty``) put in place of the
        live one without a pause in searching; returns (where, speeches)."""

    # Checking
    def indexed_count(self) -> int:
        """Documents in the live index."""

    def indexed_stamps(self) -> dict[int, str]:
        """speech id → the ``index_stamp`` of the ``updated_at`` it was indexed with."""

    def check(self) -> str:
        """Open and read the index as a search would; a short status (raises if it cannot)."""

    def warm(self) -> None:
        """Load what the first searches would otherwise load (in the server's master)."""


@functools.cache
def _configured(path: str) -> SearchBackend:
    return import_string(path)()


def backend() -> SearchBackend:
    """The configured search backend (one instance per process)."""
    return _configured(settings.SEARCH_ENGINE)
