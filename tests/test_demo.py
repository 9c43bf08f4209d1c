"""The demo archive that `make run` loads into an empty database: what a newcomer sees first.

Expectations come from the demo files themselves (their first line, their 时间 line, the level
named in the file name), so editing a demo text never needs a matching edit here.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import opencc
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive import services
from archive.management.commands import load_demo as load_demo_command
from archive.models import Speech

DEMO_FILES = sorted(load_demo_command.DEMO_DIR.glob("*.txt"))
DATE_LINE_RE = re.compile(r"^（(\d{4})年(\d{1,2})月(\d{1,2})日）$")  # the dateline under the title
LEVEL_IN_NAME_RE = re.compile(r"^\d{2}-(county|district)-")
T2S = opencc.OpenCC("t2s")


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def is_traditional(text: str) -> bool:
    return T2S.convert(text) != text


@pytest.fixture
def demo(db) -> dict[str, Speech]:
    """The demo loaded the way `make run` loads it; speeches by demo file name."""
    output = load_demo("--if-empty")
    assert "完成" in output
    return {speech.source: speech for speech in Speech.objects.all()}


# --- the texts themselves (no database) ---


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_demo_text_has_the_agreed_shape(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert 800 <= len(text) <= 1600, len(text)
    assert re.fullmatch(r"\d{2}-[a-z0-9-]+\.txt", path.name)
    assert lines[0].endswith(("讲话", "講話")), lines[0]
    assert DATE_LINE_RE.match(lines[1]), lines[1]
    assert lines[2] in ("同志们:", "同志們:")
    assert LEVEL_IN_NAME_RE.match(path.name), "file name says county or district"


def test_demo_texts_cover_both_scripts_and_the_newcomers_words():
    texts = [p.read_text(encoding="utf-8") for p in DEMO_FILES]
    assert len(texts) == 10
    hant = [t for t in texts if is_traditional(t)]
    hans = [t for t in texts if not is_traditional(t)]
    assert len(hant) >= 3 and hans
    # The first search in the README is 领导; it must meet both scripts.
    assert all("領導" in t for t in hant) and all("领导" in t for t in hans)
    assert any("群眾工作" in t for t in hant) and any("群众工作" in t for t in hans)


# --- what the import makes of them ---


def test_every_demo_speech_shows_what_its_file_says(demo):
    assert sorted(demo) == [p.name for p in DEMO_FILES]
    for path in DEMO_FILES:
        speech = demo[path.name]
        lines = path.read_text(encoding="utf-8").splitlines()
        y, m, d = DATE_LINE_RE.match(lines[1]).groups()
        assert speech.title == lines[0]
        assert speech.date == datetime.date(int(y), int(m), int(d)), path.name
        assert speech.level == LEVEL_IN_NAME_RE.match(path.name)[1], path.name
        assert speech.theme is not None, f"{path.name}: no theme suggested"
        assert is_traditional(speech.body) == is_traditional(lines[0]), path.name

        sections = list(speech.sections.order_by("order"))
        assert len(sections) >= 4, path.name
        assert {1, 2} <= {s.depth for s in sections}, path.name
        assert sections[0].number == "一、" and sections[0].anchor == "s1", path.name
        paragraphs = speech.paragraphs
        for section in sections:
            # Every outline entry opens the paragraph it links to on the speech page.
            assert paragraphs[section.paragraph].startswith(section.number + section.heading)


def test_demo_archive_is_varied(demo):
    speeches = list(demo.values())
    assert {s.level for s in speeches} == {"county", "district"}
    assert len({s.theme.name for s in speeches}) >= 3
    assert {s.date.year for s in speeches} >= {2022, 2023, 2024}
    assert sum(is_traditional(s.body) for s in speeches) >= 3
    assert any(s.sections.filter(depth=3).exists() for s in speeches), "no 1、 level anywhere"


def test_a_newcomer_searching_lingdao_finds_both_scripts(
    db, client, django_capture_on_commit_callbacks
):
    # The index is updated after commit; run those callbacks as a real request would.
    with django_capture_on_commit_callbacks(execute=True):
        load_demo("--if-empty")
    for query in ("领导", "領導"):
        response = client.get("/api/search/", {"q": query})
        assert response.status_code == 200
        bodies = [Speech.objects.get(pk=r["id"]).body for r in response.json()["results"]]
        assert any("領導" in body for body in bodies), query
        assert any("领导" in body for body in bodies), query


# --- the command's contract ---


def test_if_empty_leaves_a_populated_archive_alone(db):
    first = DEMO_FILES[0]
    outcomes = list(services.speeches_import_file(filename=first.name, data=first.read_bytes()))
    assert [o.status for o in outcomes] == [services.STATUS_IMPORTED]
    output = load_demo("--if-empty")
    assert load_demo_command.MESSAGE_NOT_EMPTY in output
    assert Speech.objects.count() == 1


def test_loading_twice_reports_duplicates_not_failures(demo):
    output = load_demo()
    assert Speech.objects.count() == len(DEMO_FILES)
    progress = [line for line in output.splitlines() if line.startswith("[")]
    assert len(progress) == len(DEMO_FILES)
    assert all(line.endswith("已存在（跳过）") for line in progress)
    assert "失败" not in output


def test_a_demo_file_that_fails_makes_the_command_fail(db, tmp_path, monkeypatch):
    (tmp_path / "01-good.txt").write_bytes(DEMO_FILES[0].read_bytes())
    (tmp_path / "02-empty.txt").write_bytes(b"")
    monkeypatch.setattr(load_demo_command, "DEMO_DIR", tmp_path)
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("load_demo", stdout=out)
    assert "02-empty.txt" in str(failure.value)
    assert "失败" in out.getvalue()
    # The good file is not held back by the bad one.
    assert Speech.objects.filter(source="01-good.txt").exists()


def test_an_empty_demo_folder_is_an_error(db, tmp_path, monkeypatch):
    monkeypatch.setattr(load_demo_command, "DEMO_DIR", tmp_path)
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
    assert not Speech.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_setup_archive_loads_and_indexes_an_empty_archive_once():
    from search.backends import backend

    matching_ids = backend().matching_ids
    call_command("setup_archive", stdout=io.StringIO(), stderr=io.StringIO())
    speeches = set(Speech.objects.values_list("pk", flat=True))
    assert len(speeches) == len(DEMO_FILES)
    assert matching_ids("领导") == speeches  # searchable, in both scripts
    call_command("setup_archive", stdout=io.StringIO(), stderr=io.StringIO())
    assert set(Speech.objects.values_list("pk", flat=True)) == speeches
