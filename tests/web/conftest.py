"""Small speeches written for the page tests, imported through the one write path."""

from __future__ import annotations

import pytest

from archive import services
from archive.models import Speech

COUNTY = """在全县领导干部作风建设会议上的讲话
（2023年4月10日）
同志们:
今天召开全县领导干部作风建设会议,主要任务是部署作风建设工作,推动全县干部转变作风、真抓实干。
一、提高认识
作风建设关系全县发展大局,各级领导干部必须高度重视。
（一）统一思想。要把思想统一到县委的部署上来,坚决反对形式主义和官僚主义。
（二）明确目标。今年要实现群众满意度明显提升。
二、狠抓落实
要以钉钉子精神抓好各项工作,确保作风建设取得实效。
同志们,让我们共同努力,推动全县作风持续好转。
"""

DISTRICT_HANT = """在全區群眾工作會議上的講話
（2022年11月3日）
同志們:
今天召開全區群眾工作會議,主要任務是總結群眾工作,部署下一步任務。各級領導幹部要高度重視。
一、做好群眾工作的重要意義
群眾工作是一切工作的基礎,各級幹部要深入群眾、服務群眾。
二、扎實推進群眾工作
要暢通群眾訴求渠道,及時化解矛盾糾紛,讓群眾滿意。
"""

HOSTILE = """在全县<script>alert(1)</script>安全生产会议上的讲话
（2024年1月15日）
同志们:
今天召开全县安全生产会议,<b>部署</b>安全生产工作,各部门要排查隐患<img src=x onerror=alert(2)>。
一、<script>alert(3)</script>排查隐患
要全面排查全县安全隐患,做到隐患清零,防止事故发生。
"""


def import_text(text: str, name: str) -> Speech:
    [outcome] = services.speeches_import_file(filename=name, data=text.encode())
    assert outcome.status == services.STATUS_IMPORTED, outcome.error
    return outcome.speech


@pytest.fixture
def speeches(transactional_db):
    return {
        "county": import_text(COUNTY, "county.txt"),
        "district": import_text(DISTRICT_HANT, "district.txt"),
        "hostile": import_text(HOSTILE, "hostile.txt"),
    }
