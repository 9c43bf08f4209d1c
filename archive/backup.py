"""Full backup and exact restore of the archive: one zip with the database rows (Django's JSON
serializer, so every field round-trips exactly, timestamps included) and the uploaded files."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ROWS = "rows.json"
UPLOADS_PREFIX = "uploads/"

ERROR_NOT_EMPTY = "数据库不是空的(已有 {count} 篇讲话):恢复只能导入到空数据库。"
ERROR_NOT_A_BACKUP = "{path} 不是讲稿库的备份文件:{reason}"

# Order matters on restore: referenced rows first.
BACKUP_MODELS = [
    "archive.Theme",
    "archive.Speaker",  # Place rows are the gazetteer's (migration 0004); rows point at codes
    "archive.Speech",
    "archive.Section",
    "uploads.UploadBatch",
    "uploads.UploadItem",
]


class BackupError(Exception):
    pass


def _models():
    found = []
    for label in BACKUP_MODELS:
        try:
            found.append(apps.get_model(label))
        except LookupError:  # an optional app not installed in this deployment
            continue
    return found


def export_archive(path: Path, *, progress: Callable[[str], None] = print) -> dict:
    counts = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        rows = []
        for model in _models():
            objects = list(model._default_manager.order_by("pk"))
            counts[model._meta.label] = len(objects)
            rows.extend(json.loads(serializers.serialize("json", objects)))
            progress(f"{model._meta.verbose_name}:{len(objects)}")
        bundle.writestr(ROWS, json.dumps(rows, ensure_ascii=False))
        uploads = Path(settings.MEDIA_ROOT)
        files = sorted(p for p in uploads.rglob("*") if p.is_file()) if uploads.exists() else []
        for file in files:
            bundle.write(file, UPLOADS_PREFIX + file.relative_to(uploads).as_posix())
        counts["files"] = len(files)
        bundle.writestr(MANIFEST, json.dumps({"format": FORMAT_VERSION, "counts": counts}))
    progress(f"上传文件:{len(files)}")
    return counts


def import_archive(path: Path, *, progress: Callable[[str], None] = print) -> dict:
    from archive.models import Speech

    existing = Speech.objects.count()
    if existing:
        raise BackupError(ERROR_NOT_EMPTY.format(count=existing))
    try:
        bundle = zipfile.ZipFile(path)
        manifest = json.loads(bundle.read(MANIFEST))
        rows = bundle.read(ROWS).decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise BackupError(ERROR_NOT_A_BACKUP.format(path=path, reason=exc)) from exc
    with bundle, transaction.atomic():
        # Seeded rows (the default themes) are replaced by the backup's own.
        for model in reversed(_models()):
            model._default_manager.all().delete()
        restored = 0
        for item in serializers.deserialize("json", rows):
            item.save()
            restored += 1
        _reset_sequences()
        uploads = Path(settings.MEDIA_ROOT).resolve()
        for name in bundle.namelist():
            if not name.startswith(UPLOADS_PREFIX) or name.endswith("/"):
                continue
            target = (uploads / name[len(UPLOADS_PREFIX) :]).resolve()
            if not target.is_relative_to(uploads):  # never write outside the uploads folder
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(bundle.read(name))
    progress(f"已恢复 {restored} 行")
    return manifest["counts"]


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
