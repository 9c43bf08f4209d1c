"""The upload worker (huey consumer) SIGKILLed in the middle of importing a batch: its task is
gone from the queue. The next consumer to start queues the batch again; the rerun imports each
file exactly once and applies the index work the killed one left queued."""

from __future__ import annotations

import signal
import subprocess

import pytest

from tests.reliability.harness import DataDir, write_speeches
from tests.reliability.test_kill import speech_count, wait_for

FILES = 30

CREATE_BATCH = """
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from archive.uploads import storage, tasks
from archive.uploads.models import UploadBatch
from django.utils import timezone
batch = UploadBatch.objects.create(progressed_at=timezone.now())
files = []
for order, path in enumerate(sorted(Path({folder!r}).iterdir()), start=1):
    uploaded = SimpleUploadedFile(path.name, path.read_bytes())
    files.append({{"name": path.name, "size": uploaded.size,
                   "path": storage.store(batch.pk, order, uploaded)}})
batch.files = files
batch.total = len(files)
batch.save()
tasks.parse_batch(batch.pk)
print(batch.pk)
"""

START_IMPORT = """
from django.utils import timezone
from archive.uploads import tasks
from archive.uploads.models import UploadBatch
pending = UploadBatch.objects.get(pk={pk}).items.count()
UploadBatch.objects.filter(pk={pk}).update(
    state="importing", done=0, total=pending, progressed_at=timezone.now())
tasks.import_batch({pk})
"""


def batch_row(data: DataDir, pk: int) -> tuple[str, int]:
    try:
        return tuple(data.sql(f"SELECT state, done FROM uploads_uploadbatch WHERE id={pk}")[0])
    except Exception:  # noqa: BLE001 - the database may be locked by the writer; poll again
        return ("", 0)


@pytest.fixture
def data(tmp_path, monkeypatch) -> DataDir:
    data = DataDir(tmp_path / "data")
    data.migrate()
    return data


def consumer(data: DataDir, log) -> subprocess.Popen:
    return data.popen(
        data.command("run_huey", "--workers", "1"), stdout=log, stderr=subprocess.STDOUT
    )


def test_killed_upload_worker_is_recovered_by_the_next_one(data, tmp_path, monkeypatch):
    write_speeches(tmp_path / "in", FILES)
    made = data.python(CREATE_BATCH.format(folder=str(tmp_path / "in")))
    assert made.returncode == 0, made.stderr
    pk = int(made.stdout.split()[-1])
    # No grace at start-up: the batch below was interrupted moments before.
    monkeypatch.setenv("UPLOAD_STARTUP_GRACE_SECONDS", "0")
    with open(tmp_path / "huey.log", "ab") as log:
        first = consumer(data, log)
        try:
            wait_for(lambda: batch_row(data, pk)[0] == "review", timeout=120, process=first)
            started = data.python(START_IMPORT.format(pk=pk))
            assert started.returncode == 0, started.stderr
            wait_for(lambda: speech_count(data) >= 3, timeout=120, process=first)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        state, done = batch_row(data, pk)
        saved = speech_count(data)
        assert state == "importing" and 0 < saved < FILES, (state, done, saved)

        second = consumer(data, log)
        try:
            wait_for(lambda: batch_row(data, pk)[0] == "done", timeout=180, process=second)
        finally:
            second.terminate()
            second.wait(timeout=30)

    assert speech_count(data) == FILES
    assert data.sql("SELECT COUNT(DISTINCT fingerprint) FROM archive_speech")[0][0] == FILES
    statuses = data.sql(
        f"SELECT status, COUNT(*), COUNT(DISTINCT speech_id) FROM uploads_uploaditem "
        f"WHERE batch_id={pk} GROUP BY status"
    )
    assert statuses == [("imported", FILES, FILES)]
    assert data.sql("SELECT COUNT(*) FROM speech_search_indextask")[0][0] == 0
    checked = data.manage("check_index")
    assert checked.returncode == 0, checked.stdout + checked.stderr
