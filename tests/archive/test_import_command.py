"""`import_speeches` on the real corpus: what a person reading each file sees must come out."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile

import pytest
from django.core.management import call_command

from archive.models import Speech

pytestmark = pytest.mark.django_db


def loose(text: str) -> str:
    """Compare headings regardless of punctuation width and quote style, which the cleaner may
    normalize; every character a reader sees must still be there."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"'})).strip()


# What a person reading each corpus file sees: its title, date, level and top-level outline.
EXPECTED = {
    "000_ae4ea9ea04080efb.txt": {
        "title": "縣委黨務工作大會發言",
        "date": None,
        "source_published": "2022-02-01",
        "level": "county",
        "top_headings": [
            "以從嚴吏治清風正氣為重點,切實增強組織工作的公信力",
            "以提振精神和文明創建為重點,切實增強宣傳工作的感染力",
            "以團結聯合和助推發展為重點,切實增強統戰工作的凝聚力",
            "以竭盡忠誠和優質服務為重點,切實增強辦公室工作的執行力",
            "以多與群眾交朋友為重點,切實增強新形勢下群眾工作的親和力",
        ],
    },
    "001_e0fb920224ecf4c0.txt": {
        "title": "領導在走進矛盾破解難題行動工作會議上的講話",
        "date": None,
        "source_published": "2022-07-11",
        "level": "county",
        "top_headings": [
            "前階段“樹新形象、創新業績”主題實踐活動回顧",
            "開展“走進矛盾、破解難題”專項行動的主要內容",
            "開展“走進矛盾、破解難題”專項行動的方法步驟",
            "切實加強“走進矛盾,破解難題”專項行動的組織領導。",  # a run-in heading, its 。 kept
        ],
    },
    "002_88d021a1d4e96793.txt": {
        "title_has": ["全区群众工作", "平安建设", "会议上的讲话"],
        "date": None,
        "source_published": "2023-04-17",
        "level": "district",
        "top_headings": [
            "做好群众工作,必需动真格、下真功",
            "做好群众工作,必需出实招、求实效",
            "做好群众工作,必需严督导、硬考核",
        ],
    },
    "004_e68a3765c6b4734b.txt": {
        "title": "县委书记在领导干部基层接访工作专题会议上的讲话:深化四下基层作风建设",
        "date": None,
        "source_published": None,
        "level": "county",
        "top_headings": [
            '践行初心使命,让"四下基层"成为密切党群干群关系的"连心桥"',
            '坚持问题导向,让"四下基层"成为破解基层治理难题的"金钥匙"',
            '强化责任担当,让"四下基层"成为锤炼干部过硬作风的"练兵场"',
        ],
    },
}


def run_import(*args: str) -> tuple[list[dict], int]:
    out = io.StringIO()
    try:
        call_command("import_speeches", *args, "--json", stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], code


def test_every_corpus_file_imports_as_a_reader_sees_it(corpus_files):
    records, code = run_import(*map(str, corpus_files))
    assert code == 0
    by_file = {record["file"].rsplit("/", 1)[-1]: record for record in records}
    assert set(by_file) == {path.name for path in corpus_files}
    for name, record in by_file.items():
        expected = EXPECTED.get(name)
        assert record["status"] == "imported", record
        assert record["error"] is None
        assert record["url"] == f"/speeches/{record['id']}/"
        if expected is None:  # a corpus file added later: it must still import with a title
            assert record["title"]
            continue
        if "title" in expected:
            assert loose(record["title"]) == loose(expected["title"]), name
        for part in expected.get("title_has", []):
            assert part in record["title"], (name, record["title"])
        assert ".docx" not in record["title"] and "下载" not in record["title"]
        # The pages' 时间 lines are upload stamps: the publication time, not the speech date.
        assert record["date"] == expected["date"], name
        assert record["source_published"] == expected["source_published"], name
        assert record["kind"] == "speech" and record["published"] is True, name
        assert record["level"] == expected["level"], name
        top = [s for s in record["sections"] if s["depth"] == 1]
        assert [loose(s["heading"]) for s in top] == [loose(h) for h in expected["top_headings"]]
        assert [s["anchor"] for s in top] == [f"s{i}" for i in range(1, len(top) + 1)]
        speech = Speech.objects.get(pk=record["id"])
        assert speech.sections.count() == len(record["sections"])
        assert "导语" not in speech.body and "導語" not in speech.body
        assert "上一篇" not in speech.body and "(lǐng)" not in speech.body


def test_reimporting_the_same_files_reports_duplicates(corpus_files):
    first, _ = run_import(*map(str, corpus_files))
    second, code = run_import(*map(str, corpus_files))
    assert code == 0
    ids = {record["file"]: record["id"] for record in first}
    assert [record["status"] for record in second] == ["duplicate"] * len(corpus_files)
    for record in second:
        assert record["duplicate_of"] == ids[record["file"]]
    assert Speech.objects.count() == len(corpus_files)


def test_dry_run_saves_nothing(corpus_files):
    records, code = run_import("--dry-run", str(corpus_files[0]))
    assert code == 0
    assert records[0]["status"] == "imported" and records[0]["title"]
    assert Speech.objects.count() == 0


def test_a_bad_file_fails_alone_and_sets_the_exit_status(tmp_path, corpus_files):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    records, code = run_import(str(bad), str(corpus_files[0]))
    assert code == 1
    statuses = {record["file"].rsplit("/", 1)[-1]: record for record in records}
    assert statuses["broken.docx"]["status"] == "error"
    assert statuses["broken.docx"]["error"]
    assert statuses[corpus_files[0].name]["status"] == "imported"


def test_a_folder_and_a_zip_import_every_speech_inside(tmp_path, corpus_files):
    archive_path = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive_path, "w") as bundle:
        for path in corpus_files[:2]:
            bundle.writestr(f"nested/{path.name}", path.read_bytes())
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / corpus_files[2].name).write_bytes(corpus_files[2].read_bytes())
    records, code = run_import(str(archive_path), str(folder))
    assert code == 0
    assert sorted(r["status"] for r in records) == ["imported"] * 3
    assert any(r["file"].endswith(f"batch.zip/nested/{corpus_files[0].name}") for r in records)


def test_an_oversized_file_is_refused_with_a_size_error(tmp_path, settings, corpus_files):
    settings.INGEST_MAX_FILE_BYTES = 1024
    records, code = run_import(str(corpus_files[0]))
    assert code == 1
    assert records[0]["status"] == "error"
    assert "过大" in records[0]["error"]


@pytest.mark.django_db(transaction=True)
def test_imported_speeches_are_searchable_when_the_command_ends(client, corpus_files):
    from search.upkeep.queue import pending_count

    records, code = run_import(*map(str, corpus_files))
    assert code == 0
    assert pending_count() == 0
    found = client.get("/api/search/", {"q": "走进矛盾破解难题"}).json()["results"]
    assert [r["id"] for r in found] == [
        r["id"] for r in records if r["file"].endswith("001_e0fb920224ecf4c0.txt")
    ]
    everything = client.get("/api/search/", {"q": "同志"}).json()
    assert everything["count"] == len(corpus_files)
