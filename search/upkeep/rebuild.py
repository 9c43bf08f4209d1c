"""Rebuilding the index without a pause in searching, and settling what changed meanwhile.

The engine builds a fresh index beside the live one and swaps it in (for Whoosh:
``search/backends/whoosh/rebuild.py``). Work queued before the build started is covered by it
and dropped; work queued while it ran is applied to the new index afterwards, and a final
comparison with the database (``check_index``'s) repairs anything that changed mid-build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db.models import Max

from archive.reuse.rebuild import catch_up as reuse_catch_up
from search.backends import backend
from search.models import IndexTask
from search.upkeep import drift
from search.upkeep.queue import apply_pending


def rebuild(
    *, empty: bool = False, progress: Callable[[int, int], None] | None = None
) -> tuple[Path, int]:
    """Build a fresh index (of nothing if ``empty``) and swap it in; returns (folder,
    speeches). ``progress(done, total)`` reports the build."""
    # Work queued until now is covered by the build, which reads the database after it.
    covered = None if empty else IndexTask.objects.aggregate(last=Max("pk"))["last"]
    folder, total = backend().rebuild(empty=empty, progress=progress)
    if covered is not None:
        IndexTask.objects.filter(pk__lte=covered).delete()
        # Those tasks also carried the paragraph reuse index's work (queue.py).
        reuse_catch_up()
    apply_pending()
    if not empty:
        drift.repair(drift.compare())
    return folder, total
