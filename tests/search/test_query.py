"""search/language/query.py and search/backends/whoosh/queries.py: what each piece of syntax
means, and that no input can break it."""

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from search.backends.whoosh.contiguous import Contiguous
from search.backends.whoosh.queries import build_query, gram_query
from search.language.query import parse_query


def _groups(text):
    parsed = parse_query(text)
    return [[(t.folded, t.title_only) for t in group] for group in parsed.groups], [
        t.folded for t in parsed.excluded
    ]


def test_terms_phrases_exclusions_or_and_title():
    assert _groups("群眾 工作") == ([[("群众", False)], [("工作", False)]], [])
    assert _groups('"群众 工作" -信访') == ([[("群众工作", False)]], ["信访"])
    assert _groups("安全 OR 防汛 生产") == (
        [[("安全", False), ("防汛", False)], [("生产", False)]],
        [],
    )
    assert _groups('title:作风 -title:"会议"') == ([[("作风", True)]], ["会议"])
    assert parse_query('-title:"会议"').excluded[0].title_only


def test_anything_else_is_literal():
    assert _groups("OR 群众") == ([[("or", False)], [("群众", False)]], [])
    assert _groups('- title: "') == ([[("-", False)], [("title:", False)], [('"', False)]], [])
    assert _groups('a"b (c) *?') == ([[("ab", False)], [("(c)", False)], [("*?", False)]], [])
    assert _groups("ＡＢＣ") == ([[("abc", False)]], [])


def test_grams_make_contiguous_phrases():
    assert gram_query("chars", "群") == wq.Term("chars", "群")
    assert gram_query("chars", "群众") == wq.Term("chars", "群众")
    assert gram_query("chars", "群众工") == Contiguous("chars", ["群众", "众工"])
    assert gram_query("chars", "党风廉政") == Contiguous("chars", ["党风", "廉政"], [0, 2])
    assert gram_query("chars", "党风廉政建设") == Contiguous(
        "chars", ["党风", "廉政", "建设"], [0, 2, 4]
    )
    assert gram_query("chars", "党风廉政建") == Contiguous(
        "chars", ["党风", "廉政", "政建"], [0, 2, 3]
    )


def test_long_queries_are_capped():
    parsed = parse_query(" ".join(["词"] * 100))
    assert len(parsed.groups) == 16
    assert len(parse_query("群" * 2000).groups[0][0].folded) == 256


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_input_raises(text):
    build_query(parse_query(text))
