"""What only the PostgreSQL backend does: refuse another database, match the end of a long
speech (chunks), and change the index in the writing transaction itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from archive import services
from archive.models import Speech
from tests.search.conftest import make_speech, matching_ids

ROOT = Path(__file__).resolve().parents[2]
on_postgres = pytest.mark.skipif(
    settings.SEARCH_BACKEND != "postgres", reason="只在 SEARCH_BACKEND=postgres 时运行"
)


def test_postgres_backend_refuses_sqlite_at_start_up(tmp_path):
    env = {
        **os.environ,
        "SEARCH_BACKEND": "postgres",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库" in done.stderr


@on_postgres
@pytest.mark.django_db
def test_a_phrase_at_the_end_of_a_long_speech_is_found():
    # 100 characters, each repeated past tsvector's 256 positions per lexeme, 30,000 in all.
    filler = "".join(chr(0x4E00 + n) for n in range(100))
    speech = make_speech("长讲话", filler * 300 + "秸秆禁烧最后一句")
    assert len(speech.body) > 16_383
    assert matching_ids("秸秆禁烧最后一句") == {speech.pk}
    assert matching_ids("禁烧最后") == {speech.pk}


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_index_changes_in_the_writing_transaction():
    speech = make_speech("甲讲话", "安全生产要抓紧")

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.speech_delete(speech=Speech.objects.get(pk=speech.pk))
        assert matching_ids("安全生产") == set()  # inside the transaction: already gone
        raise Abort
    assert matching_ids("安全生产") == {speech.pk}  # rolled back together with the speech
    services.speech_delete(speech=Speech.objects.get(pk=speech.pk))
    assert matching_ids("安全生产") == set()


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_rebuild_builds_new_tables_and_swaps_them_in(settings):
    from django.db import connection

    from search.backends.postgres.inventory import missing_indexes
    from search.models import SearchDocument

    settings.REBUILD_PROCS = 2
    speeches = [make_speech(f"第{i}篇", f"重建测试{i}") for i in range(3)]
    SearchDocument.objects.all().delete()  # the index lost its documents
    out = io.StringIO()
    call_command("rebuild_index", "--noinput", stdout=out)
    assert "已索引 3/3 篇" in out.getvalue()
    assert matching_ids("重建测试") == {s.pk for s in speeches}
    with connection.cursor() as cursor:
        assert missing_indexes(cursor) == []
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid IN ("
            "'speech_search_searchdocument'::regclass, 'speech_search_searchchunk'::regclass)"
        )
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "speech_search_searchchunk_pkey",
            "speech_search_searchdocument_pkey",
        ]
    make_speech("第四篇", "重建测试之后")  # the swapped tables take writes
    assert len(matching_ids("重建测试")) == 4
    call_command("check_index", stdout=io.StringIO())
