"""The text pipeline: bytes + file name in, ParsedSpeech out. Pure functions, no Django.

decode → (formats) → clean → metadata → outline → fingerprint; see each module.
"""

from archive.ingest.pipeline import check_size, iter_documents, parse_document, reparse_text
from archive.ingest.themes import DEFAULT_THEMES, suggest_theme
from archive.ingest.types import IngestError, ParsedSection, ParsedSpeech

__all__ = [
    "DEFAULT_THEMES",
    "IngestError",
    "check_size",
    "ParsedSection",
    "ParsedSpeech",
    "iter_documents",
    "parse_document",
    "reparse_text",
    "suggest_theme",
]
