"""Helpers for search tests: speeches created with the ORM and indexed through the queue."""

from __future__ import annotations

import datetime
import importlib
import itertools

import pytest

from archive.models import Section, Speech, Theme
from search.backends import backend
from search.language.params import SearchParams
from search.language.query import parse_query
from search.upkeep.queue import schedule_index

_counter = itertools.count(1)


def matching_ids(q: str) -> set[int]:
    """Every speech the configured backend (SEARCH_BACKEND) matches for ``q``."""
    return backend().matching_ids(q)


def run_search(params: SearchParams):
    """One search through the configured backend, as the search page runs it."""
    return backend().search(params, parse_query(params.q))


def engine_module():
    """The configured backend's ``engine`` module (both have one, with PAGE_SIZE)."""
    return importlib.import_module(type(backend()).__module__.rsplit(".", 1)[0] + ".engine")


def make_speech(
    title: str,
    body: str,
    *,
    date: datetime.date | None = None,
    level: str = "",
    theme: Theme | None = None,
    sections: list[tuple[str, str, int]] = (),
    published: bool = True,
    index: bool = True,
) -> Speech:
    """A speech row (plus sections as (number, heading, paragraph)), indexed unless told not."""
    speech = Speech.objects.create(
        title=title,
        body=body,
        date=date,
        level=level,
        theme=theme,
        is_published=published,
        fingerprint=f"test-{next(_counter)}",
    )
    for order, (number, heading, paragraph) in enumerate(sections, start=1):
        Section.objects.create(
            speech=speech,
            order=order,
            depth=1,
            number=number,
            heading=heading,
            anchor=f"s{order}",
            paragraph=paragraph,
        )
    if index:
        schedule_index([speech.pk])
    return speech


@pytest.fixture
def themes(db):
    party, _ = Theme.objects.get_or_create(slug="party-building", defaults={"name": "党的建设"})
    style, _ = Theme.objects.get_or_create(slug="work-style", defaults={"name": "作风建设"})
    return {"party": party, "style": style}


@pytest.fixture
def small_archive(db, themes):
    """Five speeches: both scripts, both levels, two themes, three years."""
    d = datetime.date
    return {
        "trad": make_speech(
            "縣委黨務工作大會發言",
            "同志們:\n一、加強群眾工作\n今天縣委黨務工作會議的主要任務是做好群眾工作。",
            date=d(2022, 2, 1),
            level="county",
            theme=themes["party"],
            sections=[("一、", "加強群眾工作", 1)],
        ),
        "simp": make_speech(
            "区委作风建设推进会讲话",
            "同志们:\n一、转变作风\n作风建设永远在路上,要密切联系群众。\n二、抓好落实\n各部门要抓好工作落实。",
            date=d(2023, 5, 18),
            level="district",
            theme=themes["style"],
            sections=[("一、", "转变作风", 1), ("二、", "抓好落实", 3)],
        ),
        "scattered": make_speech(
            "县政府全体会议讲话",
            "工作要扎实。\n服务群众要用心。",
            date=d(2023, 9, 3),
            level="county",
        ),
        "old": make_speech(
            "信访工作会议讲话",
            "信访工作是群众工作的重要组成部分。",
            date=d(2021, 6, 30),
            level="district",
            theme=themes["party"],
        ),
        "undated": make_speech("没有日期的讲话", "这是一篇关于安全生产的讲话。"),
    }
