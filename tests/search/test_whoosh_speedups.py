"""The writer shortcuts of search/backends/whoosh/patches.py write exactly what Whoosh would."""

from __future__ import annotations

import pytest
from whoosh import fields
from whoosh.codec import base
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Positions

from search.backends.whoosh import patches as whoosh_speedups
from search.backends.whoosh.analysis import CharGramAnalyzer, JiebaAnalyzer

pytestmark = pytest.mark.whoosh_only  # Whoosh internals: no PostgreSQL counterpart


def _schema():
    return fields.Schema(
        id=fields.ID(stored=True),
        chars=fields.TEXT(analyzer=CharGramAnalyzer()),
        text=fields.TEXT(analyzer=JiebaAnalyzer()),
    )


def _postings(texts: list[str]) -> dict:
    ix = RamStorage().create_index(_schema())
    writer = ix.writer()
    for number, text in enumerate(texts):
        writer.add_document(id=str(number), chars=text, text=text)
    writer.commit()
    found = {}
    with ix.reader() as reader:
        for fieldname in ("chars", "text"):
            for term in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, term)
                rows = []
                while matcher.is_active():
                    rows.append((matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
                found[(fieldname, term)] = rows
        lengths = {
            (d, f): reader.doc_field_length(d, f)
            for d in range(len(texts))
            for f in ("chars", "text")
        }
    return {"postings": found, "lengths": lengths}


def test_same_index_with_and_without_the_shortcuts(corpus_files):
    texts = [path.read_text(encoding="utf-8")[:4000] for path in corpus_files]
    texts.append("領導幹部 ＡＢ 群众\n\n工作")
    assert Positions.word_values is whoosh_speedups._char_gram_values  # applied by the app
    fast = _postings(texts)
    original = (Positions.word_values, base.FieldWriter.add_postings)
    Positions.word_values = whoosh_speedups._original_word_values
    base.FieldWriter.add_postings = whoosh_speedups._original_add_postings
    try:
        slow = _postings(texts)
    finally:
        Positions.word_values, base.FieldWriter.add_postings = original
    assert fast == slow
    assert len(fast["postings"]) > 1000


def test_memoryview_file_lets_pickle_read_ahead_without_consuming():
    import pickle

    from search.backends.whoosh.patches import MemoryViewFile

    data = pickle.dumps((7, 1, 2.5, 3, 4, 5), 2) + pickle.dumps("下一个", 2)
    stream = MemoryViewFile(memoryview(data))
    assert bytes(stream.peek(3)) == data[:3] and stream.tell() == 0
    assert pickle.load(stream) == (7, 1, 2.5, 3, 4, 5)
    assert pickle.load(stream) == "下一个"  # the first load stopped exactly at its end
    assert bytes(stream.peek(1)) == b""  # at the end
