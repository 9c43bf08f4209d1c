"""Building a Whoosh index beside the live one, then swapping it in.

The configured index path (``WHOOSH_INDEX_DIR``, e.g. ``var/whoosh_index``) becomes a symbolic
link to the real folder (``whoosh_index.<stamp>``). A build writes a new folder next to it
and replaces the link in one ``rename``: readers see the old index until that instant, then
the new one. What must follow a swap (work queued meanwhile, a drift check) is index upkeep's
business: ``search/upkeep/rebuild.py``.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from haystack import connections
from whoosh.filedb.filestore import FileStorage

from search.backends.whoosh.schema import speech_index
from search.backends.whoosh.writing import whoosh_document
from search.unavailable import INDEX_UNAVAILABLE, reading_index

BUILD_BATCH = 100


def live_path() -> Path:
    return Path(connections["default"].options["PATH"])


def _new_folder(live: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = live.parent / f"{live.name}.{stamp}"
    suffix = 1
    while candidate.exists():
        suffix += 1
        candidate = live.parent / f"{live.name}.{stamp}-{suffix}"
    return candidate


def rebuild(
    *, empty: bool = False, progress: Callable[[int, int], None] | None = None
) -> tuple[Path, int]:
    """Build a fresh index beside the live one and swap it in; returns (folder, speeches).
    The speeches are read after the call starts: work queued before it is covered."""
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        try:
            with reading_index():
                backend.setup()
        except INDEX_UNAVAILABLE:
            # The live index is damaged: the schema (set before haystack opens the index) is
            # all a rebuild needs, and the swap below replaces the damaged folder.
            if getattr(backend, "schema", None) is None:
                raise
    live = live_path()
    live.parent.mkdir(parents=True, exist_ok=True)
    folder = _new_folder(live)
    folder.mkdir()
    ix = FileStorage(str(folder)).create_index(backend.schema)
    queryset = speech_index().index_queryset()
    ids = [] if empty else list(queryset.values_list("pk", flat=True))
    total = len(ids)
    done = 0
    writer = _build_writer(ix)
    try:
        for start in range(0, total, BUILD_BATCH):
            chunk = ids[start : start + BUILD_BATCH]
            add_speeches(writer, backend, chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
    except BaseException:
        writer.cancel()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    # No merge: merging segments costs as much as writing them again (Whoosh re-adds every
    # posting); a search reads one segment per build process.
    writer.commit(merge=False)
    _swap(live, folder)
    backend.setup_complete = False
    backend.setup()
    return folder, total


# Index build processes: Whoosh's writer is pure Python, so a build uses every core, each
# process writing its own segment. REBUILD_PROCS overrides (1 = a single in-process writer).
BUILD_PROCS = max(1, settings.REBUILD_PROCS)
# Postings kept in memory per build process before Whoosh sorts them through temporary files.
BUILD_LIMIT_MB = 256


def _build_writer(ix):
    if BUILD_PROCS > 1:
        return ix.writer(procs=BUILD_PROCS, multisegment=True, limitmb=BUILD_LIMIT_MB)
    return ix.writer(limitmb=BUILD_LIMIT_MB)


def add_speeches(writer, backend, speech_ids: list[int]) -> None:
    """Add these published speeches to a new (empty) index."""
    index = speech_index()
    for speech in index.index_queryset().filter(pk__in=speech_ids):
        writer.add_document(**whoosh_document(backend, index, speech))


def _swap(live: Path, folder: Path) -> None:
    """Point ``live`` at ``folder`` atomically and delete the folder it pointed to before."""
    old_target: Path | None = None
    if live.is_symlink():
        old_target = live.parent / os.readlink(live)
    elif live.exists():
        # First rebuild of an index that is a plain folder: move it aside, then link.
        old_target = live.parent / f"{live.name}.old-{time.strftime('%Y%m%d-%H%M%S')}"
        live.rename(old_target)
    temp_link = live.parent / f".{live.name}.link-{os.getpid()}"
    if temp_link.is_symlink() or temp_link.exists():
        temp_link.unlink()
    temp_link.symlink_to(folder.name)
    os.replace(temp_link, live)
    if old_target is not None and old_target.resolve() != folder.resolve():
        shutil.rmtree(old_target, ignore_errors=True)
