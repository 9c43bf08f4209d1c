"""The index queue in the admin: what is waiting to reach the search index."""

from django.contrib import admin

from search.models import IndexTask


@admin.register(IndexTask)
class IndexTaskAdmin(admin.ModelAdmin):
    list_display = ("speech_id", "created_at")
    ordering = ("pk",)
    readonly_fields = ("speech_id", "created_at")

    def has_add_permission(self, request):
        return False
