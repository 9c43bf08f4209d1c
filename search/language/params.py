"""The search state read from the query string (every state lives there), validated."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from archive.ingest.speakers import normalize_role
from archive.models import Level
from search.language.query import MAX_QUERY_CHARS

SORTS = ("relevance", "newest", "oldest")
PARAM_NAMES = (
    "q",
    "from",
    "to",
    "level",
    "theme",
    "year",
    "place",
    "speaker",
    "role",
    "sort",
    "page",
)
MAX_PAGE = 10_000
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_PAGE = re.compile(r"[0-9]{1,9}")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")
_PLACE = re.compile(r"[0-9]{6}")  # a GB/T 2260 division code
_SPEAKER = re.compile(r"[0-9]{1,9}")  # a Speaker id
MAX_ROLE_CHARS = 40
# Control characters mean nothing in a search, and XML (the search's Atom feed) cannot hold them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ERROR_BAD_DATE = "日期“{value}”格式不对,请写成 2023、2023-05 或 2023-05-18"
ERROR_BAD_PLACE = "地方“{value}”不是六位行政区划代码,已忽略"
ERROR_BAD_SPEAKER = "讲话人“{value}”不是讲话人编号,已忽略"


@dataclass
class SearchParams:
    q: str = ""
    date_from: str = ""  # as typed (valid), e.g. "2022-03"
    date_to: str = ""
    level: str = ""
    theme: str = ""
    year: str = ""
    place: str = ""  # a 6-digit division code: province, city or county/district
    speaker: str = ""  # a Speaker id
    role: str = ""  # a normalised role (县委书记)
    sort: str = "relevance"
    page: int = 1
    errors: list[str] = field(default_factory=list)

    def as_query_dict(self, **changes) -> dict[str, str]:
        values = {
            "q": self.q,
            "from": self.date_from,
            "to": self.date_to,
            "level": self.level,
            "theme": self.theme,
            "year": self.year,
            "place": self.place,
            "speaker": self.speaker,
            "role": self.role,
            "sort": "" if self.sort == "relevance" else self.sort,
            "page": "" if self.page == 1 else str(self.page),
        }
        values.update({key: "" if value is None else str(value) for key, value in changes.items()})
        return {key: value for key, value in values.items() if value}

    def url(self, **changes) -> str:
        """``?…`` for this state with ``changes`` (``None`` or "" removes a parameter).
        Any change other than the page goes back to page 1."""
        if "page" not in changes:
            changes["page"] = None
        query = urlencode(self.as_query_dict(**changes))
        return f"?{query}" if query else "?"

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        """Inclusive bounds on the indexed YYYYMMDD strings."""
        low = date_bound(self.date_from, upper=False) if self.date_from else None
        high = date_bound(self.date_to, upper=True) if self.date_to else None
        if self.year:
            year_low, year_high = f"{self.year}0000", f"{self.year}9999"
            low = max(low, year_low) if low else year_low
            high = min(high, year_high) if high else year_high
        return low, high

    @property
    def date_span(self) -> tuple[datetime.date | None, datetime.date | None]:
        """``date_range`` as real days (bounds like 20230500/20239999 become the first and
        last day), for filtering dates in the database."""
        low, high = self.date_range
        return _as_date(low, upper=False), _as_date(high, upper=True)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.date_from
            or self.date_to
            or self.level
            or self.theme
            or self.year
            or self.place
            or self.speaker
            or self.role
        )


def _as_date(bound: str | None, *, upper: bool) -> datetime.date | None:
    if not bound:
        return None
    year, month, day = int(bound[:4]), int(bound[4:6]), int(bound[6:])
    if month in (0, 99):
        month = 12 if upper else 1
        day = 31 if upper else 1
    elif day in (0, 99):
        day = calendar.monthrange(year, month)[1] if upper else 1
    return datetime.date(year, month, day)


def date_bound(value: str, *, upper: bool) -> str:
    match = _DATE.match(value)
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return f"{year}9999" if upper else f"{year}0000"
    if day is None:
        return f"{year}{int(month):02d}99" if upper else f"{year}{int(month):02d}00"
    return f"{year}{int(month):02d}{int(day):02d}"


def valid_date(value: str) -> bool:
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        return 1 <= int(day) <= last
    return True


def parse_params(data) -> SearchParams:
    """Read a QueryDict (or any mapping); invalid values are dropped, with a message."""

    def get(name: str) -> str:
        value = data.get(name, "")
        return _CONTROL.sub("", value).strip() if isinstance(value, str) else ""

    q = data.get("q", "") or ""
    q = _CONTROL.sub("", q) if isinstance(q, str) else ""
    # Clipped here, where searching clips it: every link of the page (facets, sort, timeline,
    # pages) carries q, so a 4 KB q would otherwise be copied into each of them.
    params = SearchParams(q=q[:MAX_QUERY_CHARS] if isinstance(q, str) else "")
    for name, attr in (("from", "date_from"), ("to", "date_to")):
        value = get(name)
        if value and valid_date(value):
            setattr(params, attr, value)
        elif value:
            params.errors.append(ERROR_BAD_DATE.format(value=value[:40]))
    level = get("level")
    if level in Level.values:
        params.level = level
    theme = get("theme")
    if _SLUG.match(theme):
        params.theme = theme
    year = get("year")
    if re.fullmatch(r"\d{4}", year):
        params.year = year
    place = get("place")
    if _PLACE.fullmatch(place):
        params.place = place
    elif place:
        params.errors.append(ERROR_BAD_PLACE.format(value=place[:40]))
    speaker = get("speaker")
    if _SPEAKER.fullmatch(speaker):
        params.speaker = speaker
    elif speaker:
        params.errors.append(ERROR_BAD_SPEAKER.format(value=speaker[:40]))
    params.role = normalize_role(get("role")[:MAX_ROLE_CHARS])
    sort = get("sort")
    params.sort = sort if sort in SORTS else "relevance"
    page = get("page")
    # ASCII digits only: str.isdigit() also accepts "²" or "①", which int() refuses.
    params.page = min(int(page), MAX_PAGE) if _PAGE.fullmatch(page) and int(page) > 0 else 1
    return params
