"""The documentation describes the project as it is, not the story of how it got there."""

from __future__ import annotations

import re

from tests.shared_data import REPO_ROOT

NARRATIVE = re.compile(r"\bsession \d+|\bthis session\b|\bprevious session\b", re.IGNORECASE)


def test_no_document_narrates_working_sessions():
    documents = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
    found = {
        path.name: NARRATIVE.findall(path.read_text(encoding="utf-8"))
        for path in documents
        if NARRATIVE.search(path.read_text(encoding="utf-8"))
    }
    assert found == {}


def test_performance_figures_name_their_machine_and_commit():
    text = (REPO_ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert "## Machine" in text and "nproc" in text
    assert re.search(r"at `[0-9a-f]{7}`", text)
