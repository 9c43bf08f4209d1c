import pytest

from search.backends import backend
from tests.search.conftest import make_speech


def related_speeches(speech, limit: int = 5):
    return backend().related(speech, limit)


@pytest.mark.django_db
def test_related_speeches_share_words_exclude_itself_and_unpublished():
    source = make_speech("乡村振兴工作会议讲话", "全面推进乡村振兴,发展特色产业,加强农田水利建设。")
    close = make_speech("乡村振兴推进会讲话", "乡村振兴要抓特色产业,抓农田水利。")
    make_speech("乡村振兴座谈会", "乡村振兴特色产业农田水利", published=False)
    unrelated = make_speech("安全生产会议讲话", "安全生产责任重于泰山。")
    related = related_speeches(source)
    ids = [speech.pk for speech, _words in related]
    assert ids[0] == close.pk
    assert source.pk not in ids and unrelated.pk not in ids
    assert len(ids) == 1
    words = related[0][1]
    assert "农田水利" in words and "特色产业" in words
    assert "农田" not in words


@pytest.mark.django_db
def test_shared_numbers_are_not_shown_as_shared_words():
    source = make_speech("第400次会议讲话", "2023年推进乡村振兴,发展特色产业,400个村。")
    make_speech("第400次推进会讲话", "2023年乡村振兴要抓特色产业,400个村。")
    [(_other, words)] = related_speeches(source)
    assert "特色产业" in words
    assert not any(word.isdigit() for word in words)


@pytest.mark.whoosh_only
@pytest.mark.django_db
def test_index_document_keeps_quotes_unescaped():
    from search.backends.whoosh.store import open_index

    speech = make_speech('他说"好"', '“群众”说"好"<b>')
    with open_index().searcher() as searcher:
        stored = searcher.document(django_id=str(speech.pk))
    assert '说"好"<b>' in stored["text"]
    assert "&quot;" not in stored["text"]


# Words every 公文 uses, which a speech on any subject is full of.
BOILERPLATE = "作为全县干部,各部门要按文件要求抓好落实,作为领导干部要带头,部门之间要配合。"


@pytest.fixture
def style_archive(themes):
    from archive.models import Theme

    safety, _ = Theme.objects.get_or_create(slug="work-safety", defaults={"name": "安全生产"})
    source = make_speech(
        "在全县作风建设推进会上的讲话",
        BOILERPLATE * 3 + "整治形式主义、官僚主义,大兴调查研究,推行四下基层,为基层减负。"
        "形式主义和官僚主义要一件一件整治,调查研究要到基层去。",
        theme=themes["style"],
    )
    source.meeting = "全县作风建设推进会"
    source.keywords = ["形式主义", "官僚主义", "调查研究", "四下基层"]
    source.save()
    same_theme = make_speech(
        "在全县干部作风整顿大会上的讲话",
        "作风整顿要从反对形式主义开始,整治文山会海,调查研究不搞走过场,为基层减负。",
        theme=themes["style"],
    )
    generic_only = make_speech(
        "在全县防汛工作会议上的讲话",
        BOILERPLATE * 4 + "防汛要排查隐患,水库要落实度汛措施,山洪地质灾害要提前转移群众。",
        theme=safety,
    )
    return {"source": source, "same_theme": same_theme, "generic_only": generic_only}


@pytest.mark.django_db
def test_a_same_theme_speech_ranks_above_one_sharing_only_generic_words(style_archive):
    related = related_speeches(style_archive["source"])
    ids = [speech.pk for speech, _words in related]
    assert ids[0] == style_archive["same_theme"].pk
    assert style_archive["generic_only"].pk not in ids  # 作为、干部、文件 relate nothing


@pytest.mark.django_db
def test_related_speeches_are_explained_by_subject_words(style_archive):
    [(other, words)] = related_speeches(style_archive["source"])
    assert other == style_archive["same_theme"]
    assert {"形式主义", "调查研究"} <= set(words)
    for generic in ("作为", "全县", "干部", "文件", "部门", "一件"):
        assert generic not in words


@pytest.mark.django_db
def test_theme_and_meeting_outweigh_a_slightly_better_word_match(themes):
    source = make_speech(
        "作风建设推进会讲话", "整治形式主义和官僚主义,大兴调查研究。", theme=themes["style"]
    )
    source.meeting = "全县作风建设推进会"
    source.save()
    off_theme = make_speech(
        "党建工作会议讲话",
        "党建工作也要整治形式主义和官僚主义,多做调查研究。",
        theme=themes["party"],
    )
    on_theme = make_speech("作风建设大会讲话", "整治形式主义,多做调查研究。", theme=themes["style"])
    same_meeting = make_speech("推进会讲话", "整治形式主义,多做调查研究。")
    same_meeting.meeting = "全区作风建设推进会"
    same_meeting.save()
    ids = [speech.pk for speech, _words in related_speeches(source)]
    assert ids == [on_theme.pk, same_meeting.pk, off_theme.pk]
