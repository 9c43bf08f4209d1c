import pytest

from archive.ingest.punct import normalize_width


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("同志们:", "同志们："),
        ("今天,我们召开会议;明天?", "今天，我们召开会议；明天？"),
        ("(一)加强领导", "（一）加强领导"),
        ("村(社区)治", "村（社区）治"),
        ("(1)项目建设", "（1）项目建设"),
        ('深化"四下基层"作风建设', "深化“四下基层”作风建设"),
        ("民调〞和〝平安〞", "民调”和“平安”"),
        ("全年完成２０２３万元", "全年完成2023万元"),
        ("增长3.5%,达到3:2", "增长3.5%，达到3:2"),
        ("GDP, CPI and PPI", "GDP, CPI and PPI"),
        ("f(x) = 1", "f(x) = 1"),
    ],
)
def test_width_normalization(raw, expected):
    assert normalize_width(raw) == expected


def test_normalization_is_idempotent():
    text = '今天,我们"召开"会议(一)。'
    once = normalize_width(text)
    assert normalize_width(once) == once
