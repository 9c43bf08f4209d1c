"""The one write path: duplicates, near-duplicates, policies, updates and deletes."""

from __future__ import annotations

import io

import pytest

from archive import services
from archive.models import Speech

pytestmark = pytest.mark.django_db(transaction=True)

SPEECH = """在全县安全生产工作会议上的讲话
（2024年5月6日）
同志们:
今天召开全县安全生产工作会议,主要任务是总结去年工作,部署今年任务。县委、县政府对安全生产高度重视,我们必须把人民群众生命财产安全放在首位。
一、清醒认识当前安全生产形势
去年全县安全生产形势总体平稳,但一些行业领域风险隐患依然突出,道路交通、建筑施工、危险化学品等方面问题不容忽视。各乡镇各部门要保持清醒头脑,决不能麻痹大意。
(一)成绩来之不易。全县各级各部门齐心协力,事故起数和死亡人数实现双下降。
(二)问题不容忽视。部分企业主体责任落实不到位,安全投入不足,隐患排查流于形式。
二、扎实做好今年重点工作
(一)深化专项整治。要紧盯重点行业领域,开展拉网式排查,做到隐患清零。
(二)压实各方责任。要严格落实党政同责、一岗双责、齐抓共管、失职追责。
同志们,安全生产责任重于泰山,让我们共同努力,确保全县安全生产形势持续稳定。
"""


def import_text(text: str, name: str = "speech.txt", **kwargs) -> list[services.ImportOutcome]:
    return list(services.speeches_import_file(filename=name, data=text.encode(), **kwargs))


def test_import_saves_speech_sections_and_suggested_theme():
    [outcome] = import_text(SPEECH)
    assert outcome.status == services.STATUS_IMPORTED
    speech = outcome.speech
    assert speech.title == "在全县安全生产工作会议上的讲话"
    assert speech.date.isoformat() == "2024-05-06"
    assert speech.level == "county"
    assert speech.theme is not None and speech.theme.name == "安全生产"
    anchors = list(speech.sections.values_list("anchor", flat=True))
    assert anchors == ["s1", "s1-1", "s1-2", "s2", "s2-1", "s2-2"]
    paragraphs = speech.paragraphs
    for section in speech.sections.all():
        assert paragraphs[section.paragraph].startswith(section.number + section.heading)
    assert speech.raw_text == SPEECH


def test_the_same_text_in_another_encoding_is_an_exact_duplicate():
    [first] = import_text(SPEECH)
    [again] = list(
        services.speeches_import_file(filename="copy.txt", data=SPEECH.encode("gb18030"))
    )
    assert again.status == services.STATUS_DUPLICATE
    assert again.duplicate_of == first.speech.pk
    assert Speech.objects.count() == 1


def test_a_near_duplicate_is_imported_and_linked_by_default():
    [first] = import_text(SPEECH)
    edited = SPEECH.replace("全县各级各部门齐心协力", "×××各部门齐心协力")
    [near] = import_text(edited, name="other-site.txt")
    assert near.status == services.STATUS_IMPORTED
    assert near.similar_to == [first.speech.pk]
    assert list(near.speech.similar_to.values_list("pk", flat=True)) == [first.speech.pk]
    assert near.as_json()["similar_to"] == [first.speech.pk]


def test_keep_policy_leaves_near_duplicates_out():
    [first] = import_text(SPEECH)
    edited = SPEECH.replace("全县各级各部门齐心协力", "×××各部门齐心协力")
    [near] = import_text(edited, name="other-site.txt", on_duplicate=services.ON_DUPLICATE_KEEP)
    assert near.status == services.STATUS_DUPLICATE
    assert near.duplicate_of == first.speech.pk
    assert Speech.objects.count() == 1


def test_replace_policy_keeps_the_id_and_takes_the_new_text():
    [first] = import_text(SPEECH)
    edited = SPEECH.replace("全县各级各部门齐心协力", "×××各部门齐心协力")
    [replaced] = import_text(edited, name="better.txt", on_duplicate=services.ON_DUPLICATE_REPLACE)
    assert replaced.status == services.STATUS_IMPORTED and replaced.replaced
    assert replaced.speech.pk == first.speech.pk
    assert Speech.objects.get().source == "better.txt"
    assert "×××各部门" in Speech.objects.get().body


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="未知的重复处理方式"):
        import_text(SPEECH, on_duplicate="merge")


def test_editing_the_body_reparses_the_outline():
    [outcome] = import_text(SPEECH)
    speech = outcome.speech
    speech.body = speech.body.replace(
        "二、扎实做好今年重点工作", "二、扎实做好今年重点工作\n三、加强组织领导"
    )
    services.speech_update(speech=speech, body_changed=True)
    headings = list(speech.sections.filter(depth=1).values_list("heading", flat=True))
    assert headings == ["清醒认识当前安全生产形势", "扎实做好今年重点工作", "加强组织领导"]


def test_delete_removes_the_speech():
    [outcome] = import_text(SPEECH)
    services.speech_delete(speech=outcome.speech)
    assert not Speech.objects.exists()


def test_refresh_keywords_replaces_generic_keywords_and_reindexes():
    from django.core.management import call_command
    from haystack.query import SearchQuerySet

    [outcome] = import_text(SPEECH)
    speech = outcome.speech
    # Keywords extracted before the generic words were left out.
    Speech.objects.filter(pk=speech.pk).update(keywords=["作为", "全县", "文件", "部门"])
    out = io.StringIO()
    call_command("refresh_keywords", stdout=out)
    assert "1 篇的关键词有变化" in out.getvalue()
    speech.refresh_from_db()
    assert "隐患" in speech.keywords
    assert not {"作为", "全县", "文件", "部门"} & set(speech.keywords)
    indexed = SearchQuerySet().filter(django_id=speech.pk)[0]
    assert "隐患" in indexed.text and "作为 全县" not in indexed.text
