"""A missing or damaged index: search says 搜索暂不可用 (never a 500), reading and browsing go
on, /healthz says so, saves still succeed, and ``rebuild_index --noinput`` restores search."""

from __future__ import annotations

import datetime
import shutil

import pytest
from django.core.management import call_command

from archive.models import Speech, Theme
from search.backends.whoosh import engine
from search.upkeep.queue import pending_count
from search.upkeep.rebuild import rebuild
from tests.reliability.harness import DataDir, write_speeches
from tests.search.conftest import make_speech

UNAVAILABLE = "搜索暂不可用"


def break_index(live, mode: str) -> None:
    """Damage the index as a new process will find it. Files are replaced, not rewritten in
    place: a worker that has a segment mapped into memory dies of SIGBUS when the file under
    the mapping is truncated (see docs/reliability.md)."""
    target = live.resolve()
    if mode == "missing":
        shutil.rmtree(target)
        live.unlink()
    elif mode == "dangling-link":
        shutil.rmtree(target)
    elif mode == "emptied":
        for item in target.iterdir():
            item.unlink()
    elif mode in {"garbage", "segments-truncated"}:
        for item in target.iterdir():
            if mode == "garbage":
                damaged = b"\x00garbage\xff" * 10
            elif item.suffix == ".toc":
                continue
            else:
                damaged = item.read_bytes()[:20]
            item.unlink()
            item.write_bytes(damaged)
    else:
        raise ValueError(mode)
    # Searchers cached by earlier requests still hold the old files open; a worker started
    # after the damage (or after gunicorn replaced one) has none.
    cached = getattr(engine._local, "searcher", None)
    if cached is not None:
        cached[1].close()
        del engine._local.searcher


def links_to(response, speech) -> bool:
    return f'href="/speeches/{speech.pk}/' in response.content.decode()


MODES = ["missing", "dangling-link", "emptied", "garbage", "segments-truncated"]


@pytest.fixture
def archive_with_index(db, isolated_data_dir):
    theme = Theme.objects.create(name="测试主题", slug="test-theme")
    speech = make_speech(
        "群众工作会议讲话",
        "同志们:\n一、做好群众工作\n群众工作是基础,信访接待窗口要畅通。",
        date=datetime.date(2023, 5, 18),
        level="county",
        theme=theme,
        sections=[("一、", "做好群众工作", 1)],
    )
    rebuild()
    return {"speech": speech, "live": isolated_data_dir / "whoosh_index", "theme": theme}


@pytest.mark.parametrize("mode", MODES)
def test_broken_index_search_says_unavailable_and_rebuild_restores(
    client, archive_with_index, mode
):
    speech = archive_with_index["speech"]
    assert links_to(client.get("/search/", {"q": "群众"}), speech)
    break_index(archive_with_index["live"], mode)

    page = client.get("/search/", {"q": "群众"})
    assert page.status_code == 503
    assert UNAVAILABLE in page.content.decode()
    api = client.get("/api/search/", {"q": "群众"})
    assert api.status_code == 503
    assert UNAVAILABLE in api.json()["error"]

    call_command("rebuild_index", "--noinput", verbosity=0)
    page = client.get("/search/", {"q": "群众"})
    assert page.status_code == 200
    assert links_to(page, speech)


def test_saving_with_a_broken_index_succeeds_and_the_work_waits_for_the_rebuild(
    client, archive_with_index, django_capture_on_commit_callbacks
):
    from archive import services

    break_index(archive_with_index["live"], "garbage")
    speech = archive_with_index["speech"]
    speech.title = "群众工作会议讲话(修订)"
    with django_capture_on_commit_callbacks(execute=True):
        services.speech_update(speech=speech)
    assert Speech.objects.get(pk=speech.pk).title == "群众工作会议讲话(修订)"
    assert pending_count() == 1

    call_command("rebuild_index", "--noinput", verbosity=0)
    assert pending_count() == 0
    assert "(修订)" in client.get("/search/", {"q": "群众"}).content.decode()


@pytest.mark.parametrize("mode", ["missing", "garbage"])
def test_broken_index_reading_and_browsing_still_serve(client, archive_with_index, mode):
    speech = archive_with_index["speech"]
    break_index(archive_with_index["live"], mode)
    pages = [
        "/",
        f"/speeches/{speech.pk}/",
        f"/api/speeches/{speech.pk}/",
        "/speeches/",
        "/dates/2023/",
        "/dates/2023/05/",
        "/themes/",
        "/themes/test-theme/",
        "/levels/county/",
        "/feeds/latest/",
        "/sitemap.xml",
    ]
    statuses = {url: client.get(url).status_code for url in pages}
    assert statuses == dict.fromkeys(pages, 200)
    assert "群众工作是基础" in client.get(f"/speeches/{speech.pk}/").content.decode()


def test_healthz_reports_a_broken_index(client, archive_with_index):
    healthy = client.get("/healthz")
    assert healthy.status_code == 200
    break_index(archive_with_index["live"], "garbage")
    broken = client.get("/healthz")
    assert broken.status_code == 503
    assert "index" in broken.content.decode().lower() or "索引" in broken.content.decode()


