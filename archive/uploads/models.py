"""One upload (who, when, which files) and one row per document found in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from archive.models import Kind


class UploadBatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> UploadBatchQuerySet:
        """An uploader's own batches; every batch for superusers and can_manage_all_batches."""
        if user.has_perm("uploads.can_manage_all_batches"):
            return self
        return self.filter(uploaded_by=user)


class UploadBatch(models.Model):
    class State(models.TextChoices):
        PARSING = "parsing", "正在解析"
        REVIEW = "review", "待核对"
        IMPORTING = "importing", "正在导入"
        DONE = "done", "已完成"

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="upload_batches",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PARSING)
    total = models.PositiveIntegerField("待处理", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    # When parsing or importing last moved (a file done, a state change): a batch in progress
    # that has not moved for UPLOAD_STALL_SECONDS lost its worker (archive/uploads/recovery.py).
    progressed_at = models.DateTimeField("最近进展", null=True, blank=True)
    # What the worker is doing inside one file (the page a scan's OCR has reached).
    activity = models.CharField("当前进度", max_length=300, blank=True)
    # Stored files, relative to MEDIA_ROOT: [{"name": original, "path": stored, "size": n}].
    files = models.JSONField("文件", default=list)

    objects = UploadBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "上传批次"
        verbose_name_plural = "上传批次"
        permissions = [
            ("can_upload", "可以上传讲话"),
            ("can_manage_all_batches", "可以查看和处理所有人的上传批次"),
        ]

    def __str__(self) -> str:
        return f"上传 #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("uploads:batch", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 100


class UploadItem(models.Model):
    """One document: what the pipeline found, the editor's corrections and what happened."""

    class Action(models.TextChoices):
        IMPORT = "import", "导入"
        SKIP = "skip", "跳过"
        REPLACE = "replace", "替换已有讲话"

    class Status(models.TextChoices):
        PENDING = "pending", "待导入"
        IMPORTED = "imported", "已导入"
        SKIPPED = "skipped", "已跳过"
        FAILED = "failed", "失败"

    batch = models.ForeignKey(UploadBatch, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField()
    stored_path = models.CharField("存储文件", max_length=500)
    name = models.CharField("文件", max_length=500)  # display name, zip entries as zip/entry
    error = models.TextField("解析错误", blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    kind = models.CharField("文本类型", max_length=10, choices=Kind.choices, default=Kind.SPEECH)
    date = models.DateField("日期", null=True, blank=True)
    level = models.CharField("层级", max_length=10, blank=True)
    theme = models.CharField("主题", max_length=50, blank=True)
    meeting = models.CharField("会议", max_length=300, blank=True)
    place = models.CharField(
        "地方", max_length=60, blank=True, help_text="县区名称或六位区划代码,如“河西区”或 120103"
    )
    speaker = models.CharField("讲话人", max_length=40, blank=True)
    speaker_role = models.CharField("职务", max_length=100, blank=True)
    outline = models.JSONField("提纲", default=list, blank=True)
    warnings = models.JSONField("提示", default=list, blank=True)
    removed = models.JSONField("去掉的网页杂项", default=list, blank=True)
    # A scan read by OCR, page by page: [{"number", "ocr", "confidence", "text", "image",
    # "error"}], "image" a JPEG under MEDIA_ROOT for the review. The editor corrects "text";
    # the import then uses these texts instead of recognising the file again.
    ocr_pages = models.JSONField("扫描页", default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    duplicate_of = models.ForeignKey(
        "archive.Speech", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    similar_to = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.IMPORT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField("说明", blank=True)
    speech = models.ForeignKey(
        "archive.Speech",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="upload_items",
    )

    class Meta:
        ordering = ["batch", "order"]
        verbose_name = "上传文件"
        verbose_name_plural = "上传文件"

    def __str__(self) -> str:
        return self.name

    @property
    def review_pages(self) -> list[dict]:
        """The recognised pages, each with whether its confidence is low (listed first)."""
        from archive.ingest.ocr import LOW_CONFIDENCE

        pages = [
            {
                **page,
                "low": bool(page.get("error")) or (page.get("confidence") or 0) < LOW_CONFIDENCE,
            }
            for page in self.ocr_pages
            if page.get("ocr")
        ]
        return pages

    @property
    def low_confidence_pages(self) -> list[int]:
        return [page["number"] for page in self.review_pages if page["low"]]
