"""What an index derived from the speeches (the search index, the paragraph reuse index) holds
differently from the database, which is the source of truth: found by each index's
``compare()``, mended by its ``repair()``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # published, not in the index
    stale: list[int] = field(default_factory=list)  # changed since it was indexed
    extra: list[int] = field(default_factory=list)  # in the index, not published any more

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)

    @property
    def ids(self) -> list[int]:
        return sorted({*self.missing, *self.stale, *self.extra})
