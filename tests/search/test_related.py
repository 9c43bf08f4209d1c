import pytest

from search.backends.whoosh.related import related_speeches
from search.backends.whoosh.store import open_index
from tests.search.conftest import make_speech


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


@pytest.mark.django_db
def test_index_document_keeps_quotes_unescaped():
    speech = make_speech('他说"好"', '“群众”说"好"<b>')
    with open_index().searcher() as searcher:
        stored = searcher.document(django_id=str(speech.pk))
    assert '说"好"<b>' in stored["text"]
    assert "&quot;" not in stored["text"]
