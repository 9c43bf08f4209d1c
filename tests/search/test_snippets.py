from search.page.snippets import find_spans, mark_query, snippets


def test_mark_query_marks_hits_in_the_original_script_and_escapes():
    html = mark_query("<b>縣委</b>群眾工作、群众工作", "群众工作 -信访")
    assert html == "&lt;b&gt;縣委&lt;/b&gt;<mark>群眾工作</mark>、<mark>群众工作</mark>"


def test_overlapping_terms_merge_into_one_mark():
    spans = find_spans("做好群众工作", ["群众", "众工", "工作"])
    assert [(s.start, s.end) for s in spans] == [(2, 6)]


def test_snippet_without_hits_is_the_opening():
    marked, first = snippets("第一段。\n第二段。", ["没有"])
    assert marked == ["第一段。"] and first is None
