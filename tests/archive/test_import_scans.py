"""`import_speeches` reads scans too: a photo given on the command line, one small page."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from archive import services
from archive.models import Speech
from tests.ocr_samples import TITLE, sample_png

pytestmark = pytest.mark.django_db


def test_photo_is_imported_marked_as_scanned(tmp_path, capsys):
    folder = tmp_path / "扫描件"
    folder.mkdir()
    (folder / "安全生产讲话.png").write_bytes(sample_png())
    (folder / "说明.xyz").write_text("不是讲话", encoding="utf-8")  # not collected from a folder
    call_command("import_speeches", str(folder), "--json")
    [line] = capsys.readouterr().out.strip().splitlines()
    record = json.loads(line)
    assert record["status"] == "imported" and record["title"] == TITLE
    assert record["from_scan"] is True
    assert [page["page"] for page in record["ocr_confidence"]] == [1]
    speech = Speech.objects.get()
    assert speech.from_scan and "一、认清当前形势" in speech.paragraphs
    # Cleaning the kept OCR text again (after a pipeline change) keeps the scan's marks.
    services.speech_reingest(speech=speech)
    speech.refresh_from_db()
    assert speech.from_scan and speech.ocr_confidence == record["ocr_confidence"]
