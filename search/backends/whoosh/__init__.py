"""The Whoosh backend: the one package that knows Whoosh's and haystack's internals.

``backend.WhooshBackend`` is the door's implementation; below it, ``engine`` (a search:
match, filter, facets, rank, page), ``queries`` (parsed terms → Whoosh queries), ``postings``
and ``scoring`` (match sets and BM25F from whole posting lists), ``contiguous``, ``analysis``
and ``schema`` (the index's fields), ``writing`` and ``rebuild`` (the writer, a build beside
the live index and the swap), ``inventory``, ``suggest``, ``related``. ``patches`` changes
Whoosh itself, applied once by ``search.apps``; ``private`` lists every private name used.
"""
