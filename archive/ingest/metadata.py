"""Metadata read from the text: title, date (and which rule gave it), level, meeting, speaker's
role and keywords. Works on the gloss-free source lines (for the title block and page date,
which cleaning removes from the body) and on the cleaned body."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from archive.ingest.generic import is_generic
from archive.ingest.head import Head, split_head
from archive.ingest.script import to_simplified
from archive.ingest.titles import pick_title
from archive.ingest.types import LEVEL_COUNTY, LEVEL_DISTRICT

DATE_RULE_HEAD = "标题下"
DATE_RULE_TITLE = "标题"
DATE_RULE_CLOSING = "落款"
# Why a speech has no date although its page shows one.
DATE_NOTE_STAMP_ONLY = "网页只有发布时间({published}),不是讲话日期"

_MEETING_RE = re.compile(
    r"在(?P<meeting>[^，。,；;：:“”]{2,50}?(会议|會議|大会|大會|座谈会|座談會|推进会|推進會|动员会|動員會|会|會))上的(讲话|講話|发言|發言|致辞|致辭|报告|報告)"
)
_ROLE_RE = re.compile(
    r"(县委副书记|縣委副書記|区委副书记|區委副書記|县委书记|縣委書記|区委书记|區委書記|"
    r"副县长|副縣長|副区长|副區長|代县长|代縣長|代区长|代區長|县长|縣長|区长|區長|"
    r"县委常委|縣委常委|区委常委|區委常委|县政协主席|縣政協主席|区政协主席|區政協主席|"
    r"县人大常委会主任|縣人大常委會主任|区人大常委会主任|區人大常委會主任|"
    r"县纪委书记|縣紀委書記|区纪委书记|區紀委書記)"
)
# A page's stamp: when the site published the text, not when it was delivered.
_STAMP_RE = re.compile(
    r"(?:时间|日期|发布|发表|发文|更新|上传)[^:：\d]{0,4}[:：]?\s*"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
    r"|^(?P<y2>(?:19|20)\d{2})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})(?:\s+\d{1,2}:\d{2}|$)"
)
_CN_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_NUM_DATE_RE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[元一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
CLOSING_LINES = 3

# Level evidence (compared on the simplified text): phrases that name the speaker's own body
# weigh more than a bare 县/区. A banner (旗) is a county-level division.
_LEVEL_PHRASES = [("全{}", 3), ("我{}", 3), ("{}委", 3), ("{}政府", 3), ("{}长", 2), ("{}级", 2),
                  ("{}", 1)]  # fmt: skip
_LEVEL_WORDS = {
    LEVEL_COUNTY: [(p.format(c), w) for c in ("县", "旗") for p, w in _LEVEL_PHRASES],
    LEVEL_DISTRICT: [(p.format("区"), w) for p, w in _LEVEL_PHRASES],
}
for _words in _LEVEL_WORDS.values():
    _words.sort(key=lambda item: -len(item[0]))
# Words with 区/县 that say nothing about the speaker's level.
_LEVEL_NOISE_RE = re.compile(
    "(地区|社区|园区|景区|区域|小区|片区|辖区|城区|山区|牧区|区别|误区|县市区|市县|郡县|州县|县乡)"
)
_EITHER_LEVEL_RE = re.compile(r"[全我本]县\s*[(（/]\s*区|[全我本]区\s*[(（/]\s*县")
LEVEL_OPENING_PARAGRAPHS = 4
LEVEL_TITLE_WEIGHT = 3
LEVEL_MIN_SCORE = 3
LEVEL_MIN_MARGIN = 1.5  # the winner must outweigh the other level this many times


@dataclass
class Metadata:
    title: str = ""
    title_rule: str = ""
    date: datetime.date | None = None
    date_rule: str = ""
    published: datetime.date | None = None  # the page's own stamp, never the speech's date
    date_note: str = ""
    notes: list[str] = field(default_factory=list)  # uncertain choices, for the editor
    level: str | None = None
    meeting: str = ""
    speaker_role: str = ""
    keywords: list[str] = field(default_factory=list)


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
    if text == "元":  # 元月, the first month
        return 1
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


def pick_published(head: list[str]) -> datetime.date | None:
    """The site's publication stamp (发布时间: 2022-03-26 08:05), if the head shows one."""
    for line in head:
        m = _STAMP_RE.search(to_simplified(line.strip()))
        if m:
            y, mo, d = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
            if date := _safe_date(int(y), int(mo), int(d)):
                return date
    return None


def pick_date(
    head: list[str], title: str, paragraphs: list[str]
) -> tuple[datetime.date | None, str]:
    """The delivery date the text states: a dateline under the title ("（2023年4月17日）",
    "2025年3月21日在…会议上"), a date in the title, or the closing date. A site's publication
    stamp is never taken (see pick_published)."""
    for line in head:
        stripped = line.strip()
        stamp = _STAMP_RE.search(to_simplified(stripped))
        if len(stripped) <= 40 and not stamp and (date := find_date_in(stripped)):
            return date, DATE_RULE_HEAD
    if date := find_date_in(title):
        return date, DATE_RULE_TITLE
    for paragraph in paragraphs[-CLOSING_LINES:]:
        if len(paragraph) <= 40 and (date := find_date_in(paragraph)):
            return date, DATE_RULE_CLOSING
    return None, ""


