"""export_archive / import_archive: a full backup restores every field exactly."""

from __future__ import annotations

import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from archive import services
from archive.models import Section, Speech, Theme

pytestmark = pytest.mark.django_db(transaction=True)

RARE = (
    "在全县古籍保护工作会议上的讲话\n（2023年10月10日）\n同志们:\n"
    "𠀀𪚥字库要保护好,领导干部要重视古籍整理工作,做好群众工作。📚\n"
    "一、摸清家底\n要全面普查全县古籍存量,建立目录。\n"
    "二、加强保护\n要改善保存条件,防止损毁。\n"
)


def snapshot() -> list:
    rows = []
    for model in (Theme, Speech, Section):
        rows += json.loads(serializers.serialize("json", model.objects.order_by("pk")))
    return rows


def test_export_then_import_into_an_empty_database_is_exact(tmp_path, corpus_files, settings):
    for path in corpus_files:
        list(services.speeches_import_file(filename=path.name, data=path.read_bytes()))
    list(services.speeches_import_file(filename="rare.txt", data=RARE.encode()))
    first, second = Speech.objects.order_by("pk")[:2]
    first.similar_to.add(second)
    uploads = settings.MEDIA_ROOT
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "batch-1").mkdir()
    (uploads / "batch-1" / "原件.txt").write_bytes("原件内容".encode("gb18030"))
    before = snapshot()
    backup = tmp_path / "backup.zip"
    call_command("export_archive", str(backup), stdout=io.StringIO())

    Speech.objects.all().delete()
    Theme.objects.all().delete()
    (uploads / "batch-1" / "原件.txt").unlink()
    call_command("import_archive", str(backup), stdout=io.StringIO(), verbosity=0)

    assert snapshot() == before
    assert set(Speech.objects.get(pk=first.pk).similar_to.values_list("pk", flat=True)) == {
        second.pk
    }
    assert "𠀀𪚥" in Speech.objects.get(source="rare.txt").body
    assert (uploads / "batch-1" / "原件.txt").read_bytes() == "原件内容".encode("gb18030")
    # the index was rebuilt from the restored rows
    from django.test import Client

    results = Client().get("/api/search/", {"q": "𪚥字库"}).json()["results"]
    assert [r["title"] for r in results] == ["在全县古籍保护工作会议上的讲话"]


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    list(services.speeches_import_file(filename="rare.txt", data=RARE.encode()))
    backup = tmp_path / "backup.zip"
    call_command("export_archive", str(backup), stdout=io.StringIO())
    with pytest.raises(CommandError, match="恢复只能导入到空数据库"):
        call_command("import_archive", str(backup), stdout=io.StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="不是讲稿库的备份文件"):
        call_command("import_archive", str(bogus), stdout=io.StringIO())
