"""Themes: the starting set for county/district speeches and the keyword-based suggestion."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from archive.ingest.script import to_simplified

# (name, slug, keywords in simplified Chinese). Loaded once by a data migration; editors
# change them in the admin afterwards.
DEFAULT_THEMES: list[tuple[str, str, list[str]]] = [
    (
        "党的建设",
        "party-building",
        [
            "党建",
            "党的建设",
            "基层党组织",
            "党员",
            "组织工作",
            "党务",
            "党支部",
            "党性",
            "换届",
            "干部队伍",
            "组织部",
            "统战",
            "宣传思想",
            "创先争优",
            "主题教育",
        ],
    ),
    (
        "作风建设",
        "work-style",
        [
            "作风建设",
            "作风",
            "四下基层",
            "形式主义",
            "官僚主义",
            "调查研究",
            "蹲点",
            "破解难题",
            "转变作风",
            "真抓实干",
            "狠抓落实",
            "干部作风",
            "担当作为",
        ],
    ),
    (
        "平安建设",
        "public-security",
        [
            "平安建设",
            "社会治安",
            "综治",
            "综合治理",
            "扫黑除恶",
            "打黑除恶",
            "政法",
            "维稳",
            "社会稳定",
            "治安",
            "平安",
            "安全感",
            "平安感",
            "矛盾纠纷",
        ],
    ),
    (
        "信访与群众工作",
        "petitions-and-mass-work",
        [
            "信访",
            "接访",
            "群众工作",
            "来信来访",
            "民情",
            "民意",
            "诉求",
            "群众路线",
            "联系群众",
            "走访",
            "民心",
            "急难愁盼",
            "密切联系群众",
        ],
    ),
    (
        "经济发展",
        "economic-development",
        [
            "经济发展",
            "招商引资",
            "项目建设",
            "产业",
            "工业",
            "GDP",
            "财政收入",
            "固定资产投资",
            "营商环境",
            "园区",
            "高质量发展",
            "民营经济",
            "经济工作",
        ],
    ),
    (
        "乡村振兴",
        "rural-revitalization",
        [
            "乡村振兴",
            "农业",
            "农村",
            "农民",
            "脱贫",
            "扶贫",
            "新农村",
            "粮食",
            "村集体",
            "美丽乡村",
            "三农",
            "小康",
        ],
    ),
    (
        "生态环境",
        "ecology-and-environment",
        [
            "生态环境",
            "环境保护",
            "环保",
            "污染防治",
            "河长制",
            "生态文明",
            "绿色发展",
            "大气",
            "水污染",
            "碳达峰",
            "植树造林",
        ],
    ),
    (
        "民生保障",
        "livelihoods",
        [
            "民生",
            "就业",
            "教育",
            "医疗",
            "养老",
            "社会保障",
            "住房",
            "低保",
            "困难群众",
            "便民服务",
            "公共服务",
            "社保",
        ],
    ),
    (
        "安全生产",
        "work-safety",
        [
            "安全生产",
            "安全隐患",
            "事故",
            "隐患排查",
            "消防",
            "危险化学品",
            "道路交通安全",
            "防汛",
            "应急管理",
            "安全监管",
        ],
    ),
    (
        "党风廉政",
        "integrity",
        [
            "党风廉政",
            "廉政",
            "反腐败",
            "纪委",
            "监委",
            "廉洁",
            "八项规定",
            "纪律",
            "腐败",
            "问责",
            "巡察",
            "正风肃纪",
            "吏治",
        ],
    ),
    (
        "宣传文化",
        "publicity-and-culture",
        [
            "宣传",
            "舆论",
            "文明创建",
            "精神文明",
            "文化事业",
            "文化",
            "新闻媒体",
            "意识形态",
            "学习型",
        ],
    ),
]

# A theme is suggested only when its keywords occur at least this many times (weighted) and
# clearly beat the runner-up.
MIN_THEME_SCORE = 4.0
MIN_THEME_LEAD = 1.1
# The first line (callers pass the title there) counts this many times more than the body.
TITLE_WEIGHT = 3


def suggest_theme(text: str, themes: Mapping[str, Sequence[str]]) -> str | None:
    """The theme whose keywords weigh most in the text (both scripts compared in simplified).

    A keyword's weight is its count dampened by log (one word repeated fifty times must not
    drown the rest) and scaled by its length (longer keywords are more specific); keywords in
    the first line (the title) count TITLE_WEIGHT times extra."""
    if not text or not themes:
        return None
    simplified = to_simplified(text)
    title, has_body, _rest = simplified.partition("\n")
    title = title[:100] if has_body else ""
    scores: dict[str, float] = {}
    for name, keywords in themes.items():
        score = 0.0
        for keyword in {to_simplified(k.strip()) for k in keywords if k and k.strip()}:
            count = simplified.count(keyword)
            if count:
                weight = min(len(keyword), 4) / 2
                score += (1 + math.log(count)) * weight + TITLE_WEIGHT * weight * (keyword in title)
        scores[name] = score
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    best_name, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < MIN_THEME_SCORE or best < runner_up * MIN_THEME_LEAD:
        return None
    return best_name
