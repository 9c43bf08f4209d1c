"""Metadata read from the text: title, date (and which rule gave it), level, meeting, speaker's
role and keywords. Works on the gloss-free source lines (for the title block and page date,
which cleaning removes from the body) and on the cleaned body."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from archive.ingest.chars import cjk_count
from archive.ingest.chrome import chrome_flags
from archive.ingest.layout import SALUTATION_RE, squeeze_spaces
from archive.ingest.punct import normalize_width
from archive.ingest.types import LEVEL_COUNTY, LEVEL_DISTRICT

DATE_RULE_LINE = "时间行"
DATE_RULE_TITLE = "标题"
DATE_RULE_CLOSING = "落款"

_EXT_RE = re.compile(r"\.(docx?|pdf|txt|wps|html?|zip)$", re.IGNORECASE)
_TITLE_TAIL_RE = re.compile(
    r"(参考范文|參考範文|范文|範文|参考|參考|下载文档|下載文檔|word版|全文|精选|精選|最新)+$",
    re.IGNORECASE,
)
_SITE_SUFFIX_RE = re.compile(r"\s*[-_|–—]\s*[^-_|–—]{1,20}(网|網|文库|文庫|范文|範文|站)$")
_MEETING_RE = re.compile(
    r"在(?P<meeting>[^，。,；;：:“”]{2,50}?(会议|會議|大会|大會|座谈会|座談會|推进会|推進會|动员会|動員會|会|會))上的(讲话|講話|发言|發言|致辞|致辭|报告|報告)"
)
_MEETING_TITLE_HINT_RE = re.compile(r"(会议|會議|大会|大會|会上|會上)")
_ROLE_RE = re.compile(
    r"(县委副书记|縣委副書記|区委副书记|區委副書記|县委书记|縣委書記|区委书记|區委書記|"
    r"副县长|副縣長|副区长|副區長|代县长|代縣長|代区长|代區長|县长|縣長|区长|區長|"
    r"县委常委|縣委常委|区委常委|區委常委|县政协主席|縣政協主席|区政协主席|區政協主席|"
    r"县人大常委会主任|縣人大常委會主任|区人大常委会主任|區人大常委會主任|"
    r"县纪委书记|縣紀委書記|区纪委书记|區紀委書記)"
)
_DATE_LINE_RE = re.compile(
    r"^(?:时间|時間|日期|发布时间|發布時間|發佈時間|发表时间|發表時間)[:：]\s*"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_CN_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_NUM_DATE_RE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
CLOSING_LINES = 3

# Level evidence (compared on the simplified text): phrases that name the speaker's own body
# weigh more than a bare 县/区.
_LEVEL_WORDS = {
    level: [(f"全{c}", 3), (f"{c}委", 3), (f"{c}政府", 3), (f"我{c}", 3), (f"{c}长", 2),
            (f"{c}级", 2), (c, 1)]
    for level, c in ((LEVEL_COUNTY, "县"), (LEVEL_DISTRICT, "区"))
}  # fmt: skip
# Words with 区/县 that say nothing about the speaker's level.
_LEVEL_NOISE_RE = re.compile(
    "(地区|社区|园区|景区|区域|小区|片区|辖区|城区|山区|牧区|区别|误区|县市区|市县|郡县|州县|县乡)"
)
LEVEL_OPENING_PARAGRAPHS = 4
LEVEL_TITLE_WEIGHT = 3
LEVEL_MIN_SCORE = 3
LEVEL_MIN_MARGIN = 1.5  # the winner must outweigh the other level this many times


@dataclass
class Metadata:
    title: str = ""
    date: datetime.date | None = None
    date_rule: str = ""
    level: str | None = None
    meeting: str = ""
    speaker_role: str = ""
    keywords: list[str] = field(default_factory=list)


def clean_title(text: str) -> str:
    title = squeeze_spaces(text.strip())
    title = _EXT_RE.sub("", title)
    title = _SITE_SUFFIX_RE.sub("", title)
    title = _TITLE_TAIL_RE.sub("", title)
    return title.strip(" -_|:：—–")


_KIND_RANK = {"heading": 0, "page": 1, "file": 2}


def _title_candidates(source_lines: list[str], source_name: str) -> list[tuple[str, str]]:
    """(text, kind) pairs: "heading" for the line right above the salutation, "page" for other
    short lines of the title block, "file" for file names."""
    candidates: list[tuple[str, str]] = []
    head = source_lines[:40]
    for line, chrome in zip(head, chrome_flags(head), strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        if _EXT_RE.search(stripped) and not re.search(r"[。，]", stripped):
            candidates.append((stripped, "file"))
            continue
        if chrome or _DATE_LINE_RE.match(stripped):
            continue
        if SALUTATION_RE.match(stripped):
            if candidates and candidates[-1][1] == "page":
                candidates[-1] = (candidates[-1][0], "heading")
            break
        if "。" in stripped or len(stripped) > 100:
            # A page dump: the title runs until the salutation inside the line.
            m = re.search(r"\s(同志们|同志們)[:：]", stripped)
            if m:
                candidates.append((stripped[: m.start()], "heading"))
            break
        candidates.append((stripped, "page"))
    if source_name:
        base = source_name.rsplit("/", 1)[-1]
        if cjk_count(base) >= 4:
            candidates.append((base, "file"))
    cleaned = []
    for text, kind in candidates:
        title = clean_title(text)
        if title and cjk_count(title) >= 2 and len(title) <= 80:
            cleaned.append((title, kind))
    return cleaned


def pick_title(source_lines: list[str], source_name: str) -> str:
    """The speech's own heading, page title or file name; one naming the meeting wins."""
    candidates = _title_candidates(source_lines, source_name)
    if not candidates:
        return ""
    ranked = sorted(
        enumerate(candidates),
        key=lambda item: (
            not _MEETING_TITLE_HINT_RE.search(item[1][0]),
            _KIND_RANK[item[1][1]],
            item[0],
        ),
    )
    return normalize_width(ranked[0][1][0])


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        date = datetime.date(y, m, d)
    except ValueError:
        return None
    return date if 1949 <= y <= 2100 else None


