"""search/backends/whoosh/private.py lists every private Whoosh and haystack name the search
code relies on; an upgrade that removes one must fail here, by name, and not in a search."""

from __future__ import annotations

from search.backends.whoosh import private


def test_every_private_name_the_backend_relies_on_is_still_there():
    gone = private.missing()
    assert not gone, (
        "Whoosh or haystack no longer has these private names (an upgrade?); "
        "search/backends/whoosh/ must be adapted before it can run:\n  " + "\n  ".join(gone)
    )


def test_the_list_names_where_each_is_used():
    for item in [*private.ON_CLASSES, *private.ON_INSTANCES]:
        assert item.used_by.split(":")[0].split(",")[0].endswith(".py"), item
