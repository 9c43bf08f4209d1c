"""SIGKILL in the middle of work: an import batch and an index rebuild. Nothing half-saved,
nothing doubled, and simply running the same command again finishes the job."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from archive.ingest import iter_documents
from tests.reliability.harness import DataDir, write_speeches

BATCH = 12


def wait_for(predicate, *, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"process ended (exit {process.returncode}) before the kill")
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def speech_count(data: DataDir) -> int:
    try:
        return data.sql("SELECT COUNT(*) FROM archive_speech")[0][0]
    except Exception:  # noqa: BLE001 - the table may be locked or mid-creation; poll again
        return 0


@pytest.fixture
def data(tmp_path) -> DataDir:
    data = DataDir(tmp_path / "data")
    data.migrate()
    return data


def expected_outlines(folder) -> dict[str, int]:
    """title → number of sections the pipeline finds in each file (pure, no database)."""
    outlines = {}
    for path in sorted(folder.iterdir()):
        for _name, parsed in iter_documents(path.name, path.read_bytes()):
            outlines[parsed.title] = len(parsed.sections)
    return outlines


def assert_whole_speeches(data: DataDir, expected: dict[str, int]) -> None:
    """Every saved speech has its full outline (speech and sections are one transaction)."""
    rows = data.sql(
        "SELECT s.title, COUNT(x.id) FROM archive_speech s "
        "LEFT JOIN archive_section x ON x.speech_id = s.id GROUP BY s.id"
    )
    assert rows
    assert {title: n for title, n in rows} == {title: expected[title] for title, _n in rows}


def test_import_killed_mid_batch_leaves_whole_speeches_and_a_rerun_finishes(tmp_path, data):
    folder = tmp_path / "batch"
    write_speeches(folder, BATCH)
    expected = expected_outlines(folder)
    assert len(expected) == BATCH
    process = data.popen(
        data.command("import_speeches", str(folder)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: speech_count(data) >= 3, timeout=60, process=process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = speech_count(data)
    assert 3 <= killed_at < BATCH
    assert_whole_speeches(data, expected)

    rerun = data.manage("import_speeches", "--json", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    statuses = [line.split('"status": "')[1].split('"')[0] for line in rerun.stdout.splitlines()]
    assert statuses.count("duplicate") >= killed_at
    assert statuses.count("imported") + statuses.count("duplicate") == BATCH

    assert speech_count(data) == BATCH
    assert_whole_speeches(data, expected)
    titles = [row[0] for row in data.sql("SELECT title FROM archive_speech")]
    assert len(set(titles)) == BATCH
    # The index may miss the speech being indexed at the kill; the repair brings it in line.
    data.manage("check_index", "--repair")
    checked = data.manage("check_index")
    assert checked.returncode == 0, checked.stdout + checked.stderr


REBUILD_THEN_HANG = """
import time
from search.backends.whoosh import rebuild

rebuild.BUILD_BATCH = 2
original = rebuild.add_speeches

def slow(writer, backend, ids):
    original(writer, backend, ids)
    print("batch", flush=True)
    time.sleep(30)

rebuild.add_speeches = slow
rebuild.rebuild()
"""


def test_rebuild_killed_mid_way_keeps_the_live_index_and_the_next_rebuild_succeeds(tmp_path, data):
    folder = tmp_path / "batch"
    write_speeches(folder, 6)
    assert data.manage("import_speeches", str(folder)).returncode == 0
    live_before = data.index_dir.resolve()

    code = "import django\ndjango.setup()\n" + REBUILD_THEN_HANG
    process = data.popen([data.command("shell")[0], "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "batch"
    process.send_signal(signal.SIGKILL)
    process.wait()

    # The link still points at the old, complete index, and it answers searches.
    assert data.index_dir.resolve() == live_before
    found = data.python(
        "from search.backends.whoosh.engine import matching_ids\nprint(len(matching_ids('编号3')))"
    )
    assert found.stdout.strip() == "1", found.stderr

    rebuilt = data.manage("rebuild_index", "--noinput")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert data.index_dir.resolve() != live_before
    checked = data.manage("check_index")
    assert checked.returncode == 0, checked.stdout + checked.stderr
