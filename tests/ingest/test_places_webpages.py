"""Places and speakers of the real pages in ../shared/webpages against truth.json: right (or
rightly empty) on at least 90 % of the speeches each, and the level never contradicting the
place's kind. The figures are printed; the goals are asserted."""

from __future__ import annotations

import json

import pytest

from archive.ingest.gazetteer import default_gazetteer, level_of_kind
from archive.ingest.pipeline import parse_document
from archive.ingest.script import to_simplified
from archive.ingest.speakers import normalize_role
from tests.shared_data import webpage_files, webpages_dir

GOAL = 0.9


@pytest.fixture(scope="module")
def parsed() -> dict:
    webpage_files("*.txt")  # skips (fails in CI) without the shared folder
    truth = json.loads((webpages_dir() / "truth.json").read_text(encoding="utf-8"))
    return {
        name: (t, parse_document(name, (webpages_dir() / name).read_bytes()))
        for name, t in truth.items()
    }


def place_right(truth_place: str | None, parsed) -> bool:
    if not truth_place:
        return not parsed.place_name
    gaz = default_gazetteer()
    division = gaz.get(parsed.place_code) if parsed.place_code else None
    names = {to_simplified(parsed.place_name)}
    if division is not None:
        names |= {division.name, division.short}
    return to_simplified(truth_place) in names


def test_places_and_speakers_of_the_speeches(parsed):
    speeches = {n: v for n, v in parsed.items() if v[0]["kind"] == "speech"}
    places = [n for n, (t, p) in speeches.items() if place_right(t["place"], p)]
    speakers = [n for n, (t, p) in speeches.items() if (t["speaker"] or "") == p.speaker]
    roles = [
        n
        for n, (t, p) in speeches.items()
        if normalize_role(t["speaker_role"] or "", t["level"]) == p.speaker_role
    ]
    total = len(speeches)
    print(
        f"\nplaces {len(places)}/{total}, speakers {len(speakers)}/{total}, "
        f"roles {len(roles)}/{total}"
    )
    assert len(places) >= GOAL * total, sorted(set(speeches) - set(places))
    assert len(speakers) >= GOAL * total, sorted(set(speeches) - set(speakers))


def test_level_never_contradicts_the_place(parsed):
    gaz = default_gazetteer()
    for name, (_truth, p) in parsed.items():
        if p.place_code:
            division = gaz.get(p.place_code)
            kinds = {division.kind, *(f.kind for f in division.former)}
            assert p.level in {level_of_kind(k) for k in kinds}, name
