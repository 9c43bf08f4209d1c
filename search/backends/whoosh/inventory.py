"""What the Whoosh index holds: how many documents, which speech at which stamp, and whether
it can be read at all."""

from __future__ import annotations

from search.backends.whoosh.store import open_index, search_backend


def indexed_count() -> int:
    """Documents in the live index (read from its table of contents, no search)."""
    return search_backend().index.refresh().doc_count()


def indexed_stamps() -> dict[int, str]:
    """speech id → the ``updated_at`` stamp it was indexed with (read from columns, fast)."""
    stamps: dict[int, str] = {}
    with open_index().searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_count() == 0:
            return stamps
        ids = reader.column_reader("speech_id")
        updated = reader.column_reader("updated")
        for docnum in reader.all_doc_ids():
            stamps[int(ids[docnum])] = updated[docnum]
    return stamps


def check() -> str:
    """Open the index and read a stored column, as a search would; the document count."""
    with open_index().searcher() as searcher:
        # Reading a stored column too: a damaged segment can open and fail on reading.
        reader = searcher.reader()
        if reader.doc_count_all():
            reader.column_reader("speech_id")[0]
        return f"{searcher.doc_count()} documents"
