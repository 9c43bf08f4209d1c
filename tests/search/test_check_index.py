"""check_index reports drift and repairs it; rebuild_index swaps a new index in."""

from __future__ import annotations

import datetime
import io
import os
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Speech
from search.backends.whoosh import rebuild as rebuild_module
from tests.search.conftest import make_speech, matching_ids


def _check(*args) -> tuple[str, CommandError | None]:
    out = io.StringIO()
    try:
        call_command("check_index", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.mark.django_db
def test_check_index_finds_missing_stale_and_extra_then_repairs():
    indexed = make_speech("甲", "安全生产")
    stale = make_speech("乙", "防汛抗旱")
    gone = make_speech("丁", "扶贫开发")
    output, error = _check()
    assert error is None and "索引与数据库一致" in output
    missing = make_speech("丙", "森林防火", index=False)
    Speech.objects.filter(pk=stale.pk).update(
        body="秋收秋种", updated_at=stale.updated_at + datetime.timedelta(minutes=1)
    )
    Speech.objects.filter(pk=gone.pk).delete()
    output, error = _check()
    assert error is not None
    assert f"缺失:1 篇:{missing.pk}" in output
    assert f"过期:1 篇:{stale.pk}" in output
    assert f"多余:1 篇:{gone.pk}" in output
    output, error = _check("--repair")
    assert error is None
    assert "已修复 3 篇" in output
    assert matching_ids("秋收") == {stale.pk}
    assert matching_ids("森林防火") == {missing.pk}
    assert matching_ids("扶贫") == set()
    assert matching_ids("安全生产") == {indexed.pk}
    output, error = _check()
    assert error is None and "索引与数据库一致" in output


@pytest.mark.whoosh_only
@pytest.mark.django_db
def test_rebuild_swaps_in_a_new_index_and_search_works_throughout(settings):
    speeches = [make_speech(f"第{i}篇", f"重建测试{i}") for i in range(5)]
    live = rebuild_module.live_path()
    seen_during_build: list[set[int]] = []
    original_add = rebuild_module.add_speeches

    def add_and_search(writer, backend, ids):
        original_add(writer, backend, ids)
        # Meanwhile a reader on another thread still gets full results from the old index.
        thread = threading.Thread(target=lambda: seen_during_build.append(_search_from_thread()))
        thread.start()
        thread.join()

    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rebuild_module, "add_speeches", add_and_search)
        call_command("rebuild_index", "--noinput", stdout=out)
    assert "已索引 5/5 篇" in out.getvalue()
    assert seen_during_build == [{s.pk for s in speeches}]
    assert live.is_symlink()
    first_target = os.readlink(live)
    assert matching_ids("重建测试") == {s.pk for s in speeches}
    call_command("rebuild_index", "--noinput", stdout=io.StringIO())
    assert os.readlink(live) != first_target
    assert not (live.parent / first_target).exists()
    assert matching_ids("重建测试") == {s.pk for s in speeches}
    output, error = _check()
    assert error is None


def _search_from_thread() -> set[int]:
    from django.db import connection

    try:
        return matching_ids("重建测试")
    finally:
        connection.close()


@pytest.mark.whoosh_only
@pytest.mark.django_db
def test_haystack_update_index_still_works():
    speech = make_speech("甲", "安全生产", index=False)
    call_command("update_index", verbosity=0)
    assert matching_ids("安全生产") == {speech.pk}


@pytest.mark.django_db
def test_clear_index_swaps_in_an_empty_index():
    speech = make_speech("甲", "安全生产")
    call_command("clear_index", "--noinput", stdout=io.StringIO())
    assert matching_ids("安全生产") == set()
    output, error = _check()
    assert error is not None and f"缺失:1 篇:{speech.pk}" in output
