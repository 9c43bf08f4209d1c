"""Where haystack looks for the search app's indexes (``<app>.search_indexes``). The index
itself is the Whoosh backend's schema: ``search/backends/whoosh/schema.py``."""

from search.backends.whoosh.schema import SpeechIndex  # noqa: F401 - found here by haystack
