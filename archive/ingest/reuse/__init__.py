"""Paragraph text reuse, as pure functions (no Django): what counts as the same paragraph.

* ``normalize``: one paragraph → the folded characters that are compared (script, punctuation,
  place names and ×× placeholders folded away).
* ``signature``: character shingles → MinHash signature → LSH band keys (candidate lookup).
* ``align``: a candidate pair verified by alignment → share of characters in common, and the
  character-level differences shown by the compare page.
"""

from archive.ingest.reuse.align import MatchScore, common_share, diff_opcodes, score_pair
from archive.ingest.reuse.normalize import (
    MIN_PARAGRAPH_CHARS,
    PLACEHOLDER,
    indexable_paragraphs,
    normalize_paragraph,
)
from archive.ingest.reuse.signature import (
    BANDS,
    NUM_PERM,
    ROWS,
    band_keys,
    minhash_signature,
    shingle_hashes,
)

__all__ = [
    "BANDS",
    "MIN_PARAGRAPH_CHARS",
    "NUM_PERM",
    "PLACEHOLDER",
    "ROWS",
    "MatchScore",
    "band_keys",
    "common_share",
    "diff_opcodes",
    "indexable_paragraphs",
    "minhash_signature",
    "normalize_paragraph",
    "score_pair",
    "shingle_hashes",
]
