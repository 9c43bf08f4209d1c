"""/admin/upload/: pick files → review rows → import in the background → result."""

from __future__ import annotations

import shutil
from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from archive.uploads import recovery, storage, tasks
from archive.uploads.forms import ERROR_FORM_ROWS, REPLACE_PERMISSION, ReviewFormSet
from archive.uploads.models import UploadBatch, UploadItem

PERMISSION = "uploads.can_upload"
ERROR_NO_FILES = "请选择要上传的文件"
ERROR_ROWS_INVALID = "有些行需要修改,请看标红的字段"
ERROR_TOO_MANY = "一次上传的文件过多,请打包成 zip 或分批上传"
ERROR_STORE_FAILED = (
    "无法保存上传的文件(数据目录不可写或磁盘已满):{reason},本次上传没有保存任何内容"
)


def uploader_required(view):
    """Staff only (the admin's login redirect), then the can_upload permission."""

    @wraps(view)
    def check(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied("没有上传讲话的权限")
        return view(request, *args, **kwargs)

    return admin.site.admin_view(check)


def _context(request, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "max_file_mb": storage.mb(settings.INGEST_MAX_FILE_BYTES),
        "max_upload_mb": storage.mb(settings.INGEST_MAX_UPLOAD_BYTES),
        "max_upload_bytes": settings.INGEST_MAX_UPLOAD_BYTES,
        "max_file_bytes": settings.INGEST_MAX_FILE_BYTES,
        "max_ocr_pages": settings.INGEST_MAX_OCR_PAGES,
        **extra,
    }


@uploader_required
def upload(request):
    if request.method != "POST":
        batches = UploadBatch.objects.visible_to(request.user).select_related("uploaded_by")[:20]
        return render(request, "admin/uploads/upload.html", _context(request, batches=batches))
    error = _receive(request)
    if isinstance(error, str):
        messages.error(request, error)
        return redirect("uploads:upload")
    return redirect(error)


def _receive(request):
    """Store the files of one upload; returns the new batch or a Chinese error."""
    size = int(request.META.get("CONTENT_LENGTH") or 0)
    limit = settings.INGEST_MAX_UPLOAD_BYTES
    if size > limit:
        # Checked before the body is read: nothing of an oversized upload reaches the disk.
        return storage.ERROR_UPLOAD_SIZE.format(size=storage.mb(size), limit=storage.mb(limit))
    try:
        files = request.FILES.getlist("files")
    except TooManyFilesSent:
        return ERROR_TOO_MANY
    except RequestDataTooBig:
        return storage.ERROR_UPLOAD_SIZE.format(size=storage.mb(size), limit=storage.mb(limit))
    if not files:
        return ERROR_NO_FILES
    batch = UploadBatch.objects.create(uploaded_by=request.user, progressed_at=timezone.now())
    stored = []
    try:
        for order, uploaded in enumerate(files, start=1):
            stored.append(_store_one(batch.pk, order, uploaded))
    except OSError as exc:
        # Disk full or an unwritable data folder: keep nothing of this upload.
        shutil.rmtree(storage.batch_dir(batch.pk), ignore_errors=True)
        batch.delete()
        return ERROR_STORE_FAILED.format(reason=exc.strerror or exc)
    batch.files = stored
    batch.total = len(stored)
    batch.save(update_fields=["files", "total"])
    # Requests are not wrapped in a transaction (no ATOMIC_REQUESTS): the batch row is committed
    # before the worker looks for it.
    tasks.parse_batch(batch.pk)
    return batch


def _store_one(batch_id: int, order: int, uploaded) -> dict:
    name = storage.sanitize_name(uploaded.name)
    record = {"name": name, "size": uploaded.size}
    limit = settings.INGEST_MAX_FILE_BYTES
    if storage.extension(name) != ".zip" and uploaded.size > limit:
        record["error"] = storage.ERROR_FILE_SIZE.format(
            name=name, size=storage.mb(uploaded.size), limit=storage.mb(limit)
        )
        return record
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    problem = storage.sniff_error(name, head)
    if problem:
        record["error"] = problem
        return record
    record["path"] = storage.store(batch_id, order, uploaded)
    return record


def _batch_for(request, pk: int) -> UploadBatch:
    # Someone else's batch is a 404, not a 403: its number says nothing about its existence.
    batches = UploadBatch.objects.visible_to(request.user).select_related("uploaded_by")
    return get_object_or_404(batches, pk=pk)


def _review_formset(request, queryset, data=None):
    can_replace = request.user.has_perm(REPLACE_PERMISSION)
    return ReviewFormSet(data, queryset=queryset, form_kwargs={"can_replace": can_replace})


def _recover(request, upload_batch: UploadBatch) -> UploadBatch:
    """Someone is waiting for this batch: if its worker died, queue it again."""
    if upload_batch.state not in recovery.IN_PROGRESS:
        return upload_batch
    if tasks.requeue_stalled(older_than=settings.UPLOAD_STALL_SECONDS, batch_ids=[upload_batch.pk]):
        messages.warning(request, recovery.MESSAGE_REQUEUED)
        upload_batch.refresh_from_db()
    return upload_batch


@uploader_required
def batch(request, pk: int):
    upload_batch = _recover(request, _batch_for(request, pk))
    items = upload_batch.items.select_related("duplicate_of", "speech")
    if upload_batch.state == UploadBatch.State.REVIEW:
        formset = _review_formset(request, items)
        return _review(request, upload_batch, formset)
    if upload_batch.state == UploadBatch.State.DONE:
        groups = {status: [] for status in UploadItem.Status.values}
        for item in items:
            groups[item.status].append(item)
        return render(
            request,
            "admin/uploads/result.html",
            _context(request, batch=upload_batch, groups=groups, title=f"上传 #{pk} 结果"),
        )
    return render(
        request,
        "admin/uploads/progress.html",
        _context(request, batch=upload_batch, title=f"上传 #{pk}"),
    )


def _review(request, upload_batch, formset):
    return render(
        request,
        "admin/uploads/review.html",
        _context(
            request, batch=upload_batch, formset=formset, title=f"核对上传 #{upload_batch.pk}"
        ),
    )


@require_POST
@uploader_required
def start_import(request, pk: int):
    upload_batch = _batch_for(request, pk)
    if upload_batch.state == UploadBatch.State.REVIEW:
        formset = _review_formset(request, upload_batch.items.all(), request.POST)
        if not formset.is_valid():
            if formset.non_form_errors():
                messages.error(request, ERROR_FORM_ROWS)
                return _review(request, upload_batch, _review_formset(request, formset.queryset))
            messages.error(request, ERROR_ROWS_INVALID)
            return _review(request, upload_batch, formset)
        # All rows or none: a failure half-way must not leave some corrections saved.
        with transaction.atomic():
            formset.save()
    elif upload_batch.state != UploadBatch.State.DONE:
        return redirect(upload_batch)
    # Done batches may be run again: rows already imported or skipped are left alone.
    pending = upload_batch.items.filter(status=UploadItem.Status.PENDING).count()
    UploadBatch.objects.filter(pk=pk).update(
        state=UploadBatch.State.IMPORTING, done=0, total=pending, progressed_at=timezone.now()
    )
    tasks.import_batch(pk)
    return redirect(upload_batch)


@uploader_required
def page_image(request, pk: int, item: int, number: int):
    """A scanned page's image beside its recognised text in the review: staff with the upload
    permission who can see the batch, never the public (the files live outside the static and
    media URLs)."""
    upload_batch = _batch_for(request, pk)
    row = get_object_or_404(upload_batch.items, pk=item)
    page = next((p for p in row.ocr_pages if p.get("number") == number and p.get("image")), None)
    if page is None:
        raise Http404("没有这一页的图像")
    try:
        handle = storage.path_of(page["image"]).open("rb")
    except OSError as exc:
        raise Http404("页面图像已不存在") from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@uploader_required
def progress(request, pk: int):
    upload_batch = _recover(request, _batch_for(request, pk))
    return JsonResponse(
        {
            "state": upload_batch.state,
            "state_label": upload_batch.get_state_display(),
            "done": upload_batch.done,
            "total": upload_batch.total,
            "percent": upload_batch.percent,
            "activity": upload_batch.activity,
        }
    )
