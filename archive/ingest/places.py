"""Which county or district a speech belongs to, read from its text against the gazetteer
(archive/ingest/gazetteer.py, passed in): names in the title and byline weigh most, then the
opening, then the rest; a name followed by 委/人民政府/人大/第…届 or preceded by 中共/代表 names
the speaker's own body and counts double, as does a name of the kind the text calls itself
(全区, 我县). Short names count only in the slogans that use them (构建和谐河西, 推进邵东新崛起).

A name shared by several divisions (朝阳区) is settled by the province or city the text names;
otherwise the name is kept with no code and a warning. A rename (余江县 → 余江区 in 2018) is
settled by the speech's date: the division is today's, its kind and level those of the day.
Anonymised texts (××县) get a level and no place.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from archive.ingest.gazetteer import (
    KIND_LABELS,
    Gazetteer,
    county_kind_of,
    level_of_kind,
)
from archive.ingest.script import to_simplified

WEIGHT_TITLE = 3.0
WEIGHT_BYLINE = 3.0
WEIGHT_OPENING = 2.0
WEIGHT_BODY = 1.0
OWN_BODY_FACTOR = 2.0  # 阜南县委, 南开区人民政府, 略阳县第十八届
SAME_KIND_FACTOR = 2.0  # 青山区 in a text that says 我区
OPENING_PARAGRAPHS = 3
BODY_CHARS = 20_000  # as keywords: longer than any speech, bounded for huge files
HIGHER_NAMES_CHARS = 5_000  # where the province or city of a same-name county is looked for
MIN_SCORE = 2.0  # one own-body mention in the opening, a title mention, or several mentions
AMBIGUOUS_MARGIN = 2.0  # the winner must outweigh the next place this many times
HOST_FACTOR = 2.0  # a name the page's government host spells (laiyuan.gov.cn: 涞源县)

_OWN_AFTER_RE = re.compile(
    r"^(委|人民政府|政府|人大|政协|第[一二三四五六七八九十]{1,3}届|[一二三四五六七八九十]{1,3}届)"
)
_OWN_BEFORE = ("中共", "中国共产党", "代表", "政协")
# Short names in the slogans that use them: 构建和谐河西, 建设新南开, 推进邵东新崛起.
_SLOGAN_BEFORE_RE = re.compile(
    "和谐|美丽|幸福|平安|魅力|活力|大美|富裕|繁荣|文明|智慧|数字|法治|建设新|新"
)
_SLOGAN_AFTER_RE = re.compile("新崛起|跨越发展|高质量发展|人民|居民|大地|全域")
# 全县, 我区, 本旗: what the text calls its own level.
_SELF_RE = re.compile("[全我本]([县区旗市])")
_ANONYMISED_RE = re.compile(r"(?:[×xXＸ✕＊*]{1,4}|某|（名称替换）|\(名称替换\))([县区旗])")
_SUFFIX_RE = re.compile("[县区市旗]")

WARN_AMBIGUOUS_NAME = (
    "地点不确定:全国有{count}个“{name}”({where}),文中没有写明是哪个省市的,未设地点"
)
WARN_SEVERAL_PLACES = "地点不确定:文中提到{names},取了“{chosen}”,请核对"
WARN_RENAMED = "“{name}”已于{date}改为{current},讲话日期不详,按现名的层级({kind})处理"
WARN_ANONYMISED = "地名已隐去(“{written}”),只设层级"


@dataclass
class PlaceGuess:
    """Where a speech was given, as far as the text says."""

    name: str = ""  # as written in the text (开州, 南開區), "" when no place was found
    code: str = ""  # the division's code, "" when none or ambiguous
    kind: str = ""  # the division's kind on the speech's date
    level: str | None = None  # county/district, from the kind (or an anonymised 县/区)
    confidence: float = 0.0
    candidates: list[str] = field(default_factory=list)  # codes, when the name is ambiguous
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Mention:
    written: str  # original script
    codes: list[str]
    weight: float
    is_short: bool = False
    name: str = ""  # simplified


def _find_names(simple: str, original: str, gaz: Gazetteer, weight: float) -> list[_Mention]:
    """County-level names ending at each 县/区/市/旗 of the text, longest first. Scanning the
    suffix characters with a dictionary lookup per length is linear in the text; a regex of
    ~3,000 alternatives tries each one at every position."""
    mentions = []
    taken_until = -1
    for suffix in _SUFFIX_RE.finditer(simple):
        end = suffix.start()
        for length in range(min(gaz.longest_name, end + 1), 1, -1):
            start = end + 1 - length
            if start <= taken_until:
                continue
            name = simple[start : end + 1]
            codes = gaz.county_names.get(name)
            if not codes:
                continue
            if length == 2 and not _named_with_parent(simple[:start], codes, gaz):
                continue  # 城区, 郊区, 赵县: too common or too short to trust alone
            mention = _Mention(original[start : end + 1], list(codes), weight, name=name)
            after, before = simple[end + 1 : end + 12], simple[max(0, start - 5) : start]
            if _OWN_AFTER_RE.match(after) or before.endswith(_OWN_BEFORE):
                mention.weight *= OWN_BODY_FACTOR
            mentions.append(mention)
            taken_until = end
            break
    return mentions


def _named_with_parent(before: str, codes: list[str], gaz: Gazetteer) -> bool:
    for code in codes:
        for ancestor in gaz.ancestors(code)[:-1]:
            if before.endswith((ancestor.name, ancestor.short or ancestor.name)):
                return True
    return False


def _find_shorts(simple: str, original: str, gaz: Gazetteer, weight: float) -> list[_Mention]:
    """Short names next to a slogan word: the slogan words are found first, then the two to
    five characters beside each are looked up (cheaper than searching ~2,800 short names)."""
    found: dict[int, tuple[int, list[str]]] = {}
    for match in _SLOGAN_BEFORE_RE.finditer(simple):
        for length in range(5, 1, -1):
            if codes := gaz.county_shorts.get(simple[match.end() : match.end() + length]):
                found.setdefault(match.end(), (match.end() + length, codes))
                break
    for match in _SLOGAN_AFTER_RE.finditer(simple):
        for length in range(5, 1, -1):
            start = match.start() - length
            if start >= 0 and (codes := gaz.county_shorts.get(simple[start : match.start()])):
                found.setdefault(start, (match.start(), codes))
                break
    return [
        _Mention(original[start:end], list(codes), weight, is_short=True, name=simple[start:end])
        for start, (end, codes) in sorted(found.items())
    ]


def _host_codes(host: str, codes: set[str], gaz: Gazetteer) -> set[str]:
    """Which of ``codes`` a government host names: its first label is the place's pinyin
    (laiyuan.gov.cn) or initials (plx, 平利县), possibly followed by a body (plxrd: 人大)."""
    host = host.lower().removeprefix("www.")
    if not codes or not host.endswith(".gov.cn"):
        return set()
    label = host.split(".", 1)[0]
    from pypinyin import Style, lazy_pinyin  # only for pages from a government host

    named = set()
    for code in codes:
        division = gaz.get(code)
        stem = division.short or division.name
        spellings = {
            "".join(lazy_pinyin(stem)),
            "".join(lazy_pinyin(division.name, style=Style.FIRST_LETTER)),
        }
        if any(len(s) >= 3 and label.startswith(s) for s in spellings):
            named.add(code)
    return named


def _higher_codes(simple: str, gaz: Gazetteer) -> set[str]:
    """Codes of the provinces and cities the text names (湖北, 武汉市)."""
    found = set()
    head = simple[:HIGHER_NAMES_CHARS]
    for name, codes in gaz.higher_names.items():
        if name in head:
            found.update(codes)
    return found


def _settle(codes: list[str], named: set[str], gaz: Gazetteer) -> list[str]:
    """Same-name divisions narrowed to those under a province or city the text names."""
    if len(codes) <= 1:
        return codes
    inside = [c for c in codes if any(a.code in named for a in gaz.ancestors(c)[:-1])]
    return inside or codes


def _self_kinds(simple: str) -> set[str]:
    words = {"县": "county", "区": "district", "旗": "banner", "市": "county_city"}
    return {words[m[1]] for m in _SELF_RE.finditer(simple)}


def _same_kind(kind: str, self_kinds: set[str]) -> bool:
    level = level_of_kind(kind)
    return any(level_of_kind(k) == level for k in self_kinds) if level else False


def extract_place(
    gaz: Gazetteer,
    *,
    title: str,
    byline: list[str] | tuple[str, ...] = (),
    paragraphs: list[str] | tuple[str, ...] = (),
    date: datetime.date | None = None,
    source_host: str = "",
) -> PlaceGuess:
    """``source_host``: the host of the page the text came from, when known; a government
    site named after a place (laiyuan.gov.cn, plxrd.gov.cn) confirms that place."""
    parts = [(title, WEIGHT_TITLE), *((line, WEIGHT_BYLINE) for line in byline)]
    opening = "\n".join(paragraphs[:OPENING_PARAGRAPHS])
    rest = "\n".join(paragraphs[OPENING_PARAGRAPHS:])[:BODY_CHARS]
    parts += [(opening, WEIGHT_OPENING), (rest, WEIGHT_BODY)]
    simple_parts = [to_simplified(text) for text, _ in parts]
    simple_all = "\n".join(simple_parts)
    self_kinds = _self_kinds(simple_all)

    mentions: list[_Mention] = []
    for (text, weight), simple in zip(parts, simple_parts, strict=True):
        if not text:
            continue
        # t2s keeps the length, so positions map back to the original script.
        original = text if len(simple) == len(text) else simple
        mentions += _find_names(simple, original, gaz, weight)
        mentions += _find_shorts(simple, original, gaz, weight)
    host_codes = _host_codes(source_host, {c for m in mentions for c in m.codes}, gaz)
    for mention in mentions:
        if host_codes & set(mention.codes):
            mention.weight *= HOST_FACTOR
            if len(mention.codes) > 1:
                mention.codes = [c for c in mention.codes if c in host_codes]
    # Only a shared name needs the provinces and cities the text names.
    ambiguous = any(len(m.codes) > 1 for m in mentions)
    named = _higher_codes(simple_all, gaz) if ambiguous else set()

    scores: dict[tuple[str, ...], float] = {}
    written: dict[tuple[str, ...], _Mention] = {}
    for mention in mentions:
        key = tuple(_settle(mention.codes, named, gaz))
        weight = mention.weight
        if any(_same_kind(gaz.get(c).kind, self_kinds) for c in key):
            weight *= SAME_KIND_FACTOR
        scores[key] = scores.get(key, 0.0) + weight
        if key not in written or (written[key].is_short and not mention.is_short):
            written[key] = mention

    if not scores:
        return _anonymised_or_nothing(to_simplified(f"{title}\n{opening}"), title + "\n" + opening)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best_key, best = ranked[0]
    if best < MIN_SCORE:
        return _anonymised_or_nothing(to_simplified(f"{title}\n{opening}"), title + "\n" + opening)
    guess = PlaceGuess(
        name=written[best_key].written, confidence=round(best / sum(scores.values()), 2)
    )
    if len(ranked) > 1 and ranked[1][1] * AMBIGUOUS_MARGIN > best:
        others = "、".join(f"“{written[key].written}”" for key, _ in ranked[:3])
        guess.warnings.append(WARN_SEVERAL_PLACES.format(names=others, chosen=guess.name))
    if len(best_key) > 1:
        guess.candidates = list(best_key)
        where = "、".join(_full_name(code, gaz) for code in best_key)
        name = written[best_key].name
        guess.warnings.append(
            WARN_AMBIGUOUS_NAME.format(count=len(best_key), name=name, where=where)
        )
        kinds = {county_kind_of(gaz.get(code).name) for code in best_key}
        guess.level = level_of_kind(kinds.pop()) if len(kinds) == 1 else None
        return guess
    division = gaz.get(best_key[0])
    guess.code = division.code
    guess.kind = _kind_for(division, written[best_key], date, guess)
    guess.level = level_of_kind(guess.kind)
    return guess


def _kind_for(division, mention: _Mention, date: datetime.date | None, guess: PlaceGuess) -> str:
    """The division's kind when the speech was given: by its date when known; else by the name
    the text uses (开县 is a county), or today's with a warning when the text uses a short
    name that both the old and the new name share."""
    if date is not None:
        return division.kind_on(date)
    for former in division.former:
        if mention.name == former.name:
            return former.kind
    if mention.is_short and division.former:
        last = division.former[-1]
        if level_of_kind(last.kind) != level_of_kind(division.kind):
            guess.warnings.append(
                WARN_RENAMED.format(
                    name=last.name,
                    date=f"{last.until.year}年",
                    current=division.name,
                    kind=KIND_LABELS[division.kind],
                )
            )
    return division.kind


def _full_name(code: str, gaz: Gazetteer) -> str:
    return "".join(d.name for d in gaz.ancestors(code))


def _anonymised_or_nothing(simple: str, original: str) -> PlaceGuess:
    match = _ANONYMISED_RE.search(simple)
    if not match:
        return PlaceGuess()
    kind = county_kind_of(match[1])
    written = original[match.start() : match.end()] if len(simple) == len(original) else match[0]
    return PlaceGuess(
        kind=kind, level=level_of_kind(kind), warnings=[WARN_ANONYMISED.format(written=written)]
    )
