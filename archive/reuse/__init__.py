"""Paragraph text reuse across speeches: the index (models, kept current by the search index
queue), the speech page's badges, the compare page, the draft check and the passage history.
The rules of what counts as reuse are pure functions in ``archive.ingest.reuse``."""
