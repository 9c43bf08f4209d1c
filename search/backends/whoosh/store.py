"""The Whoosh index as haystack configures it: its folder, its schema, the index object."""

from __future__ import annotations

from haystack import connections


def search_backend():
    """haystack's Whoosh backend, set up (schema built, index opened or created)."""
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        try:
            backend.setup()
        except OSError:
            # Another process created the index folder between haystack's check and its
            # makedirs; the folder is there now, so the second attempt opens it.
            backend.setup()
    return backend


def open_index():
    """The live Whoosh index (refreshed to its newest generation)."""
    backend = search_backend()
    backend.index = backend.index.refresh()
    return backend.index