def level_scores(text: str) -> dict[str, float]:
    text = _LEVEL_NOISE_RE.sub("", to_simplified(text))
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


def _decide(scores: dict[str, float]) -> str | None:
    county, district = scores[LEVEL_COUNTY], scores[LEVEL_DISTRICT]
    if county >= LEVEL_MIN_SCORE and county >= district * LEVEL_MIN_MARGIN:
        return LEVEL_COUNTY
    if district >= LEVEL_MIN_SCORE and district >= county * LEVEL_MIN_MARGIN:
        return LEVEL_DISTRICT
    return None


NOTE_LEVEL_BOTH = "层级不确定:文中写的是“县(区)”,未设层级"
NOTE_LEVEL_CONFLICT = "层级不确定:标题说的是{title},正文说的是{body},未设层级"
_LEVEL_NAMES = {LEVEL_COUNTY: "县级", LEVEL_DISTRICT: "区级"}


def pick_level_with_note(
    title: str, paragraphs: list[str], byline: list[str] = ()
) -> tuple[str | None, str]:
    """County or district from the title and byline (weighted) and the opening paragraphs;
    None, with a note saying why, when the text is written for both (全县（区）) or the title and
    the text clearly disagree (a 县委书记 at a 区 congress)."""
    opening = "\n".join(paragraphs[:LEVEL_OPENING_PARAGRAPHS])
    if _EITHER_LEVEL_RE.search(to_simplified(f"{title}\n{opening}")):
        return None, NOTE_LEVEL_BOTH
    title_scores = level_scores("\n".join([title, *byline]))
    body_scores = level_scores(opening)
    title_level, body_level = _decide(title_scores), _decide(body_scores)
    if title_level and body_level and title_level != body_level:
        names = {"title": _LEVEL_NAMES[title_level], "body": _LEVEL_NAMES[body_level]}
        return None, NOTE_LEVEL_CONFLICT.format(**names)
    totals = {k: title_scores[k] * LEVEL_TITLE_WEIGHT + body_scores[k] for k in title_scores}
    return _decide(totals), ""


def pick_level(title: str, paragraphs: list[str], byline: list[str] = ()) -> str | None:
    return pick_level_with_note(title, paragraphs, byline)[0]


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
    for text in [title, *source_lines, *paragraphs[:1], *paragraphs[-2:]]:
        m = _ROLE_RE.search(text[:200])
        if m:
            return m[0]
    return ""


KEYWORD_COUNT = 8
# Candidates read per keyword wanted: generic words and contained words are dropped after.
KEYWORD_CANDIDATES = 4
# A word whose occurrences are at most this many times those of a longer keyword containing it
# adds nothing beside it.
KEYWORD_INSIDE = 1.5


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


def _inside(short: str, long: str, text: str) -> bool:
    """Whether ``short`` occurs in ``text`` mostly as part of ``long`` (生态 in 生态环境)."""
    return text.count(long) * KEYWORD_INSIDE >= text.count(short)


def pick_keywords(text: str, count: int = KEYWORD_COUNT) -> list[str]:
    """What the speech is about: TF-IDF keywords (jieba) of the simplified text without the
    words every official speech uses (archive/ingest/generic.py), and without a word that
    occurs mostly inside a longer keyword (生态 beside 生态环境; 作风 stays beside 干部作风
    when it is also used on its own). Mapped back to the original script by position: t2s
    keeps the length, so a keyword's first occurrence gives its original form."""
    simplified = to_simplified(text)
    tags = extract_tags(_bounded(simplified), count * KEYWORD_CANDIDATES)
    chosen: list[str] = []
    for tag in tags:
        if len(tag) < 2 or is_generic(tag):
            continue
        if any(tag in kept and _inside(tag, kept, simplified) for kept in chosen):
            continue
        # A longer word takes the place of the words that occur mostly inside it.
        inner = [kept for kept in chosen if kept in tag and _inside(kept, tag, simplified)]
        if inner:
            chosen[chosen.index(inner[0])] = tag
            chosen = [kept for kept in chosen if kept not in inner[1:]]
        else:
            chosen.append(tag)
        if len(chosen) == count:
            break
    keywords = []
    for tag in chosen:
        at = simplified.find(tag)
        original = text[at : at + len(tag)] if at >= 0 and len(simplified) == len(text) else tag
        if original not in keywords:
            keywords.append(original)
    return keywords


def extract_metadata(
    source_lines: list[str], paragraphs: list[str], source_name: str = "", head: Head | None = None
) -> Metadata:
    """``head`` is split_head(source_lines) when the caller has already computed it."""
    head = head or split_head(source_lines)
    body = "\n".join(paragraphs)
    title, title_rule = pick_title(head.lines, head.chrome, source_name, body)
    byline = head.plain_lines
    date, rule = pick_date(byline, title, paragraphs)
    published = pick_published(head.lines)
    note = ""
    if date is None and published is not None:
        note = DATE_NOTE_STAMP_ONLY.format(published=published.isoformat())
    level, level_note = pick_level_with_note(title, paragraphs, byline)
    return Metadata(
        title=title,
        title_rule=title_rule,
        date=date,
        date_rule=rule,
        published=published,
        date_note=note,
        level=level,
        notes=[level_note] if level_note else [],
        meeting=pick_meeting(title, paragraphs),
        speaker_role=pick_role(title, paragraphs, byline),
        keywords=pick_keywords(body),
    )
