"""What a speech page and the API show of a speech's reuse: per paragraph, the other speeches
holding it (earlier = possible sources, later = reuses), and the share of the speech found in
earlier speeches."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from archive.models import Speech
from archive.reuse.models import ReuseMatch, ReuseParagraph

SOURCE, REUSE, SAME_DAY = "source", "reuse", "same"


def place_label(speech: Speech) -> str:
    """Where a speech was given: its place when the archive knows it (the name as written when
    the division is ambiguous), else its level."""
    name = speech.place.name if speech.place_id else speech.place_name
    return name or speech.level_label


def direction(this: datetime.date | None, other: datetime.date | None) -> str:
    if this and other and other < this:
        return SOURCE
    if this and other and other > this:
        return REUSE
    return SAME_DAY


@dataclass
class ParagraphMatch:
    """A paragraph of an archived speech that holds a given text (a badge on a speech page, a
    source of a checked draft)."""

    speech: Speech
    number: int  # paragraph number in that speech
    share: float  # share of the given text found there

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def url(self) -> str:
        return f"{self.speech.get_absolute_url()}#{self.anchor}"

    @property
    def place(self) -> str:
        return place_label(self.speech)


@dataclass
class Badge(ParagraphMatch):
    kind: str  # SOURCE, REUSE or SAME_DAY


@dataclass
class SpeechReuse:
    speech: Speech
    by_anchor: dict[str, list[Badge]] = field(default_factory=dict)
    earlier_share: float = 0.0  # share of the speech's indexed characters found earlier
    earlier_speeches: int = 0
    later_speeches: int = 0

    @property
    def earlier_percent(self) -> int:
        return round(self.earlier_share * 100)

    def __bool__(self) -> bool:
        return bool(self.by_anchor)


def speech_reuse(speech: Speech) -> SpeechReuse:
    """Badges by paragraph anchor, best share first, and the summary."""
    result = SpeechReuse(speech)
    lengths = dict(
        ReuseParagraph.objects.filter(speech_id=speech.pk).values_list("number", "length")
    )
    matches = (
        ReuseMatch.objects.filter(paragraph__speech_id=speech.pk, other__speech__is_published=True)
        .select_related("paragraph", "other__speech", "other__speech__place")
        # The badges need titles and dates, not the other speeches' texts.
        .defer("paragraph__text", "other__text", "other__speech__body", "other__speech__raw_text")
        .order_by("paragraph__number", "-share", "other__speech__date", "other_id")
    )
    earlier, later = set(), set()
    best_earlier: dict[int, float] = {}
    for match in matches:
        other = match.other.speech
        kind = direction(speech.date, other.date)
        number = match.paragraph.number
        badge = Badge(other, match.other.number, match.share, kind)
        result.by_anchor.setdefault(f"p{number}", []).append(badge)
        if kind == SOURCE:
            earlier.add(other.pk)
            best_earlier[number] = max(best_earlier.get(number, 0.0), match.share)
        elif kind == REUSE:
            later.add(other.pk)
    total = sum(lengths.values())
    found = sum(lengths.get(number, 0) * share for number, share in best_earlier.items())
    result.earlier_share = found / total if total else 0.0
    result.earlier_speeches, result.later_speeches = len(earlier), len(later)
    return result


def as_json(reuse: SpeechReuse, build_url) -> dict:
    """The API shape (INTERFACES.md): paragraphs with matches, and the overall share."""
    return {
        "speech": reuse.speech.pk,
        "share": round(reuse.earlier_share, 4),
        "earlier_speeches": reuse.earlier_speeches,
        "later_speeches": reuse.later_speeches,
        "paragraphs": [
            {
                "anchor": anchor,
                "matches": [
                    {
                        "speech": badge.speech.pk,
                        "url": build_url(badge.url),
                        "anchor": badge.anchor,
                        "share": round(badge.share, 4),
                        "title": badge.speech.title,
                        "date": badge.speech.date.isoformat() if badge.speech.date else None,
                        "relation": badge.kind,
                        "compare_url": build_url(compare_url(reuse.speech.pk, badge.speech.pk)),
                    }
                    for badge in badges
                ],
            }
            for anchor, badges in reuse.by_anchor.items()
        ],
    }


def compare_url(a: int, b: int) -> str:
    return reverse("reuse:compare", args=[a, b])
