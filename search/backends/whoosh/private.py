"""Every private name of Whoosh 2.7.4 and haystack 3.4 that this package relies on, in one list.

The search code reads posting lists block by block, scores from length columns, keeps caches on
Whoosh's reader and searcher objects, and replaces four methods at start-up (``patches.py``).
None of that is public API: an upgrade may rename or drop any of it without notice. Nothing
outside ``search/backends/whoosh/`` may use these names.

``missing()`` checks the list against the installed versions (tests/search/test_private_names.py
fails, naming each one, when an upgrade removes one): class and module attributes directly,
attributes set on instances on a small index built in memory.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Private:
    owner: str  # "module:Class" or "module", or a kind of live object (see _live_objects)
    name: str
    used_by: str  # where, and what for

    def __str__(self) -> str:
        return f"{self.owner}.{self.name} (used by {self.used_by})"


# Attributes of classes and modules, checked on the class or module itself.
ON_CLASSES = [
    Private(
        "whoosh.codec.whoosh3:W3LeafMatcher",
        "_read_data",
        "postings.py: decode a block of document numbers",
    ),
    Private(
        "whoosh.codec.whoosh3:W3LeafMatcher",
        "_read_weights",
        "postings.py: decode a block of weights",
    ),
    Private(
        "whoosh.codec.whoosh3:W3LeafMatcher",
        "_read_values",
        "postings.py: decode a block of positions",
    ),
    Private(
        "whoosh.codec.whoosh3:W3LeafMatcher",
        "_next_block",
        "postings.py: step to the next block of a posting list",
    ),
    Private(
        "whoosh.codec.whoosh3:W3PerDocReader",
        "_cached_reader",
        "scoring.py: the field-length column of a segment",
    ),
    Private("whoosh.codec.whoosh3", "_lenfield", "scoring.py: name of a field's length column"),
    Private(
        "whoosh.matching.binary:AndNotMatcher",
        "_find_next",
        "patches.py: replaced (IndexError past the positive side's end)",
    ),
    Private(
        "haystack.backends.whoosh_backend:WhooshSearchBackend",
        "_from_python",
        "writing.py: a value as haystack's update() writes it",
    ),
]

# Attributes that Whoosh sets on instances, checked on live objects (see _live_objects).
ON_INSTANCES = [
    Private("W3LeafMatcher", "_data", "postings.py: the current block's ids"),
    Private("W3LeafMatcher", "_byteids", "postings.py: ids stored whole, not as deltas"),
    Private("W3LeafMatcher", "_weights", "postings.py: the current block's weights"),
    Private("W3LeafMatcher", "_values", "postings.py: the current block's positions"),
    Private("FilterMatcher", "_ids", "postings.py: a segment's deleted documents"),
    Private("SegmentReader", "_perdoc", "postings.py, scoring.py: deletions, length columns"),
    Private("SegmentReader", "__dict__", "scoring.py: length norms kept on the reader"),
    Private("Searcher", "_ix", "suggest.py: the index a searcher reads (folder, generation)"),
    Private("BM25F", "_field_B", "scoring.py: per-field B of BM25F"),
    Private(
        "BufferFile",
        "_buf",
        "patches.py: BufferFile.__init__ replaced (a whole copy of each mapped file)",
    ),
    Private("BufferFile", "_name", "patches.py: set by the replaced BufferFile.__init__"),
]


def _live_objects() -> dict[str, object]:
    """One instance of each kind in ON_INSTANCES, from a two-document index in memory."""
    from whoosh import fields, scoring
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.filedb.filestore import RamStorage
    from whoosh.filedb.structfile import BufferFile
    from whoosh.matching.wrappers import FilterMatcher

    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT())
    ix = RamStorage().create_index(schema)
    writer = ix.writer()
    writer.add_document(id="1", text="alpha beta")
    writer.add_document(id="2", text="alpha gamma")
    writer.commit()
    writer = ix.writer()
    writer.delete_by_term("id", "2")
    writer.commit(merge=False)
    searcher = ix.searcher(weighting=scoring.BM25F(text_B=0.5))
    reader = searcher.reader()
    filtered = reader.postings("text", "alpha")
    leaf = filtered.child if isinstance(filtered, FilterMatcher) else filtered
    found = {
        "Searcher": searcher,
        "SegmentReader": reader,
        "BM25F": searcher.weighting,
        "BufferFile": BufferFile(b"abc", name="probe"),
    }
    if isinstance(filtered, FilterMatcher):
        found["FilterMatcher"] = filtered
    if isinstance(leaf, W3LeafMatcher):
        found["W3LeafMatcher"] = leaf
    return found


def missing() -> list[str]:
    """Each private name of the lists above that the installed Whoosh or haystack lacks."""
    gone: list[str] = []
    for item in ON_CLASSES:
        module_name, _, class_name = item.owner.partition(":")
        try:
            owner = importlib.import_module(module_name)
            if class_name:
                owner = getattr(owner, class_name)
        except (ImportError, AttributeError):
            gone.append(f"{item.owner} itself, needed for {item}")
            continue
        if not hasattr(owner, item.name):
            gone.append(str(item))
    live = _live_objects()
    for item in ON_INSTANCES:
        obj = live.get(item.owner)
        if obj is None:
            gone.append(f"no {item.owner} object any more, needed for {item}")
        elif not hasattr(obj, item.name):
            gone.append(str(item))
    live["Searcher"].close()
    return gone
