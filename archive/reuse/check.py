"""The draft check (查重): which passages of a submitted text are in the archive. Nothing here
writes: the text is normalised, looked up and forgotten."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.urls import reverse

from archive.ingest.reuse import normalize_paragraph
from archive.ingest.reuse.normalize import MIN_PARAGRAPH_CHARS
from archive.models import Speech
from archive.reuse.index import Found, find_matches
from archive.reuse.report import ParagraphMatch

# A pasted draft may come as one long block: longer paragraphs are looked up in pieces of
# whole sentences, about as long as an archived paragraph.
PIECE_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


@dataclass
class Source(ParagraphMatch):
    @property
    def passage_url(self) -> str:
        return reverse("reuse:passage", args=[self.speech.pk, f"p{self.number}"])


@dataclass
class Passage:
    number: int  # 1-based piece number in the draft
    text: str
    sources: list[Source] = field(default_factory=list)

    @property
    def best_percent(self) -> int:
        return max((s.percent for s in self.sources), default=0)


@dataclass
class CheckResult:
    pieces: int
    characters: int
    passages: list[Passage]  # pieces found in the archive
    share: float  # share of the draft's (normalised) characters found

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def speeches(self) -> int:
        return len({s.speech.pk for p in self.passages for s in p.sources})


def pieces(text: str) -> list[str]:
    found = []
    for line in text.replace("\r", "\n").split("\n"):
        line = line.strip()
        if len(line) <= PIECE_CHARS:
            if line:
                found.append(line)
            continue
        current = ""
        for sentence in _SENTENCE_END.split(line):
            if current and len(current) + len(sentence) > PIECE_CHARS:
                found.append(current)
                current = ""
            current += sentence
        if current:
            found.append(current)
    return found


def check_text(text: str, *, max_sources: int = 5) -> CheckResult:
    parts = pieces(text)
    normals = [normalize_paragraph(part) for part in parts]
    looked_up = [i for i, normal in enumerate(normals) if len(normal) >= MIN_PARAGRAPH_CHARS]
    found = find_matches([normals[i] for i in looked_up])
    speech_ids = {hit.speech_id for hits in found for hit in hits[:max_sources]}
    speeches = Speech.objects.published().select_related("place").in_bulk(speech_ids)
    passages = []
    # Short pieces (salutations, headings) are not looked up but are part of the draft.
    total = sum(len(normal) for normal in normals)
    covered = 0.0
    for i, hits in zip(looked_up, found, strict=True):
        sources = _sources(hits[:max_sources], speeches)
        if sources:
            passages.append(Passage(i + 1, parts[i], sources))
            covered += len(normals[i]) * max(s.share for s in sources)
    return CheckResult(len(parts), sum(map(len, parts)), passages, covered / total if total else 0)


def _sources(hits: list[Found], speeches: dict[int, Speech]) -> list[Source]:
    sources = [
        Source(speeches[hit.speech_id], hit.number, hit.share_here)
        for hit in hits
        if hit.speech_id in speeches
    ]
    # Earliest first among equal shares: who used it first is the likelier source.
    sources.sort(key=lambda s: (-s.percent, s.speech.date or datetime.date.max, s.speech.pk))
    return sources