def _cn_digits(text: str) -> int:
    digits = {
        "〇": 0,
        "○": 0,
        "零": 0,
        "一": 1,
        "二": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
    if len(text) == 4:
        return int("".join(str(digits[c]) for c in text))
    from archive.ingest.outline import cn_to_int

    return cn_to_int(text) or 0


def find_date_in(text: str) -> datetime.date | None:
    m = _CN_DATE_RE.search(text)
    if m:
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _CN_NUM_DATE_RE.search(text)
    if m:
        return _safe_date(_cn_digits(m["y"]), _cn_digits(m["m"]), _cn_digits(m["d"]))
    return None


def pick_date(
    source_lines: list[str], title: str, paragraphs: list[str]
) -> tuple[datetime.date | None, str]:
    for line in source_lines[:20]:
        m = _DATE_LINE_RE.match(line.strip())
        if m and (date := _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))):
            return date, DATE_RULE_LINE
    if date := find_date_in(title):
        return date, DATE_RULE_TITLE
    for paragraph in paragraphs[-CLOSING_LINES:]:
        if len(paragraph) <= 40 and (date := find_date_in(paragraph)):
            return date, DATE_RULE_CLOSING
    # Under the title, above the salutation: "（2023年4月17日）" (cleaning drops that block
    # from the body, so it is read from the source lines).
    for line in _title_block(source_lines):
        if len(line) <= 40 and (date := find_date_in(line)):
            return date, DATE_RULE_TITLE
    return None, ""


def _title_block(source_lines: list[str]) -> list[str]:
    block = []
    for line in source_lines[:15]:
        stripped = line.strip()
        if SALUTATION_RE.match(stripped) or "。" in stripped:
            break
        block.append(stripped)
    return block


def level_scores(text: str) -> dict[str, float]:
    text = _LEVEL_NOISE_RE.sub("", _t2s().convert(text))
    scores = {}
    for level, words in _LEVEL_WORDS.items():
        remaining = text
        score = 0.0
        # Longest phrases first, each occurrence counted once.
        for word, weight in words:
            score += remaining.count(word) * weight
            remaining = remaining.replace(word, "")
        scores[level] = score
    return scores


def pick_level(title: str, paragraphs: list[str]) -> str | None:
    title_scores = level_scores(title)
    body_scores = level_scores("\n".join(paragraphs[:LEVEL_OPENING_PARAGRAPHS]))
    totals = {k: title_scores[k] * LEVEL_TITLE_WEIGHT + body_scores[k] for k in title_scores}
    county, district = totals[LEVEL_COUNTY], totals[LEVEL_DISTRICT]
    if county >= LEVEL_MIN_SCORE and county >= district * LEVEL_MIN_MARGIN:
        return LEVEL_COUNTY
    if district >= LEVEL_MIN_SCORE and district >= county * LEVEL_MIN_MARGIN:
        return LEVEL_DISTRICT
    return None


_TITLE_MEETING_RE = re.compile(
    r"^(?P<meeting>[^，。,：:]{2,40}?(会议|會議|大会|大會|座谈会|座談會))(上的)?(讲话|講話|发言|發言|致辞|致辭)"
)


