"""A bulk loader for large benchmark archives: the synthetic corpus (bench/corpus.py) written
straight into the database with ``bulk_create``, speech rows and their sections, without the
one-by-one import pipeline (parsing, dedupe, keywords: 20–25 minutes at 10,000 speeches here).

What the import would find is known from how the corpus is made: the title is the first line,
the date the dateline, the level from the title's 县/区 (縣/區), sections are the numbered
heading lines. The index is built afterwards by the backend's own rebuild.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, transaction

from archive.models import Section, Speech

BATCH = 500
_DATELINE = re.compile(r"^（(\d{4})年(\d{1,2})月(\d{1,2})日）$")
_HEADING = re.compile(r"^([一二三四五六七八九十])、(.{1,40})$")


def parse(number: int, text: str) -> tuple[Speech, list[Section]]:
    lines = text.rstrip("\n").split("\n")
    title, dateline, body_lines = lines[0], lines[1], lines[2:]
    match = _DATELINE.match(dateline)
    date = datetime.date(*map(int, match.groups())) if match else None
    speech = Speech(
        title=title,
        body="\n".join(body_lines),
        date=date,
        level="county" if title[0] in "县縣" else "district",
        is_published=True,
        fingerprint=f"bench-{number:07d}",
        source=f"bench/speech_{number:05d}.txt",
    )
    sections = [
        Section(
            order=order,
            depth=1,
            number=f"{found.group(1)}、",
            heading=found.group(2),
            anchor=f"s{order}",
            paragraph=index,
        )
        for order, (index, found) in enumerate(
            ((i, _HEADING.match(line)) for i, line in enumerate(body_lines)), start=1
        )
        if found
    ]
    for order, section in enumerate(sections, start=1):
        section.order, section.anchor = order, f"s{order}"
    return speech, sections


def _batches(files: list[Path]) -> Iterator[list[tuple[Speech, list[Section]]]]:
    batch = []
    for number, path in enumerate(files, start=1):
        batch.append(parse(number, path.read_text(encoding="utf-8")))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(files: list[Path]) -> int:
    """Insert every file as a published speech; returns how many."""
    total = 0
    for batch in _batches(files):
        with transaction.atomic():
            speeches = Speech.objects.bulk_create([speech for speech, _ in batch])
            if speeches and speeches[0].pk is None:  # SQLite before RETURNING: read them back
                by_fp = dict(
                    Speech.objects.filter(
                        fingerprint__in=[s.fingerprint for s in speeches]
                    ).values_list("fingerprint", "pk")
                )
                for speech in speeches:
                    speech.pk = by_fp[speech.fingerprint]
            sections = []
            for speech, its_sections in batch:
                for section in its_sections:
                    section.speech_id = speech.pk
                    sections.append(section)
            Section.objects.bulk_create(sections)
        total += len(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return total
