"""Three speeches written for the reuse tests, imported through the one write path: a county's
speech, a neighbour's later copy of two of its paragraphs (own place names, 我市, traditional
script, a few words changed), and a speech on the same subject in its own words."""

from __future__ import annotations

import pytest

from tests.ingest.test_reuse import ORIGINAL, SAME_TOPIC

SECOND = (
    "要持续深化农村改革，扎实推进宅基地制度改革试点，稳慎推进农村集体经营性建设用地入市，"
    "发展壮大新型农村集体经济，让广大农民在改革中分享更多成果，为全面推进乡村振兴注入强大动力。"
)
OWN_WORDS = "会议要求,各乡镇要结合实际抓好落实,确保各项任务按时完成,不断提升群众的获得感和幸福感。"

SOURCE_TEXT = f"""在临江县乡村振兴工作会议上的讲话
（2023年3月1日）
同志们:
{ORIGINAL}
{SECOND}
{OWN_WORDS}
"""

# The copy, in traditional characters: 清河市, 我市, 五万亩, 进一步 … and a sentence of its own.
COPY_TEXT = """在清河市鄉村振興推進會上的講話
（2024年5月20日）
同志們:
今年以來，清河市委堅持以習近平新時代中國特色社會主義思想為指導，把鄉村振興作為全市工作的重中之重，新建高標準農田五萬畝，農村人居環境整治三年行動順利完成。我市將進一步壓實各級責任，確保糧食生產穩中有增、農民收入持續較快增長。
要持續深化農村改革，紮實推進宅基地制度改革試點，穩慎推進農村集體經營性建設用地入市，發展壯大新型農村集體經濟，讓廣大農民在改革中分享更多成果，為全面推進鄉村振興注入強大動力。
今年我們還要辦好十件民生實事,把財政資金更多投向教育醫療和養老服務,讓發展成果惠及全市人民。
"""

SAME_TOPIC_TEXT = f"""在临江县农业农村工作会议上的讲话
（2023年9月8日）
同志们:
{SAME_TOPIC}
各部门要加强协调配合,形成工作合力,以优异成绩迎接全面建成小康社会的新胜利。
"""


def import_text(text: str, name: str):
    from archive import services

    [outcome] = services.speeches_import_file(filename=name, data=text.encode())
    assert outcome.status == services.STATUS_IMPORTED, outcome.error
    return outcome.speech


@pytest.fixture
def reuse_speeches(transactional_db):
    return {
        "source": import_text(SOURCE_TEXT, "source.txt"),
        "copy": import_text(COPY_TEXT, "copy.txt"),
        "same_topic": import_text(SAME_TOPIC_TEXT, "same.txt"),
    }


def anchor_of(speech, start: str) -> str:
    """The reading page's id of the paragraph that starts with ``start``."""
    for index, paragraph in enumerate(speech.body.split("\n")):
        if paragraph.startswith(start):
            return f"p{index + 1}"
    raise AssertionError(f"no paragraph starts with {start!r}")
