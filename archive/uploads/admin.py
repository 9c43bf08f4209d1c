"""The upload record in the admin: who uploaded what and when, read-only; new uploads go
through /admin/upload/."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from archive.uploads.models import UploadBatch


@admin.register(UploadBatch)
class UploadBatchAdmin(admin.ModelAdmin):
    list_display = ("__str__", "uploaded_by", "created_at", "state", "file_count", "open_link")
    list_filter = ("state",)
    readonly_fields = ("uploaded_by", "created_at", "state", "total", "done", "files")

    @admin.display(description="文件数")
    def file_count(self, obj) -> int:
        return len(obj.files)

    @admin.display(description="核对 / 结果")
    def open_link(self, obj) -> str:
        return format_html('<a href="{}">打开</a>', reverse("uploads:batch", args=[obj.pk]))

    def has_view_permission(self, request, obj=None) -> bool:
        # Whoever may upload may read the upload record.
        return request.user.has_perm("uploads.can_upload") or super().has_view_permission(
            request, obj
        )

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra = {"title": "上传批次(新上传请用“上传讲话”页面)", **(extra_context or {})}
        return super().changelist_view(request, extra_context=extra)
