"""What one imported document came to: its status and the `import_speeches --json` record
(README lists the fields). Made by the write path (archive/services.py), read by the commands,
the upload worker and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.ingest.types import ParsedSpeech
from archive.models import Speech
from archive.places import place_json

STATUS_IMPORTED = "imported"
STATUS_DUPLICATE = "duplicate"
STATUS_ERROR = "error"


@dataclass
class ImportOutcome:
    """What happened to one document; ``as_json`` is the `import_speeches --json` record."""

    file: str
    status: str
    error: str | None = None
    speech: Speech | None = None
    parsed: ParsedSpeech | None = None
    duplicate_of: int | None = None
    similar_to: list[int] = field(default_factory=list)
    replaced: bool = False

    @property
    def failed(self) -> bool:
        return self.status == STATUS_ERROR

    def as_json(self) -> dict:
        parsed = self.parsed
        speech = self.speech
        theme = None
        if speech is not None and speech.theme_id:
            theme = speech.theme.name
        elif parsed is not None:
            theme = parsed.theme
        return {
            "file": self.file,
            "status": self.status,
            "error": self.error,
            "id": speech.pk if speech is not None else None,
            "url": speech.get_absolute_url() if speech is not None and speech.pk else None,
            "title": parsed.title if parsed else None,
            "title_rule": parsed.title_rule if parsed else None,
            "kind": parsed.kind if parsed else None,
            "kind_reason": parsed.kind_reason if parsed else None,
            "published": speech.is_published if speech is not None else None,
            "date": parsed.date.isoformat() if parsed and parsed.date else None,
            "date_rule": parsed.date_rule if parsed else None,
            "source_published": (
                parsed.published.isoformat() if parsed and parsed.published else None
            ),
            "date_note": parsed.date_note if parsed else None,
            "level": parsed.level if parsed else None,
            "theme": theme,
            "meeting": parsed.meeting if parsed else None,
            "speaker": parsed.speaker if parsed else None,
            "speaker_role": parsed.speaker_role if parsed else None,
            "place": place_json(parsed.place_code, parsed.place_name) if parsed else None,
            "place_candidates": list(parsed.place_candidates) if parsed else [],
            "place_confidence": parsed.place_confidence if parsed else None,
            "keywords": list(parsed.keywords) if parsed else [],
            "sections": [
                {"number": s.number, "heading": s.heading, "depth": s.depth, "anchor": s.anchor}
                for s in (parsed.sections if parsed else [])
            ],
            "duplicate_of": self.duplicate_of,
            "similar_to": list(self.similar_to),
            "replaced": self.replaced,
            "warnings": list(parsed.warnings) if parsed else [],
            "removed_lines": list(parsed.removed) if parsed else [],
            "from_scan": parsed.is_ocr if parsed else False,
            "ocr_confidence": [
                {"page": page.number, "confidence": page.confidence}
                for page in (parsed.ocr_pages if parsed else [])
                if page.ocr
            ],
        }