def test_rebuild_in_a_fresh_process_replaces_a_damaged_index(tmp_path):
    """An operator's rebuild starts in a new process, where haystack first tries to open the
    damaged index."""
    data = DataDir(tmp_path / "data")
    data.migrate()
    write_speeches(tmp_path / "in", 3)
    assert data.manage("import_speeches", str(tmp_path / "in")).returncode == 0
    break_index(data.index_dir, "garbage")

    rebuilt = data.manage("rebuild_index", "--noinput")
    assert rebuilt.returncode == 0, rebuilt.stderr
    checked = data.manage("check_index")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "索引与数据库一致" in checked.stdout


def damage_file(path, edit) -> None:
    """Replace ``path`` with ``edit(bytes)`` (a new file, as in ``break_index``)."""
    data = edit(path.read_bytes())
    path.unlink()
    path.write_bytes(data)


def drop_cached_searcher() -> None:
    cached = getattr(engine._local, "searcher", None)
    if cached is not None:
        cached[1].close()
        del engine._local.searcher


def rename_codec(live) -> None:
    """A table of contents naming a codec module that does not exist (one damaged byte in
    the pickle): opening the index raises ModuleNotFoundError."""
    [toc] = live.resolve().glob("*.toc")
    damage_file(toc, lambda data: data.replace(b"whoosh3", b"whoo-h3"))
    drop_cached_searcher()


def test_a_damaged_table_of_contents_is_unavailable_not_a_500(client, archive_with_index):
    speech = archive_with_index["speech"]
    # Related by subject words (信访, 接待, 窗口), not by 群众 and 工作, which every speech uses.
    other = make_speech("群众工作第二次会议讲话", "同志们:\n信访接待窗口要常抓不懈。")
    rebuild()
    assert links_to(client.get(f"/speeches/{speech.pk}/"), other)
    rename_codec(archive_with_index["live"])

    page = client.get("/search/", {"q": "群众"})
    assert page.status_code == 503 and UNAVAILABLE in page.content.decode()
    api = client.get("/api/search/", {"q": "群众"})
    assert api.status_code == 503 and UNAVAILABLE in api.json()["error"]
    reading = client.get(f"/speeches/{speech.pk}/")
    assert reading.status_code == 200
    assert "群众工作是基础" in reading.content.decode()
    assert not links_to(reading, other)  # the related list is left out
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["index"].startswith("error")


def test_damaged_segments_never_give_a_500(client, db, isolated_data_dir):
    """Seeded random damage (flipped bytes, zeroed runs, truncation) to each index file in turn;
    each failure that reaches a reader must be 搜索暂不可用, never a 500."""
    import random

    made = [
        make_speech(f"群众工作会议讲话{number}", f"同志们:\n群众工作是基础,发展经济{number}。")
        for number in range(12)
    ]
    rebuild()
    target = (isolated_data_dir / "whoosh_index").resolve()
    originals = {path: path.read_bytes() for path in target.iterdir() if path.stat().st_size}
    rng = random.Random(15)
    statuses = set()
    # Index files carry random names and timestamps, so the same seed damages different bytes
    # from run to run; 200 trials make a reader meet an unlisted failure type in practice.
    for _trial in range(200):
        for path, data in originals.items():
            damage_file(path, lambda _old, data=data: data)
        path = rng.choice(sorted(originals))
        data = bytearray(originals[path])
        start = rng.randrange(len(data))
        if rng.random() < 0.5:
            data[start : start + 32] = bytes(rng.randrange(256) for _ in data[start : start + 32])
        else:
            del data[start:]
        damage_file(path, lambda _old, data=data: bytes(data))
        drop_cached_searcher()
        urls = (
            "/search/?q=群众",
            "/api/search/?q=发展经济&sort=newest",
            f"/speeches/{made[0].pk}/",
            "/healthz",
        )
        for url in urls:
            response = client.get(url)
            statuses.add(response.status_code)
            assert response.status_code in (200, 503), (path.name, url, response.status_code)
    assert 503 in statuses  # the damage was seen


def test_check_index_reports_a_damaged_index_and_repair_rebuilds(client, archive_with_index):
    import io

    from django.core.management.base import CommandError

    rename_codec(archive_with_index["live"])
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("check_index", stdout=out)
    assert "索引已损坏" in str(error.value)
    call_command("check_index", "--repair", stdout=out)
    assert "索引与数据库一致" in out.getvalue()
    assert links_to(client.get("/search/", {"q": "群众"}), archive_with_index["speech"])


def test_saving_with_a_damaged_table_of_contents_succeeds_and_waits(
    archive_with_index, django_capture_on_commit_callbacks
):
    from archive import services

    rename_codec(archive_with_index["live"])
    speech = archive_with_index["speech"]
    speech.title = "群众工作会议讲话(修订)"
    with django_capture_on_commit_callbacks(execute=True):
        services.speech_update(speech=speech)
    assert Speech.objects.get(pk=speech.pk).title == "群众工作会议讲话(修订)"
    assert pending_count() == 1
