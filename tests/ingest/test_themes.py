import opencc

from archive.ingest import DEFAULT_THEMES, suggest_theme

THEMES = {name: keywords for name, _slug, keywords in DEFAULT_THEMES}


def test_default_themes_are_well_formed():
    names = [name for name, _slug, _keywords in DEFAULT_THEMES]
    slugs = [slug for _name, slug, _keywords in DEFAULT_THEMES]
    assert len(set(names)) == len(names) >= 10
    assert len(set(slugs)) == len(slugs)
    assert all(slug.isascii() and slug == slug.lower() and " " not in slug for slug in slugs)
    converter = opencc.OpenCC("t2s")
    for _name, _slug, keywords in DEFAULT_THEMES:
        assert len(keywords) >= 5
        assert all(converter.convert(k) == k for k in keywords)  # simplified
    assert {"党的建设", "作风建设", "平安建设", "信访与群众工作"} <= set(names)


def test_theme_from_keywords_in_either_script():
    text = "在全县安全生产工作会议上的讲话\n要抓好安全隐患排查，防范重大事故，落实安全生产责任。"
    assert suggest_theme(text, THEMES) == "安全生产"
    traditional = opencc.OpenCC("s2t").convert(text)
    assert suggest_theme(traditional, THEMES) == "安全生产"


def test_theme_keywords_given_in_traditional_still_match():
    assert (
        suggest_theme(
            "在信访工作会议上的讲话\n信访工作要畅通群众诉求渠道。", {"信訪": ["信訪", "訴求"]}
        )
        == "信訪"
    )


def test_nothing_convincing_gives_none():
    assert suggest_theme("今天天气很好，大家辛苦了。", THEMES) is None
    assert suggest_theme("", THEMES) is None
    assert suggest_theme("抓好安全生产。", {}) is None
    # one passing mention is not enough
    assert suggest_theme("会议研究了多项工作，其中提到民生。", THEMES) is None


def test_tie_between_themes_gives_none():
    themes = {"甲": ["项目建设"], "乙": ["招商引资"]}
    assert suggest_theme("项目建设和招商引资，项目建设和招商引资。", themes) is None
