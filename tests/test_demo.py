"""The demo archive that `make run` loads: what a newcomer sees first."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from archive.models import Speech

pytestmark = pytest.mark.django_db(transaction=True)


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_archive_is_complete_and_well_described():
    load_demo()
    speeches = list(Speech.objects.all())
    assert len(speeches) == 10
    for speech in speeches:
        assert speech.title and speech.date and speech.level and speech.theme, speech.title
        sections = list(speech.sections.all())
        assert len(sections) >= 4
        assert {1, 2} <= {section.depth for section in sections}
        for section in sections:
            assert speech.paragraphs[section.paragraph].startswith(section.number + section.heading)
    assert {s.level for s in speeches} == {"county", "district"}
    assert len({s.theme_id for s in speeches}) >= 3
    assert {s.date.year for s in speeches} == {2022, 2023, 2024}
    assert any("縣" in s.title or "區" in s.title for s in speeches)


def test_a_newcomer_searching_lingdao_finds_both_scripts(client):
    load_demo()
    response = client.get("/api/search/", {"q": "领导"})
    assert response.status_code == 200
    ids = [result["id"] for result in response.json()["results"]]
    bodies = [Speech.objects.get(pk=pk).body for pk in ids]
    assert any("領導" in body for body in bodies)
    assert any("领导" in body for body in bodies)


def test_if_empty_leaves_a_populated_archive_alone():
    load_demo()
    output = load_demo("--if-empty")
    assert "跳过" in output
    assert Speech.objects.count() == 10