def pick_meeting(title: str, paragraphs: list[str]) -> str:
    for text in [title, *paragraphs[:3]]:
        m = _MEETING_RE.search(text)
        if m:
            return m["meeting"]
    m = _TITLE_MEETING_RE.match(title)
    return m["meeting"] if m else ""


def pick_role(title: str, paragraphs: list[str], source_lines: list[str] = ()) -> str:
    """The speaker's office, from the title, the lines under it ("县委书记 张××"), the
    opening or the signature."""
    for text in [title, *_title_block(list(source_lines)), *paragraphs[:1], *paragraphs[-2:]]:
        m = _ROLE_RE.search(text[:200])
        if m:
            return m[0]
    return ""


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


KEYWORD_COUNT = 8
_KEYWORD_STOP = {
    "同志们",
    "工作",
    "我们",
    "进一步",
    "要求",
    "方面",
    "问题",
    "一是",
    "二是",
    "三是",
    "切实",
    "全面",
    "加强",
    "推进",
    "坚持",
    "开展",
    "认真",
    "各级",
    "一批",
    "解决",
    "建设",
    "人民",
    "群众",
    "活动",
    "主题",
    "必需",
    "准时",
    "效劳",
}


# jieba's part-of-speech tagger falls back to an HMM for characters it cannot split into
# dictionary words, at about 2,000 characters a second on this machine: a 4-million-character
# line of one repeated character (or a block of mojibake) took minutes. Keywords are therefore
# read from the first KEYWORD_TEXT_CHARS characters (longer than any speech in the corpus),
# with a break forced every KEYWORD_RUN_CHARS characters of unbroken text so no single HMM run
# grows with the file.
KEYWORD_TEXT_CHARS = 20_000
KEYWORD_RUN_CHARS = 80
_LONG_RUN = re.compile(rf"[^\s。，,；;！!？?、：:]{{{KEYWORD_RUN_CHARS}}}")


def _bounded(text: str) -> str:
    return _LONG_RUN.sub(lambda m: m.group(0) + "\n", text[:KEYWORD_TEXT_CHARS])


KEYWORD_POS = frozenset(("n", "nz", "vn", "ns", "nt", "l", "v"))


@functools.cache
def _tfidf():
    import jieba.analyse

    return jieba.analyse.default_tfidf  # jieba's IDF table, its median and its stop words


def extract_tags(text: str, top: int) -> list[str]:
    """``jieba.analyse.extract_tags(text, top, allowPOS=KEYWORD_POS)``, with the words and
    their parts of speech from rjieba (jieba's dictionary and model in Rust): jieba's own
    part-of-speech tagger is pure Python and took ~0.5 s per speech, most of an import.
    The scoring below is jieba's TF-IDF, line for line."""
    import rjieba

    tfidf = _tfidf()
    freq: dict[str, float] = {}
    for word, flag in rjieba.tag(text):
        if flag not in KEYWORD_POS or len(word.strip()) < 2 or word.lower() in tfidf.stop_words:
            continue
        freq[word] = freq.get(word, 0.0) + 1.0
    total = sum(freq.values())
    for word in freq:
        freq[word] *= tfidf.idf_freq.get(word, tfidf.median_idf) / total
    return sorted(freq, key=freq.__getitem__, reverse=True)[:top]


def pick_keywords(text: str, count: int = KEYWORD_COUNT) -> list[str]:
    """TF-IDF keywords (jieba) of the simplified text, mapped back to the original script by
    position: t2s keeps the length, so a keyword's first occurrence gives its original form."""
    simplified = _t2s().convert(text)
    tags = extract_tags(_bounded(simplified), count * 3)
    keywords = []
    for tag in tags:
        if tag in _KEYWORD_STOP or len(tag) < 2:
            continue
        at = simplified.find(tag)
        original = text[at : at + len(tag)] if at >= 0 and len(simplified) == len(text) else tag
        if original not in keywords:
            keywords.append(original)
        if len(keywords) == count:
            break
    return keywords


def extract_metadata(
    source_lines: list[str], paragraphs: list[str], source_name: str = ""
) -> Metadata:
    title = pick_title(source_lines, source_name)
    date, rule = pick_date(source_lines, title, paragraphs)
    return Metadata(
        title=title,
        date=date,
        date_rule=rule,
        level=pick_level(title, paragraphs),
        meeting=pick_meeting(title, paragraphs),
        speaker_role=pick_role(title, paragraphs, source_lines),
        keywords=pick_keywords("\n".join(paragraphs)),
    )
