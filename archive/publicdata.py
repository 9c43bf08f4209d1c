"""The whole public archive as one download (``/data/``): every published speech as a line of
JSON in a zip, rebuilt by a periodic huey task (``archive/tasks.py``) when the archive has
changed and then stayed quiet for a while (so a bulk import yields one rebuild, not hundreds),
or by ``manage.py build_public_data``."""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from archive import state
from archive.models import Speech
from archive.places import place_json

FILE_NAME = "jianggaoku-speeches.jsonl.zip"
MEMBER_NAME = "speeches.jsonl"
META_NAME = "jianggaoku-speeches.json"
QUIET = datetime.timedelta(minutes=5)  # wait this long after the last change …
MAX_LAG = datetime.timedelta(hours=1)  # … unless the download is older than this


def folder() -> Path:
    return Path(settings.DATA_DIR) / "public"


def public_record(speech: Speech) -> dict:
    """One line of the download: the one place a record is built (add fields here)."""
    return {
        "id": speech.pk,
        "url": speech.get_absolute_url(),
        "title": speech.title,
        "date": speech.date.isoformat() if speech.date else None,
        "level": speech.level or None,
        "theme": speech.theme.name if speech.theme_id else None,
        "meeting": speech.meeting or None,
        "place": place_json(speech.place_id or "", speech.place_name),
        "speaker": speech.speaker or None,
        "speaker_role": speech.speaker_role or None,
        "keywords": speech.keywords,
        "sections": [
            {"number": s.number, "heading": s.heading, "depth": s.depth, "anchor": s.anchor}
            for s in speech.sections.all()
        ],
        "body": speech.body,
    }


def archive_state() -> dict:
    published, changed = state.archive_state()
    return {"speeches": published, "changed": changed.isoformat() if changed else None}


@dataclass
class Download:
    path: Path
    generated_at: datetime.datetime
    speeches: int
    size: int
    state: dict


def current() -> Download | None:
    """The download on disk with what it holds, or None before the first build."""
    meta_path, path = folder() / META_NAME, folder() / FILE_NAME
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not path.exists():
        return None
    return Download(
        path=path,
        generated_at=datetime.datetime.fromisoformat(meta["generated_at"]),
        speeches=meta["speeches"],
        size=path.stat().st_size,
        state=meta["state"],
    )


def build() -> Download:
    """Write the zip beside the old one and swap it in (a download in progress keeps reading
    the old file)."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    state = archive_state()
    speeches = (
        Speech.objects.published()
        .select_related("theme")
        .prefetch_related("sections")
        .order_by("pk")
    )
    count = 0
    handle, temporary = tempfile.mkstemp(dir=target, suffix=".part")
    os.close(handle)
    try:
        with (
            zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as bundle,
            bundle.open(MEMBER_NAME, "w") as member,
        ):
            for speech in speeches.iterator(chunk_size=200):
                line = json.dumps(public_record(speech), ensure_ascii=False) + "\n"
                member.write(line.encode("utf-8"))
                count += 1
        os.replace(temporary, target / FILE_NAME)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    meta = {"generated_at": timezone.now().isoformat(), "speeches": count, "state": state}
    (target / META_NAME).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return current()


def needs_build(now: datetime.datetime | None = None) -> bool:
    """Whether the download is missing or stale, and the archive has been quiet since its last
    change (or the download has lagged too long)."""
    now = now or timezone.now()
    download = current()
    if download is None:
        return True
    state = archive_state()
    if state == download.state:
        return False
    changed = datetime.datetime.fromisoformat(state["changed"]) if state["changed"] else now
    return now - changed >= QUIET or now - download.generated_at >= MAX_LAG
