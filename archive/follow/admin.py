from django.contrib import admin

from archive.follow.models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("email", "query_label", "frequency", "confirmed_at", "last_sent_at")
    list_filter = ("frequency",)
    search_fields = ("email", "query")
    readonly_fields = ("created_at", "confirmed_at", "checked_until", "last_sent_at", "client")
