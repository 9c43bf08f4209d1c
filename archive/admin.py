"""Admin for speeches, their outlines and themes. Every write goes through archive.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from archive import services
from archive.models import Section, Speech, Theme


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("order", "depth", "number", "heading", "anchor", "paragraph")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        # The outline is derived from the body: edit the body and it is re-parsed.
        return False


class SpeechAdminForm(forms.ModelForm):
    class Meta:
        model = Speech
        fields = (
            "title",
            "date",
            "level",
            "theme",
            "is_published",
            "meeting",
            "speaker_role",
            "keywords",
            "body",
            "source",
            "similar_to",
        )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if self.instance.pk and "body" in self.changed_data:
            services.speech_body_check(speech=self.instance, body=body)
        return body


@admin.register(Speech)
class SpeechAdmin(admin.ModelAdmin):
    form = SpeechAdminForm
    list_display = ("title", "date", "level", "theme", "is_published", "updated_at")
    list_filter = ("level", "theme", "is_published", "date")
    search_fields = ("title", "meeting", "source")
    date_hierarchy = "date"
    inlines = [SectionInline]
    readonly_fields = (
        "fingerprint",
        "simhash",
        "date_rule",
        "warnings",
        "created_at",
        "updated_at",
        "raw_text",
    )
    filter_horizontal = ("similar_to",)
    actions = ["publish", "unpublish", "reingest"]
    fieldsets = (
        (None, {"fields": ("title", "date", "level", "theme", "is_published")}),
        ("会议与讲话人", {"fields": ("meeting", "speaker_role", "keywords")}),
        ("正文", {"fields": ("body",)}),
        (
            "来源与核对",
            {
                "classes": ("collapse",),
                "fields": (
                    "source",
                    "raw_text",
                    "date_rule",
                    "warnings",
                    "fingerprint",
                    "simhash",
                    "similar_to",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )

    def save_model(self, request, obj, form, change) -> None:
        services.speech_update(speech=obj, body_changed=change and "body" in form.changed_data)

    def delete_model(self, request, obj) -> None:
        services.speech_delete(speech=obj)

    def delete_queryset(self, request, queryset) -> None:
        for speech in queryset:
            services.speech_delete(speech=speech)

    @admin.action(description="发布所选讲话")
    def publish(self, request, queryset) -> None:
        count = services.speeches_set_published(speeches=queryset, published=True)
        self.message_user(request, f"已发布 {count} 篇讲话。", messages.SUCCESS)

    @admin.action(description="设为草稿(不在检索中出现)")
    def unpublish(self, request, queryset) -> None:
        count = services.speeches_set_published(speeches=queryset, published=False)
        self.message_user(request, f"已将 {count} 篇讲话设为草稿。", messages.SUCCESS)

    @admin.action(description="用当前清洗规则重新处理原文")
    def reingest(self, request, queryset) -> None:
        for speech in queryset:
            services.speech_reingest(speech=speech)
        self.message_user(request, f"已重新处理 {queryset.count()} 篇讲话。", messages.SUCCESS)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "keywords")
    search_fields = ("name", "keywords")
    prepopulated_fields = {"slug": ("name",)}


admin.site.site_header = "讲稿库管理"
admin.site.site_title = "讲稿库管理"
admin.site.index_title = "讲稿库"
