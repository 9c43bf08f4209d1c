"""The outline: numbered headings found at the start of body paragraphs.

Depths: 1 `一、`; 2 `（一）`; 3 `1、` `1.` `1．` and enumerations `一是` `二要` that open a
paragraph; 4 `（1）`. Enumerations get depth 3 wherever they sit (also under a depth-2
heading), because speeches use them as the third level of argument; their anchor still follows
the tree: a heading's parent is the nearest earlier heading of smaller depth, and its anchor is
the parent's anchor plus its position among the parent's children (`s1`, `s1-2`, `s1-2-3`).

The heading text is the whole paragraph when it is a short line, else the paragraph's first
sentence (up to the first 。！？；), so `body.split("\\n")[paragraph]` starts with
`number + heading`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.layout import BRACKET_HEADING_RE
from archive.ingest.types import ParsedSection

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = "一二三四五六七八九十"

# (depth, style, pattern capturing the number label and the numeral)
_PATTERNS = [
    (1, "cn", re.compile(rf"^(?P<label>(?P<n>[{_NUM}]{{1,3}})、)")),
    (2, "paren-cn", re.compile(rf"^(?P<label>[（(](?P<n>[{_NUM}]{{1,3}})[)）])")),
    (4, "paren-digit", re.compile(r"^(?P<label>[（(](?P<n>\d{1,2})[)）])")),
    (3, "digit", re.compile(r"^(?P<label>(?P<n>\d{1,2})[、．.])(?!\d)")),
    (
        3,
        "enum",
        re.compile(rf"^(?P<label>(?P<n>[{_NUM}]{{1,2}})(?P<verb>是|要))(?!否|非|[{_NUM}])"),
    ),
]
# A heading line is at most this long; a longer paragraph contributes its first sentence.
HEADING_LINE_MAX_CHARS = 60
HEADING_MAX_CHARS = 120
_SENTENCE_END_RE = re.compile("[。！？；!?;]")


def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十一 → 11, 二十三 → 23; None for anything else."""
    if numeral.isdigit():
        return int(numeral)
    if not numeral or any(ch not in _CN_DIGITS and ch != "十" for ch in numeral):
        return None
    if "十" not in numeral:
        return _CN_DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    value = (_CN_DIGITS[tens] if tens else 1) * 10
    return value + (_CN_DIGITS[units] if units else 0)


@dataclass
class _Found:
    depth: int
    style: str
    number: str
    value: int
    heading: str
    paragraph: int


def _heading_text(rest: str, whole_paragraph: str) -> str:
    if len(whole_paragraph) <= HEADING_LINE_MAX_CHARS and not _SENTENCE_END_RE.search(rest[:-1]):
        return rest  # a heading line, verbatim (its closing 。 or ： included)
    # A run-in heading is its paragraph's first sentence, closing mark included.
    m = _SENTENCE_END_RE.search(rest)
    end = m.end() if m else len(rest)
    return rest[: min(end, HEADING_MAX_CHARS)]


# A heading line glued to the sentence after it (a page that lost its line breaks:
# "一、端正思想认识思想是行动的指南。…"). Two shapes give the seam away: the body opens with a
# topic sentence "X是…" right after the heading, or repeats the heading's last words
# ("…客观总结20*年的经济工作认真总结20*年的经济工作，…").
GLUED_MIN_HEADING = 6
GLUED_MAX_HEADING = 40
REPEAT_MIN_CHARS = 5
REPEAT_MAX_CHARS = 24
REPEAT_MAX_GAP = 4
RUN_ON_MIN_CHARS = 25
_TOPIC_RE = re.compile(r"[\u4e00-\u9fff]{2}是")
# Characters before 是 that make it part of the heading's own clause (依然是, 就是, 也是 …).
_NOT_TOPIC_BEFORE = set("然就也都还正才总只即更最仍均乃实于而则便又却真倒本原确凡不即")
# ... and two-character words that make 是 a conjunction or a judgement of the heading itself.
_NOT_TOPIC_WORDS = {
    "但是",
    "可是",
    "或是",
    "要是",
    "若是",
    "特别",
    "尤其",
    "关键",
    "主要",
    "根本",
    "重点",
    "目的",
    "问题",
    "核心",
    "首先",
    "其次",
    "这个",
    "这些",
    "那些",
}
_CLAUSE_END_RE = re.compile("[，,。！？；!?;：:]")
# Openers that start a sentence and take a comma ("…深化认识今年以来，我区…"): where one sits
# inside a heading's first clause, the heading has ended.
_OPENER_RE = re.compile(
    r"(今年以来|去年以来|近年来|近几年来|多年来|长期以来|一年来|几年来|五年来|过去一年|总的来看|"
    r"总体来看|当前|目前|同时|此外|为此|对此|因此)(?=[，,])"
)


