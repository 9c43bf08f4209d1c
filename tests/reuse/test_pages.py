"""What readers see: badges, summary, compare, passage history, and the index kept current."""

from __future__ import annotations

import re

from django.core.management import call_command

from archive import services
from archive.reuse.models import ReuseMatch, ReuseParagraph
from tests.reuse.conftest import anchor_of


def _page(client, speech) -> str:
    response = client.get(f"/speeches/{speech.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_copy_page_names_its_earlier_source_with_links(client, reuse_speeches):
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    html = _page(client, copy)
    source_anchor = anchor_of(source, "今年以来")
    assert "可能来源" in html
    assert f'href="/speeches/{source.pk}/#{source_anchor}"' in html
    assert "在临江县乡村振兴工作会议上的讲话》(县级, 2023-03-01) 第" in html
    badge = re.search(r"第 \d+ 段</a> (\d+)% 相同", html)
    assert badge and 80 <= int(badge.group(1)) <= 100
    assert "篇更早的讲话" in html and 'class="reuse-meter"' in html
    # Its own paragraph about 民生实事 has no badge: two paragraphs of three are copied.
    summary = re.search(r"本文约 <strong>(\d+)%</strong> 的文字见于 1 篇更早的讲话", html)
    assert summary and 50 <= int(summary.group(1)) <= 80


def test_source_page_lists_the_later_reuse(client, reuse_speeches):
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    html = _page(client, source)
    assert "被转用" in html
    assert f'href="/speeches/{copy.pk}/#{anchor_of(copy, "今年以來")}"' in html
    assert "1 篇较晚的讲话使用了本文的段落" in html


def test_same_topic_speech_shows_nothing(client, reuse_speeches):
    html = _page(client, reuse_speeches["same_topic"])
    assert "reuse-badges" not in html and "reuse-summary" not in html


def test_compare_marks_changes_side_by_side(client, reuse_speeches):
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    response = client.get(f"/compare/{source.pk}/{copy.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<del class="diff-del">三</del>' in html  # 三万亩 → 五万亩
    assert '<ins class="diff-ins">五</ins>' in html
    assert "相同 " in html and "左右互换" in html
    assert client.get(f"/compare/{source.pk}/999999/").status_code == 404


def test_passage_history_orders_uses_by_date(client, reuse_speeches):
    copy = reuse_speeches["copy"]
    response = client.get(f"/passages/{copy.pk}/{anchor_of(copy, '今年以來')}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("2023-03-01") < html.index("2024-05-20")
    assert "共见于 2 篇讲话" in html
    assert client.get(f"/passages/{copy.pk}/p999/").status_code == 404


def test_api_speech_reuse(client, reuse_speeches):
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    data = client.get(f"/api/speeches/{copy.pk}/reuse/").json()
    assert 0.5 < data["share"] < 0.8
    anchors = {p["anchor"]: p["matches"] for p in data["paragraphs"]}
    match = anchors[anchor_of(copy, "今年以來")][0]
    assert match["speech"] == source.pk and match["anchor"] == anchor_of(source, "今年以来")
    assert match["url"].endswith(f"/speeches/{source.pk}/#{match['anchor']}")
    assert match["relation"] == "source" and 0.8 <= match["share"] <= 1.0
    same = client.get(f"/api/speeches/{reuse_speeches['same_topic'].pk}/reuse/").json()
    assert same["paragraphs"] == [] and same["share"] == 0


def test_unpublishing_and_deleting_update_the_index(client, reuse_speeches):
    source, copy = reuse_speeches["source"], reuse_speeches["copy"]
    services.speeches_set_published(speeches=[source], published=False)
    assert "可能来源" not in _page(client, copy)
    assert not ReuseParagraph.objects.filter(speech=source).exists()
    services.speeches_set_published(speeches=[source], published=True)
    assert "可能来源" in _page(client, copy)
    services.speech_delete(speech=copy)
    assert not ReuseMatch.objects.exists()
    assert "被转用" not in _page(client, source)


def test_rebuild_gives_the_same_matches_and_drift_check_is_clean(reuse_speeches, capsys):
    fields = ("paragraph__speech", "paragraph__number", "other__speech", "other__number", "share")
    before = set(ReuseMatch.objects.values_list(*fields))
    ReuseParagraph.objects.filter(speech=reuse_speeches["copy"]).delete()
    call_command("rebuild_reuse")
    after = set(ReuseMatch.objects.values_list(*fields))
    assert before == after and len(after) == 4
    call_command("check_reuse")
    assert "一致" in capsys.readouterr().out


def test_a_search_rebuild_that_drops_queued_work_brings_reuse_up_to_date(client, reuse_speeches):
    from archive.reuse.models import ReuseSpeech
    from search.models import IndexTask
    from search.upkeep.rebuild import rebuild

    copy = reuse_speeches["copy"]
    ReuseSpeech.objects.filter(pk=copy.pk).delete()
    ReuseParagraph.objects.filter(speech=copy).delete()
    IndexTask.objects.create(speech_id=copy.pk)  # covered by the rebuild, so dropped by it
    rebuild()
    assert "可能来源" in _page(client, copy)
