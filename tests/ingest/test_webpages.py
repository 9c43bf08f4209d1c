"""The real speech pages in ../shared/webpages, imported as an editor would import them, checked
against their hand-written truths (truth.json): kind, title, delivery date, level, top-level
headings and the site chrome left in the stored body. The texts are read from the shared
folder, never copied here. The totals are printed at the end of the run."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest
from django.core.management import call_command

from archive.models import Speech
from tests.ingest.reporting import TOTALS_KEY
from tests.shared_data import webpages_dir

pytestmark = pytest.mark.django_db


def norm(text: str | None) -> str:
    """Compare as the truths are written: width and spacing do not count."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def truths() -> dict:
    folder = webpages_dir()
    path = folder / "truth.json"
    if not path.exists():
        from tests.shared_data import _require

        _require([], folder)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker) -> dict[str, dict]:
    """Every page through `import_speeches --json`, with the stored body beside its record."""
    pages = truths()
    folder = webpages_dir()
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command(
            "import_speeches",
            *(str(folder / name) for name in sorted(pages)),
            "--json",
            stdout=out,
            stderr=io.StringIO(),
        )
        records = {}
        for line in out.getvalue().splitlines():
            record = json.loads(line)
            speech = Speech.objects.filter(pk=record["id"]).first()
            record["body"] = speech.body if speech else ""
            records[record["file"].rsplit("/", 1)[-1]] = record
        Speech.objects.all().delete()
    return records


GLOSS_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def heading_found(heading: str, sections: list[dict]) -> bool:
    """The truth's heading is a section's number + heading (or its heading), exactly; a pinyin
    gloss such as 認(rèn) in the truth is left out (the importer removes glosses)."""
    wanted = norm(GLOSS_RE.sub("", heading))
    return any(wanted in (norm(s["number"] + s["heading"]), norm(s["heading"])) for s in sections)


def test_every_page_is_imported_as_what_it_is(imported):
    pages = truths()
    wrong = {
        name: (record["kind"], pages[name]["kind"])
        for name, record in imported.items()
        if record["kind"] != pages[name]["kind"]
    }
    assert set(imported) == set(pages)
    assert all(r["status"] == "imported" for r in imported.values())
    assert wrong == {}
    for name, record in imported.items():
        # What is not a speech is kept for the editor, not published as one.
        assert record["published"] is (pages[name]["kind"] == "speech"), name


def test_titles_dates_and_levels_of_the_speeches(imported):
    misses = []
    for name, truth in truths().items():
        record = imported[name]
        if truth["kind"] != "speech":
            continue
        if truth["title"] and norm(record["title"]) != norm(truth["title"]):
            misses.append((name, "title", record["title"], truth["title"]))
        if record["date"] != truth["date"]:
            misses.append((name, "date", record["date"], truth["date"]))
        if record["level"] != truth["level"]:
            misses.append((name, "level", record["level"], truth["level"]))
    assert misses == []


def test_no_chrome_line_survives_in_a_stored_body(imported):
    left = [
        (name, line)
        for name, truth in truths().items()
        if truth["kind"] == "speech"
        for line in truth["chrome"]
        if norm(line) in norm(imported[name]["body"])
    ]
    assert left == []


def test_speech_text_is_not_lost_with_the_chrome(imported):
    """The first words of the speech and every heading and run-in item of the truth are in the
    stored body (a gloss such as 認(rèn) is left out of the comparison: it is removed)."""
    lost = []
    for name, truth in truths().items():
        if truth["kind"] != "speech":
            continue
        body = norm(imported[name]["body"])
        for part in [truth["body_first"], *truth["l1"], *truth["l2"], *truth["runin"]]:
            if norm(GLOSS_RE.sub("", part))[:12] not in body:
                lost.append((name, part[:20]))
    assert lost == []


def test_top_level_headings_and_totals(imported, request):
    pages = truths()
    speeches = {n: t for n, t in pages.items() if t["kind"] == "speech"}
    counts = {"titles": [0, 0], "dates": [0, 0], "levels": [0, 0], "headings": [0, 0]}
    missing = []
    chrome = [0, 0]
    for name, truth in speeches.items():
        record = imported[name]
        if truth["title"]:
            counts["titles"][1] += 1
            counts["titles"][0] += norm(record["title"]) == norm(truth["title"])
        for key, field in (("dates", "date"), ("levels", "level")):
            counts[key][1] += 1
            counts[key][0] += record[field] == truth[field]
        for heading in truth["l1"]:
            counts["headings"][1] += 1
            if heading_found(heading, record["sections"]):
                counts["headings"][0] += 1
            else:
                missing.append((name, heading))
        chrome[1] += len(truth["chrome"])
        chrome[0] += sum(norm(c) in norm(record["body"]) for c in truth["chrome"])
    kinds = sum(imported[n]["kind"] == t["kind"] for n, t in pages.items())
    summary = ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in counts.items())
    request.config.stash[TOTALS_KEY] = (
        f"open-web ingest (shared/webpages): {summary}, chrome lines left {chrome[0]}/{chrome[1]},"
        f" kinds {kinds}/{len(pages)}; headings not found exactly: {missing or 'none'}"
    )
    ok, n = counts["headings"]
    assert ok >= n - 1, missing