def split_glued_heading(sentence: str) -> str:
    """The heading part of a run-in first sentence, or the sentence itself."""
    clause_end = _CLAUSE_END_RE.search(sentence)
    clause = sentence[: clause_end.start()] if clause_end else sentence
    for m in _TOPIC_RE.finditer(clause, GLUED_MIN_HEADING):
        k = m.start()
        subject = clause[k : k + 2]
        if (
            k <= GLUED_MAX_HEADING
            and subject[1] not in _NOT_TOPIC_BEFORE
            and subject not in _NOT_TOPIC_WORDS
        ):
            return sentence[:k]
    opener = _OPENER_RE.search(sentence[: len(clause) + 1], GLUED_MIN_HEADING)
    if opener and opener.start() <= GLUED_MAX_HEADING:
        return sentence[: opener.start()]
    if len(sentence) <= RUN_ON_MIN_CHARS:
        return sentence
    for k in range(GLUED_MIN_HEADING, min(len(sentence), GLUED_MAX_HEADING)):
        for size in range(min(k, REPEAT_MAX_CHARS), REPEAT_MIN_CHARS - 1, -1):
            words = sentence[k - size : k]
            again = sentence.find(words, k, k + REPEAT_MAX_GAP + size)
            if again < 0 or _CLAUSE_END_RE.search(words):
                continue
            # The heading runs on as long as the copy keeps repeating it.
            end, copy = k, again + size
            while copy < len(sentence) and end < again and sentence[end] == sentence[copy]:
                end, copy = end + 1, copy + 1
            return sentence[:end]
    return sentence


def match_heading(paragraph: str, index: int) -> _Found | None:
    for depth, style, pattern in _PATTERNS:
        m = pattern.match(paragraph)
        if not m:
            continue
        value = cn_to_int(m["n"])
        if value is None or value == 0:
            continue
        rest = paragraph[m.end() :]
        heading = _heading_text(rest, paragraph)
        if depth <= 2 and (len(heading) < len(rest) or len(paragraph) > HEADING_LINE_MAX_CHARS):
            heading = split_glued_heading(heading)
        if not heading.strip():
            continue
        if style == "enum" and value > 10:
            continue
        return _Found(depth, style, m["label"], value, heading, index)
    return None


# Unnumbered headings: a short line without a sentence end, between the end of one paragraph
# and a paragraph of prose ("2022年工作回顾", "提高认识，进一步增强…的责任感和紧迫感"), or a
# line in 【】 ("【求真务实篇】"). They open a part of the speech, so they are depth 1.
PLAIN_HEADING_MAX_CHARS = 40
PLAIN_HEADING_MIN_CJK = 4
FOLLOWING_PROSE_MIN_CHARS = 30
_NO_HEADING_END = "。！？；;!?：:，,、"
_CJK_RE = re.compile("[\u3400-\u9fff]")
_DATE_ONLY_RE = re.compile(
    r"^[\d〇○零一二三四五六七八九十]{2,4}年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日$"
)


def match_plain_heading(paragraphs: list[str], index: int) -> _Found | None:
    paragraph = paragraphs[index]
    if BRACKET_HEADING_RE.match(paragraph):
        return _Found(1, "plain", "", 0, paragraph, index)
    if not 0 < index < len(paragraphs) - 1 or len(paragraph) > PLAIN_HEADING_MAX_CHARS:
        return None
    previous, following = paragraphs[index - 1], paragraphs[index + 1]
    if (
        len(_CJK_RE.findall(paragraph)) < PLAIN_HEADING_MIN_CJK
        or _SENTENCE_END_RE.search(paragraph)
        or paragraph[-1] in _NO_HEADING_END
        or _DATE_ONLY_RE.match(paragraph)
        or paragraph[0] in '“"《（('
        or previous[-1] not in "。！？!?：:”"
        or len(following) < FOLLOWING_PROSE_MIN_CHARS
        or not _SENTENCE_END_RE.search(following)
    ):
        return None
    return _Found(1, "plain", "", 0, paragraph, index)


def parse_outline(paragraphs: list[str]) -> tuple[list[ParsedSection], list[str]]:
    """Returns the sections in reading order and warnings about numbering jumps."""
    found = [
        f
        for i, p in enumerate(paragraphs)
        if (f := match_heading(p, i) or match_plain_heading(paragraphs, i))
    ]
    sections: list[ParsedSection] = []
    warnings: list[str] = []
    # stack of (depth, anchor, children count, last value per style)
    stack: list[list] = []
    root_children = 0
    root_last: dict[str, int] = {}
    for f in found:
        while stack and stack[-1][0] >= f.depth:
            stack.pop()
        if stack:
            parent = stack[-1]
            parent[2] += 1
            position, last, prefix = parent[2], parent[3], parent[1] + "-"
        else:
            root_children += 1
            position, last, prefix = root_children, root_last, "s"
        previous = last.get(f.style)
        if f.style != "plain" and (
            previous is not None
            and f.value not in (previous + 1, 1)
            or previous is None
            and f.value != 1
        ):
            expected = previous + 1 if previous is not None else 1
            warnings.append(
                f"大纲编号不连续:第 {f.paragraph + 1} 段是「{f.number}」,应为第 {expected} 项"
            )
        last[f.style] = f.value
        anchor = f"{prefix}{position}"
        sections.append(ParsedSection(f.number, f.heading, f.depth, anchor, f.paragraph))
        stack.append([f.depth, anchor, 0, {}])
    return sections, warnings
