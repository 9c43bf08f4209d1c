"""What a text is: a speech, or a look-alike that speech sites also carry (a news report about a
meeting, a work summary, a work plan, a notice, a chair's script).

Evidence is weighed, not looked up: a speech addresses its audience (同志们:, 我讲三点意见,
我代表…向大会作报告); a news report speaks of people in the third person with a dateline and a
reporter (本报讯, 1月5日, XX指出, 会议强调); a summary reports to superiors (现将…报告如下,
我局); a plan or notice names itself and lists arrangements (现将…通知如下, 会议时间); a chair's
script runs the agenda (下面请…发言, 进行第一项议程). The title counts, but the text outweighs it:
a 政府工作报告 filed as 工作总结 is still delivered to a congress, so it is a speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.script import to_simplified

KIND_SPEECH = "speech"
KIND_NEWS = "news"
KIND_SUMMARY = "summary"
KIND_PLAN = "plan"
KIND_NOTICE = "notice"
KIND_OTHER = "other"
KIND_LABELS = {
    KIND_SPEECH: "讲话稿",
    KIND_NEWS: "新闻报道",
    KIND_SUMMARY: "工作总结",
    KIND_PLAN: "工作计划",
    KIND_NOTICE: "通知",
    KIND_OTHER: "其他(如主持词)",
}
# The opening read for evidence: enough for the salutation, the dateline and a few paragraphs.
OPENING_CHARS = 2000
# A look-alike must reach this weight and outweigh the speech evidence.
MIN_WEIGHT = 3.0
EACH_CAP = 3  # one kind of clue counts at most this many times


def _clue(kind: str, weight: float, what: str, *alternatives: str):
    return kind, weight, re.compile("|".join(alternatives), re.MULTILINE), what


# (kind, weight, pattern, what it says) — patterns run on the simplified opening.
_TEXT_CLUES: list[tuple[str, float, re.Pattern[str], str]] = [
    _clue(KIND_SPEECH, 3, "称呼听众", r"^(同志们|各位[^，。：:]{0,20}|尊敬的[^。]{0,40})[:：，,]"),
    _clue(
        KIND_SPEECH,
        1,
        "讲话人自述",
        r"我(讲|谈|强调|再强调|提)[几两三四五六][点个条]",
        r"讲[几两三四五六]点意见",
        r"下面，?我",
    ),
    _clue(KIND_SPEECH, 2, "向大会报告", r"我代表.{0,30}(向|作)", r"我.{0,4}向大会.{0,10}(报告|作)"),
    _clue(KIND_SPEECH, 1, "开场", r"^(今天|刚才|现在)"),
    _clue(KIND_SPEECH, 1, "讲话用语", r"谢谢大家", r"同志们，"),
    _clue(KIND_SPEECH, 1, "第一人称", r"我们"),
    _clue(
        KIND_NEWS,
        3,
        "新闻用语",
        r"本报讯|本台讯|[（(]记者|通讯员|日电|据悉",
        r"^[^。\n]{0,10}讯[（(]",
    ),
    _clue(
        KIND_NEWS, 2, "新闻日期开头", r"^[^\u4e00-\u9fff\d]{0,6}\d{1,2}月\d{1,2}日(上午|下午|晚)?，"
    ),
    _clue(KIND_NEWS, 2, "转述会议", r"会议(指出|强调|要求|传达|听取|审议|研究|认为|决定)"),
    _clue(
        KIND_NEWS,
        1,
        "报道会议",
        r"主持召开|出席会议|参加会议|主席台|就座|胜利闭幕|隆重开幕|在讲话中指出|在报告中",
        r"(?<!我)(?<!我们)向大会作",
    ),
    _clue(KIND_NEWS, 1, "第三人称转述", r"[\u4e00-\u9fff]{2,3}(指出|强调|表示)，(?!我)"),
    _clue(KIND_SUMMARY, 3, "报告如下", r"现将.{0,20}(情况|工作).{0,10}(报告|汇报|总结)如下"),
    _clue(KIND_SUMMARY, 2, "单位自述", r"我(办|局|委|单位|部|科|室|中心)(?![会员])"),
    _clue(KIND_SUMMARY, 2, "呈报上级", r"^(市委|县委|区委|市政府|县政府|区政府)[:：]$"),
    _clue(KIND_NOTICE, 3, "通知用语", r"现将.{0,20}通知如下", r"特此通知"),
    _clue(KIND_NOTICE, 1, "会议安排", r"会议时间|会议地点|参加(会议)?人员|报名时间"),
    _clue(KIND_OTHER, 1, "请人发言", r"下面请", r"请.{1,24}发言"),
    _clue(KIND_OTHER, 1, "主持议程", r"议程|下面进行|现在开会|散会|请坐|请全体"),
]
_TITLE_CLUES: list[tuple[str, float, re.Pattern[str]]] = [
    (KIND_SPEECH, 2, re.compile(r"讲话|发言|致辞|讲稿|讲话稿|动员|工作报告|贺词|演讲|党课")),
    (KIND_SUMMARY, 3, re.compile(r"总结|工作情况|完成情况")),
    (KIND_PLAN, 3, re.compile(r"计划|要点|方案|规划")),
    (KIND_NOTICE, 3, re.compile(r"通知|通告|公告")),
    (KIND_OTHER, 2, re.compile(r"主持词|主持稿|串词")),
]


@dataclass(frozen=True)
class KindVerdict:
    kind: str
    reason: str  # the clues that decided it, in Chinese; "" for a speech
    weights: dict[str, float]


def classify(title: str, paragraphs: list[str]) -> KindVerdict:
    """The kind of text, with the clues behind the choice."""
    opening = to_simplified("\n".join(paragraphs))[:OPENING_CHARS]
    simple_title = to_simplified(title)
    weights = {kind: 0.0 for kind in KIND_LABELS}
    clues: dict[str, list[str]] = {kind: [] for kind in KIND_LABELS}
    for kind, weight, pattern in _TITLE_CLUES:
        if pattern.search(simple_title):
            weights[kind] += weight
            clues[kind].append("标题")
    for kind, weight, pattern, what in _TEXT_CLUES:
        hits = len(pattern.findall(opening))
        if hits:
            weights[kind] += weight * min(hits, EACH_CAP)
            clues[kind].append(what)
    rival = max((k for k in KIND_LABELS if k != KIND_SPEECH), key=weights.__getitem__)
    if weights[rival] >= MIN_WEIGHT and weights[rival] > weights[KIND_SPEECH]:
        reason = "、".join(dict.fromkeys(clues[rival]))
        return KindVerdict(rival, reason, weights)
    return KindVerdict(KIND_SPEECH, "", weights)
