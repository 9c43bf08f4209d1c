"""The title: candidates gathered from the head of the text (the lines above where the speech
starts), cleaned of site tags, then weighed; the winner comes with the rule that chose it.

Candidates come from the head's own lines (a title hard-wrapped over several lines is joined),
from chrome lines that quote the title (a "下面是小编为大家整理的…,供大家参考" blurb, a
"文章标题:" label, a breadcrumb's last step, a file name) and from the file name. A title names
the kind of document (…的讲话, 政府工作报告); a line under it that only names the meeting
(——在…会议上), the speaker (县长 某某) or the date is a subtitle, byline or dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest.chars import cjk_count
from archive.ingest.chrome import DOC_TYPE_RE, PAGE_TALK_RE
from archive.ingest.layout import squeeze_spaces
from archive.ingest.punct import normalize_width
from archive.ingest.script import to_simplified

TITLE_RULE_LINE = "标题行"
TITLE_RULE_JOINED = "跨行标题"
TITLE_RULE_QUOTED = "网页说明"
TITLE_RULE_FILE = "文件名"
TITLE_MAX_CHARS = 80

_EXT_RE = re.compile(r"\.(docx?|pdf|txt|wps|html?|zip)(?![A-Za-z]).*$", re.IGNORECASE)
_TAIL_RE = re.compile(
    r"(范文稿|範文稿|参考范文|參考範文|范文|範文|参考|參考|下载文档|下載文檔|word版|全文|精选|精選|最新|大全|"
    r"[(（【\[](全文完整|完整版|完整|全文|范文|範文|大全|精选|精選|最新|word版|\d{1,2})[)）】\]]|"
    r"篇\d{1,2}|[(（]\d{4}年?[)）]|[\[【][^\]】\u4e00-\u9fff]{1,8}[\]】]|[|｜\s]+)+$",
    re.IGNORECASE,
)
_SITE_SUFFIX_RE = re.compile(r"\s*[-_|–—]\s*[^-_|–—]{1,20}(网|網|文库|文庫|范文|範文|站)$")
_LEAD_TAG_RE = re.compile(
    r"^(\d{1,2}、|第[一二三四五六七八九十\d]{1,3}[篇章][:：]?|[\[【][^\]】]{1,8}[\]】]|"
    r"(编号|編號|id|ID|文章标题|文章標題|标题|標題|题目|題目)[:：]\s*[\w*]*?(?=[\u4e00-\u9fff])|"
    r"[\u4e00-\u9fff]{0,4}(名称|名稱|标题|標題|题名|題名|题目|題目)\s*[:：|｜]\s*)"
)
# A year at the front of a title ("2023年县长在…的讲话") is a site's search-engine tag unless it
# names a period ("2023年第三季度", "2023年度", "2023年上半年", "2023年全县…").
_SEO_YEAR_RE = re.compile(r"^(19|20)\d{2}\s*年(?![第度上下全春夏秋冬元一二三四五六七八九十\d月])")
# ... and one between an office and what it did ("县长2015年庆祝教师节讲话") likewise.
_MID_YEAR_RE = re.compile(
    r"(?<=书记|县长|区长|市长|旗长|主任|主席|部长|局长)((19|20)\d{2})\s*年(?![第度上下全春夏秋冬元\d月])"
)
# Text glued after the document type: a byline, an editor's note, a date, the salutation.
_GLUED_TAIL_RE = re.compile(
    r"(?:讲话|发言|致辞|报告|讲稿|主持词|提纲|总结|计划|方案)(?:范文)?稿?"
    r"(?=\s*(?:编者按|导语|摘要|前言|内容提要|按语|[\u4e00-\u9fff]{0,10}[省市县区旗州]委?"
    r"|同志们|各位|\d|[(（]\d{4}\s*年\s*\d|[—–]{1,2}))"
)
_QUOTED_RE = re.compile(
    r"(?:整理的|整理了|收集的|推荐的)\s*(?:\d{4}年)?(?P<t>[^,，。]{4,60}?)"
    r"[,，。]?\s*(?:供大家|希望|欢迎|仅供|以供|请)"
)
_LABELLED_RE = re.compile(
    r"(?:文章标题|名称|标题|题名|题目)\s*[:：|｜]\s*(?P<t>[^|｜]{4,80}?)[\s|｜]*$"
)
_BREADCRUMB_STEP_RE = re.compile(r"(?:>|»|›)\s*(?P<t>[^>»›]{6,80})\s*$")
_SUBTITLE_RE = re.compile(r"^[—–-]{1,2}")
_DATELINE_RE = re.compile(r"(19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|^[(（].{0,14}[)）]$")
_ENDS_AT_MEETING_RE = re.compile(r"(会议|大会|会)上$")
_MEETING_RE = re.compile(r"在.{2,50}(会|上)")
_ROLE_RE = re.compile(
    r"(书记|县长|区长|旗长|市长|主任|主席|部长|局长|委员|常委)\s*[\u4e00-\u9fffx×*]{1,4}$"
)
_SALUTATION_IN_LINE_RE = re.compile(
    r"(同志们|各位代表|各位委员|各位领导|尊敬的)([^。，,：:]{0,20}[、，,])*[^。，,：:]{0,20}[:：]"
)


@dataclass(frozen=True)
class TitleCandidate:
    text: str
    rule: str
    position: float  # line index in the head (+ tenths along a glued line): nearer the speech


def clean_title(text: str) -> str:
    title = squeeze_spaces(text.strip())
    title = _EXT_RE.sub("", title)
    title = _SITE_SUFFIX_RE.sub("", title)
    previous = None
    while previous != title:
        previous = title
        title = _LEAD_TAG_RE.sub("", title).strip()
        title = _TAIL_RE.sub("", title).strip(" -_|:：—–")
        title = _SEO_YEAR_RE.sub("", title)
    return title.strip(" -_|:：—–")


def cut_glued_tail(text: str) -> str:
    """ "…的讲话陕西省铜川市…副区长王某" → "…的讲话": the first document type followed by a
    byline, note, date or salutation ends the title."""
    simplified = to_simplified(text)
    m = _GLUED_TAIL_RE.search(simplified)
    return text[: m.end()] if m and m.end() >= 4 else text


def glued_pieces(text: str) -> list[str]:
    """The line, cut after each document type that text is glued to."""
    pieces, rest = [], text
    while rest:
        cut = cut_glued_tail(rest)
        pieces.append(cut)
        if cut == rest:
            break
        rest = rest[len(cut) :].lstrip()
    return pieces


def _quoted_titles(line: str) -> list[tuple[str, str]]:
    """(title, rule) pairs that a chrome line quotes: a blurb, a label, a breadcrumb's last
    step, a file name."""
    simplified = to_simplified(line.strip())
    found = []
    for pattern in (_QUOTED_RE, _LABELLED_RE, _BREADCRUMB_STEP_RE):
        m = pattern.search(simplified)
        if m:
            found.append((line.strip()[m.start("t") : m.end("t")], TITLE_RULE_QUOTED))
    if _EXT_RE.search(line) and not re.search(r"[。，]", line):
        found.append((line.strip(), TITLE_RULE_FILE))
    return found


def gather_candidates(
    head: list[str], chrome: list[bool], source_name: str = ""
) -> list[TitleCandidate]:
    """Candidates from the head lines (with their chrome flags) and the file name."""
    candidates: list[TitleCandidate] = []
    run: list[str] = []  # consecutive plain lines that may be one title wrapped
    for position, (line, is_chrome) in enumerate(zip(head, chrome, strict=True)):
        stripped = line.strip()
        if not stripped:
            continue
        if is_chrome:
            run = []
            candidates.extend(
                TitleCandidate(text, rule, position) for text, rule in _quoted_titles(stripped)
            )
            continue
        if _EXT_RE.search(stripped) and not re.search(r"[。，]", stripped):
            candidates.append(TitleCandidate(stripped, TITLE_RULE_FILE, position))
            continue
        # A page title glued before the document's own ("…座谈会上讲话…座谈会上的讲话"):
        # each piece that ends at a document type is a candidate, the later one nearer the text.
        for order, piece in enumerate(glued_pieces(stripped)):
            candidates.append(TitleCandidate(piece, TITLE_RULE_LINE, position + order / 10))
        stripped = cut_glued_tail(stripped)
        run.append(stripped)
        if len(run) >= 2 and DOC_TYPE_RE.search(to_simplified(stripped)):
            for start in range(len(run) - 1):
                joined = "".join(run[start:])
                if len(joined) <= TITLE_MAX_CHARS:
                    candidates.append(TitleCandidate(joined, TITLE_RULE_JOINED, position))
                    break
        if DOC_TYPE_RE.search(to_simplified(stripped)):
            run = []
    if source_name:
        base = source_name.rsplit("/", 1)[-1]
        if cjk_count(base) >= 4:
            candidates.append(TitleCandidate(base, TITLE_RULE_FILE, -1))
    return candidates


def title_score(text: str) -> float:
    """How much a cleaned candidate reads as the title of a speech."""
    simplified = to_simplified(text)
    score = 0.0
    if DOC_TYPE_RE.search(simplified):
        score += 3
    if _MEETING_RE.search(simplified):
        score += 1
    if len(simplified) >= 8:
        score += 1
    if len(simplified) < 5:
        score -= 2
    if _SUBTITLE_RE.match(text) or _ENDS_AT_MEETING_RE.search(simplified):
        score -= 3
    if _DATELINE_RE.search(simplified):
        score -= 2
    if _ROLE_RE.search(simplified) and not DOC_TYPE_RE.search(simplified):
        score -= 2
    if re.search("[。！？；]", simplified) or simplified.count("，") >= 2:
        score -= 4
    if PAGE_TALK_RE.search(simplified):
        score -= 3
    return score


# Below this a candidate is a caption or a fragment ("大会现场"), not a title.
MIN_TITLE_SCORE = 1


_RULE_RANK = {TITLE_RULE_JOINED: 0, TITLE_RULE_LINE: 0, TITLE_RULE_QUOTED: 1, TITLE_RULE_FILE: 2}


def strip_unsupported_year(title: str, body: str) -> str:
    """ "县长2015年庆祝教师节讲话" whose text never says 2015: the year is a site's tag (one
    inside the meeting's name, "在全县2024年经济工作会议上", belongs to the meeting)."""
    m = _MID_YEAR_RE.search(title)
    if m and m.group(1) not in body and "在" not in title[: m.start()]:
        return (title[: m.start()] + title[m.end() :]).strip()
    return title


def pick_title(
    head: list[str], chrome: list[bool], source_name: str, body: str = ""
) -> tuple[str, str]:
    """(title, rule): the best-scoring candidate; among equals, a line of the text before a
    quoted one, and the one nearest the speech."""
    best: tuple | None = None
    for candidate in gather_candidates(head, chrome, source_name):
        text = clean_title(candidate.text)
        if not text or cjk_count(text) < 2 or len(text) > TITLE_MAX_CHARS:
            continue
        key = (title_score(text), -_RULE_RANK[candidate.rule], candidate.position)
        if best is None or key > best[0]:
            best = (key, text, candidate.rule)
    if best is None or best[0][0] < MIN_TITLE_SCORE:
        return "", ""
    title = strip_unsupported_year(normalize_width(best[1]), body)
    return title, best[2]


def find_salutation(line: str) -> int | None:
    """Offset of a salutation inside a glued line ("…的讲话同志们:今天…"), else None."""
    m = _SALUTATION_IN_LINE_RE.search(to_simplified(line))
    return m.start() if m and m.start() > 0 else None
