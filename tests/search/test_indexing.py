"""The index follows the database: saves, deletes, unpublishing, concurrent writers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.index import LockError

from archive.models import Speech
from search.backends.whoosh.store import open_index
from search.models import IndexTask
from search.upkeep import batching, queue
from search.upkeep.queue import apply_pending, pending_count, schedule_index, schedule_removal
from tests.search.conftest import make_speech, matching_ids

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.django_db
def test_edit_delete_and_unpublish_reach_the_index():
    speech = make_speech("甲讲话", "安全生产要抓紧")
    assert matching_ids("安全生产") == {speech.pk}
    speech.body = "防汛抗旱要抓紧"
    speech.save()
    schedule_index([speech.pk])
    assert matching_ids("安全生产") == set()
    assert matching_ids("防汛") == {speech.pk}
    Speech.objects.filter(pk=speech.pk).update(is_published=False)
    schedule_index([speech.pk])
    assert matching_ids("防汛") == set()
    other = make_speech("乙讲话", "防汛抗旱")
    pk = other.pk
    other.delete()
    schedule_removal([pk])
    assert matching_ids("防汛") == set()
    assert pending_count() == 0


@pytest.mark.whoosh_only
@pytest.mark.django_db
def test_work_stays_queued_while_another_writer_holds_the_index():
    speech = make_speech("甲讲话", "安全生产", index=False)
    writer = open_index().writer()
    try:
        applied = queue.record_and_apply([speech.pk], timeout=0.2)
    finally:
        writer.cancel()
    assert applied == 0
    assert pending_count() == 1
    assert matching_ids("安全生产") == set()
    # The next writer applies everything pending, not only its own work.
    later = make_speech("乙讲话", "安全生产")
    assert matching_ids("安全生产") == {speech.pk, later.pk}
    assert pending_count() == 0


@pytest.mark.whoosh_only  # one Whoosh index shared by processes; PostgreSQL: the database's job
def test_concurrent_writer_processes_lose_no_update_and_no_delete(tmp_path, settings):
    """Four processes (as four gunicorn workers) edit and delete speeches at the same time,
    each updating the one shared index; afterwards the index matches the database exactly."""
    (tmp_path / "data").mkdir()
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "WHOOSH_INDEX_DIR": str(tmp_path / "data" / "whoosh_index"),
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        # Always a throw-away SQLite file, even when the suite runs on PostgreSQL.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'archive.sqlite3'}",
    }

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "tests.search.concurrent_writer", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    ids = json.loads(run("setup", "48"))
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.search.concurrent_writer",
                "write",
                str(i),
                "4",
                json.dumps(ids),
            ],
            env=env,
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    for worker in workers:
        _out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    kept = [pk for i in range(4) for n, pk in enumerate(ids[i::4]) if n % 4 != 3]
    assert 0 < len(kept) < len(ids)
    each = [f"改写{pk:04d}号" for pk in kept]
    found = json.loads(run("found", "并发写入", "并发", "原文", *each))
    assert found.pop("并发写入") == sorted(kept)
    assert found.pop("并发") == sorted(kept)
    assert found.pop("原文") == []
    assert found == {term: [pk] for term, pk in zip(each, kept, strict=True)}


def test_lock_error_is_what_a_busy_writer_raises(tmp_path):
    from whoosh.fields import ID, Schema
    from whoosh.index import create_in

    ix = create_in(str(tmp_path), Schema(id=ID))
    first = ix.writer()
    try:
        with pytest.raises(LockError):
            ix.writer(timeout=0.1)
    finally:
        first.cancel()


@pytest.mark.django_db
def test_queue_rows_are_removed_once_applied():
    speech = make_speech("甲", "乙", index=False)
    IndexTask.objects.create(speech_id=speech.pk)
    IndexTask.objects.create(speech_id=speech.pk)
    assert apply_pending() == 2
    assert matching_ids("乙") == {speech.pk}


@pytest.mark.whoosh_only
@pytest.mark.django_db
def test_a_bulk_load_into_a_smaller_index_is_built_by_a_rebuild(monkeypatch):
    old = make_speech("旧讲话", "防汛抗旱要抓紧")
    monkeypatch.setattr(batching, "BULK_REBUILD_MIN", 2)
    steps = []
    with batching.deferred(progress=lambda done, total: steps.append((done, total))):
        new = [make_speech(f"新讲话{n}", f"秸秆禁烧第{n}次部署") for n in range(3)]
    assert steps and steps[-1] == (4, 4)  # the rebuild reported its progress
    assert matching_ids("秸秆禁烧") == {s.pk for s in new}
    assert matching_ids("防汛") == {old.pk}
    assert pending_count() == 0
    # A few more speeches than that go through the queue into the live index.
    with batching.deferred(progress=lambda done, total: steps.append((done, total))):
        extra = make_speech("又一篇", "秸秆禁烧再部署")
    assert steps[-1] == (4, 4)
    assert extra.pk in matching_ids("秸秆禁烧")
