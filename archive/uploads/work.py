"""The two steps of a batch: parse every stored file into review rows, then import the rows
the editor chose. Both are safe to run again (archive/uploads/recovery.py reruns them when a
worker died): parsing starts over, a row that is done is never redone, and a speech saved just
before the worker died is recognised as the row's own."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from archive import services
from archive.ingest import iter_documents
from archive.ingest.gazetteer import default_gazetteer
from archive.ingest.ocr import ScanResult, join_pages
from archive.ingest.pipeline import reparse_scan
from archive.ingest.types import IngestError, OcrPage, ParsedSpeech
from archive.models import Kind, Speech
from archive.places import place_full_name, resolve_place
from archive.uploads import storage
from archive.uploads.models import UploadBatch, UploadItem

WARN_DUPLICATE = "与已有讲话 #{id} 完全相同"
WARN_BATCH_DUPLICATE = "与本批次的 {name} 完全相同"
WARN_NEAR = "与已有讲话 #{id} 相似"
WARN_NO_DATE = "没有找到讲话日期"
REASON_SKIPPED = "编辑选择跳过"
REASON_DUPLICATE = "与已有讲话 #{id} 重复,未导入"
REASON_PARSE = "文件无法解析:{error}"
REASON_GONE = "重新解析时没有找到这份文件"


ACTIVITY_OCR = "正在识别 {name}:第 {done}/{total} 页"


def _documents(
    relative: str, name: str, batch_id: int | None = None, only: set[str] | None = None
) -> Iterator[tuple[str, ParsedSpeech | IngestError]]:
    try:
        data = storage.read(relative)
    except OSError as exc:
        yield name, IngestError(f"无法读取已保存的文件({type(exc).__name__})")
        return

    def progress(done: int, total: int) -> None:
        # Each recognised page is progress: a long scan is not taken for a dead worker.
        if batch_id is not None:
            _moved(batch_id, activity=ACTIVITY_OCR.format(name=name, done=done, total=total))

    yield from iter_documents(
        name,
        data,
        max_file_bytes=settings.INGEST_MAX_FILE_BYTES,
        max_total_bytes=settings.INGEST_MAX_UPLOAD_BYTES,
        max_ocr_pages=settings.INGEST_MAX_OCR_PAGES,
        progress=progress,
        only=only,
    )


def _moved(batch_id: int, **fields) -> None:
    """Store progress and when it happened (a batch that stops moving lost its worker)."""
    UploadBatch.objects.filter(pk=batch_id).update(progressed_at=timezone.now(), **fields)


def _bump(batch: UploadBatch) -> None:
    _moved(batch.pk, done=F("done") + 1)


def parse_batch(batch_id: int) -> None:
    batch = UploadBatch.objects.get(pk=batch_id)
    if batch.state != UploadBatch.State.PARSING:
        return
    batch.items.all().delete()  # a parse interrupted half-way starts over
    _moved(batch.pk, total=len(batch.files), done=0)
    finder = services.NearDuplicateFinder()
    seen: dict[str, str] = {}
    order = 0
    for stored in batch.files:
        if stored.get("error"):
            order += 1
            UploadItem.objects.create(
                batch=batch,
                order=order,
                stored_path="",
                name=stored["name"],
                error=stored["error"],
                action=UploadItem.Action.SKIP,
            )
            _bump(batch)
            continue
        for name, result in _documents(stored["path"], stored["name"], batch.pk):
            order += 1
            row = _row(stored, name, result, finder, seen)
            if isinstance(result, ParsedSpeech) and result.ocr_pages:
                row["ocr_pages"] = _store_pages(batch.pk, order, result)
            UploadItem.objects.create(batch=batch, order=order, **row)
        _bump(batch)
    _moved(batch.pk, state=UploadBatch.State.REVIEW, activity="")


def _store_pages(batch_id: int, order: int, result: ParsedSpeech) -> list[dict]:
    """The scan's pages for the review: texts in the row, page images beside the upload."""
    pages = []
    for page in result.ocr_pages:
        image = ""
        if page.image:
            image = storage.store_page_image(batch_id, order, page.number, page.image)
        pages.append(
            {
                "number": page.number,
                "ocr": page.ocr,
                "confidence": page.confidence,
                "text": page.text,
                "image": image,
                "error": page.error,
            }
        )
    return pages


def scan_of(item: UploadItem) -> ScanResult:
    """The row's scan as the editor left it (corrected page texts), ready for the pipeline."""
    pages = [
        OcrPage(
            number=page["number"],
            ocr=page["ocr"],
            text=page.get("text") or "",
            confidence=page.get("confidence"),
            error=page.get("error") or "",
        )
        for page in item.ocr_pages
    ]
    return ScanResult(join_pages(pages), pages)


