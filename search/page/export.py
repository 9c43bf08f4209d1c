"""A search's matches taken away: every match (up to ``EXPORT_LIMIT``) as rows of plain
values, written as CSV (UTF-8 with a BOM, so Excel reads it as UTF-8) or JSON Lines."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from django.utils.html import strip_tags

from archive.places import place_full_name
from search.language.params import SearchParams
from search.page.results import ResultRow, build_rows
from search.page.service import SearchPage, search

EXPORT_LIMIT = 5000  # rows; a bigger take-away is the whole archive on /data/
ROWS_PER_BATCH = 200  # speeches loaded from the database at once while streaming
EXPORT_COLUMNS = (
    "id",
    "url",
    "title",
    "date",
    "level",
    "theme",
    "place",
    "place_code",
    "speaker",
    "snippet",
)
BOM = "\ufeff"
CAPPED_MESSAGE = "共 {count} 篇,导出只含排在前面的 {limit} 篇;请加条件缩小范围,或下载全库数据。"
# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(row: dict) -> dict:
    """The row for a CSV file: a text cell a spreadsheet would take for a formula gets a
    leading apostrophe, so it opens as the text it is. Numbers are left alone."""
    return {
        key: "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value
        for key, value in row.items()
    }


def plain_snippet(row: ResultRow) -> str:
    """The row's snippets as plain text (the page's marked HTML, tags dropped, unescaped)."""
    return " … ".join(html.unescape(strip_tags(str(snippet))) for snippet in row.snippets)


def export_row(row: ResultRow, absolute: Callable[[str], str]) -> dict:
    """The one place an exported row is built (CSV and JSON Lines alike): add a column here
    and in ``EXPORT_COLUMNS``."""
    speech = row.speech
    return {
        "id": speech.pk,
        "url": absolute(row.url),
        "title": speech.title,
        "date": speech.date.isoformat() if speech.date else "",
        "level": speech.level or "",
        "theme": speech.theme.name if speech.theme_id else "",
        # The full name (天津市河西区) so a spreadsheet sorts and reads without the codes.
        "place": place_full_name(speech.place_id) if speech.place_id else speech.place_name,
        "place_code": speech.place_id or "",
        "speaker": speech.speaker,
        "snippet": plain_snippet(row),
    }


@dataclass
class Export:
    page: SearchPage
    limit: int

    @property
    def count(self) -> int:
        return self.page.outcome.count

    @property
    def capped(self) -> bool:
        return self.count > self.limit

    @property
    def message(self) -> str:
        return CAPPED_MESSAGE.format(count=self.count, limit=self.limit) if self.capped else ""

    def rows(self, absolute: Callable[[str], str]) -> Iterator[dict]:
        hits = self.page.outcome.hits
        for start in range(0, len(hits), ROWS_PER_BATCH):
            batch = hits[start : start + ROWS_PER_BATCH]
            for row in build_rows(batch, self.page.parsed, self.page.params.q):
                yield export_row(row, absolute)


def export_search(params: SearchParams, *, limit: int | None = None) -> Export:
    """Every match of the search (in its order), up to ``limit`` (default EXPORT_LIMIT).
    Raises like ``search``."""
    limit = limit or EXPORT_LIMIT
    return Export(page=search(replace(params, page=1), per_page=limit), limit=limit)


def csv_chunks(rows: Iterator[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writeheader()
    for row in rows:
        writer.writerow(spreadsheet_safe(row))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(rows: Iterator[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"
