"""A passage's history: every speech whose paragraph holds it, by date: who used it first and
where it went next. Followed two steps through the stored matches (A→B→C finds C even when
C's edits moved it too far from A for a direct match)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from archive.models import Speech
from archive.reuse.models import ReuseMatch, ReuseParagraph
from archive.reuse.report import place_label

STEPS = 2
MAX_PARAGRAPHS = 200


@dataclass
class Use:
    speech: Speech
    number: int
    share: float | None  # share of the starting paragraph found in it (direct matches only)
    is_start: bool = False

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def url(self) -> str:
        return f"{self.speech.get_absolute_url()}#p{self.number}"

    @property
    def place(self) -> str:
        return place_label(self.speech)


def passage_history(start: ReuseParagraph) -> list[Use]:
    direct = dict(ReuseMatch.objects.filter(paragraph=start).values_list("other_id", "share"))
    reached = {start.pk, *direct}
    frontier = set(direct)
    for _step in range(STEPS - 1):
        if not frontier or len(reached) >= MAX_PARAGRAPHS:
            break
        nxt = set(
            ReuseMatch.objects.filter(paragraph_id__in=frontier).values_list("other_id", flat=True)
        )
        frontier = nxt - reached
        reached |= frontier
    rows = (
        ReuseParagraph.objects.filter(
            pk__in=list(reached)[:MAX_PARAGRAPHS], speech__is_published=True
        )
        .select_related("speech", "speech__place")
        .defer("text", "speech__body", "speech__raw_text")
    )
    uses = [
        Use(
            row.speech,
            row.number,
            1.0 if row.pk == start.pk else direct.get(row.pk),
            row.pk == start.pk,
        )
        for row in rows
    ]
    uses.sort(key=lambda u: (u.speech.date or datetime.date.max, u.speech.pk, u.number))
    return uses