def _row(stored, name, result, finder, seen) -> dict:
    row = {"stored_path": stored["path"], "name": name}
    if isinstance(result, IngestError):
        return {**row, "error": str(result), "action": UploadItem.Action.SKIP}
    warnings = list(result.warnings)
    twin = Speech.objects.filter(fingerprint=result.fingerprint).first()
    similar = [pk for pk in finder.similar(result.simhash) if twin is None or pk != twin.pk]
    if twin is not None:
        warnings.insert(0, WARN_DUPLICATE.format(id=twin.pk))
    if result.fingerprint in seen:
        warnings.insert(0, WARN_BATCH_DUPLICATE.format(name=seen[result.fingerprint]))
    seen.setdefault(result.fingerprint, name)
    warnings.extend(WARN_NEAR.format(id=pk) for pk in similar)
    if result.date is None:
        warnings.append(WARN_NO_DATE)
    theme = services._suggested_theme(result)
    # A news report or a notice is skipped unless the editor decides it is a speech after all.
    skip = twin is not None or result.kind != Kind.SPEECH
    return {
        **row,
        "title": result.title[:300],
        "kind": result.kind,
        "removed": list(result.removed),
        "date": result.date,
        "level": result.level or "",
        "theme": theme.name if theme else "",
        "meeting": result.meeting[:300],
        # Shown by its full name; a name shared by several divisions is left for the editor
        # (the warnings list them).
        "place": place_full_name(result.place_code),
        "speaker": result.speaker[:40],
        "speaker_role": result.speaker_role[:100],
        "outline": [f"{s.number}{s.heading}" for s in result.sections if s.depth <= 2],
        "warnings": warnings,
        "fingerprint": result.fingerprint,
        "duplicate_of": twin,
        "similar_to": similar,
        "action": UploadItem.Action.SKIP if skip else UploadItem.Action.IMPORT,
    }


def import_batch(batch_id: int) -> None:
    batch = UploadBatch.objects.get(pk=batch_id)
    pending = list(batch.items.filter(status=UploadItem.Status.PENDING))
    _moved(batch.pk, state=UploadBatch.State.IMPORTING, total=len(pending), done=0)
    finder = services.NearDuplicateFinder()
    by_file: dict[str, list[UploadItem]] = {}
    for item in pending:
        if item.action == UploadItem.Action.SKIP or item.error:
            _finish(
                item,
                UploadItem.Status.SKIPPED if not item.error else UploadItem.Status.FAILED,
                REASON_SKIPPED if not item.error else item.error,
            )
            _bump(batch)
        else:
            by_file.setdefault(item.stored_path, []).append(item)
    names = {stored.get("path"): stored["name"] for stored in batch.files}
    # The batch is marked done once its speeches are searchable.
    with services.speeches_import_batch():
        for relative, items in by_file.items():
            # A scan is imported from its reviewed page texts, never recognised again.
            for item in [item for item in items if item.ocr_pages]:
                _import_one(item, _reparse_scan(item), finder)
                _bump(batch)
            items = [item for item in items if not item.ocr_pages]
            if not items:
                continue
            wanted = {item.name: item for item in items}
            display = names.get(relative, items[0].name)
            for name, result in _documents(relative, display, only=set(wanted)):
                item = wanted.pop(name, None)
                if item is None:
                    continue
                _import_one(item, result, finder)
                _bump(batch)
            for item in wanted.values():
                _finish(item, UploadItem.Status.FAILED, REASON_GONE)
                _bump(batch)
    _moved(batch.pk, state=UploadBatch.State.DONE)


def _reparse_scan(item: UploadItem) -> ParsedSpeech | IngestError:
    try:
        return reparse_scan(scan_of(item), item.name)
    except IngestError as exc:
        return exc


def _saved_before_interruption(item: UploadItem) -> Speech | None:
    """A rerun after the worker died between saving a speech and marking its row: the speech
    with this row's content, saved since the batch began and claimed by no upload row, is this
    row's own (reported as imported, not as a duplicate of itself)."""
    if not item.fingerprint:
        return None
    return (
        Speech.objects.filter(
            fingerprint=item.fingerprint,
            created_at__gte=item.batch.created_at,
            upload_items__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def _finish(item: UploadItem, status: str, reason: str = "", speech=None) -> None:
    item.status, item.reason, item.speech = status, reason, speech
    item.save(update_fields=["status", "reason", "speech"])


def _reviewed_place(item: UploadItem, result) -> dict:
    """The place the editor left in the review: unchanged, the text's own spelling stays."""
    code = resolve_place(item.place)[0] if item.place else ""
    if code == result.place_code:
        return {"place_code": code, "place_name": result.place_name}
    chosen = default_gazetteer().get(code)
    return {"place_code": code, "place_name": chosen.name if chosen else ""}


def _import_one(item: UploadItem, result, finder) -> None:
    if isinstance(result, IngestError):
        _finish(item, UploadItem.Status.FAILED, REASON_PARSE.format(error=result))
        return
    parsed = dataclasses.replace(
        result,
        title=item.title or result.title,
        kind=item.kind,
        date=item.date,
        level=item.level or None,
        meeting=item.meeting,
        theme=item.theme or None,
        speaker=item.speaker,
        speaker_role=item.speaker_role,
        **_reviewed_place(item, result),
    )
    if item.action == UploadItem.Action.IMPORT:
        earlier = _saved_before_interruption(item)
        if earlier is not None:
            _finish(item, UploadItem.Status.IMPORTED, "", earlier)
            return
    policy = (
        services.ON_DUPLICATE_REPLACE
        if item.action == UploadItem.Action.REPLACE
        else services.ON_DUPLICATE_SKIP
    )
    outcome = services.speech_import(
        parsed=parsed, file=item.name, on_duplicate=policy, near_duplicates=finder
    )
    if outcome.status == services.STATUS_IMPORTED:
        _finish(
            item,
            UploadItem.Status.IMPORTED,
            "替换了已有讲话" if outcome.replaced else "",
            outcome.speech,
        )
    elif outcome.status == services.STATUS_DUPLICATE:
        _finish(item, UploadItem.Status.SKIPPED, REASON_DUPLICATE.format(id=outcome.duplicate_of))
    else:
        _finish(item, UploadItem.Status.FAILED, outcome.error or "导入失败")
