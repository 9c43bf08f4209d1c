import pytest

from archive.ingest.gloss import strip_glosses


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("領(lǐng)導(dǎo)", "領導"),
        ("設(shè)", "設"),
        ("会(huì)议(yì)", "会议"),
        ("領(ling3)導(dao3)", "領導"),
        ("领(ling)导(dao)", "领导"),
        ("行動（dòng）", "行動"),
        ("女(nǚ)", "女"),
        # toned gloss whose character was destroyed by mojibake
        ("白哌M(jìn)矛盾", "白哌M矛盾"),
    ],
)
def test_glosses_are_removed(raw, clean):
    assert strip_glosses(raw)[0] == clean


@pytest.mark.parametrize(
    "text",
    [
        "(一)加强领导",
        "（一）加强领导",
        "县直(机关)单位",
        "村(社区)",
        "使用(app)办理",
        "增长(GDP)",
        "(1)项目建设",
        "第(3)条",
        # a toneless syllable that is not the character's reading stays
        "领(dao)导",
    ],
)
def test_real_parentheses_are_kept(text):
    assert strip_glosses(text) == (text, 0)


def test_count_of_removed_glosses():
    assert strip_glosses("領(lǐng)導(dǎo)在會(huì)議上") == ("領導在會議上", 3)
