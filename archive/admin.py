"""Admin for speeches, their outlines and themes. Every write goes through archive.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from archive import services
from archive.models import Level, Place, Section, Speaker, Speech, Theme


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
            "kind",
            "date",
            "level",
            "theme",
            "is_published",
            "meeting",
            "place",
            "place_name",
            "speaker",
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


class SpeechActionForm(ActionForm):
    """The extra choice the set-theme / set-level actions need."""

    theme = forms.ModelChoiceField(
        label="主题", queryset=Theme.objects.all(), required=False, empty_label="(无主题)"
    )
    level = forms.ChoiceField(label="层级", choices=[("", "未知"), *Level.choices], required=False)


@admin.register(Speech)
class SpeechAdmin(admin.ModelAdmin):
    form = SpeechAdminForm
    action_form = SpeechActionForm
    list_display = ("title", "kind", "date", "level", "theme", "is_published", "updated_at")
    list_filter = ("kind", "is_published", "from_scan", "level", "theme", "date")
    search_fields = ("title", "meeting", "source", "speaker", "place_name")
    autocomplete_fields = ("place",)
    date_hierarchy = "date"
    inlines = [SectionInline]
    readonly_fields = (
        "fingerprint",
        "simhash",
        "title_rule",
        "kind_reason",
        "date_rule",
        "source_published",
        "warnings",
        "removed_list",
        "created_at",
        "updated_at",
        "raw_text",
        "upload_link",
        "similar_links",
        "from_scan",
        "ocr_confidence",
    )
    filter_horizontal = ("similar_to",)
    actions = ["publish", "unpublish", "reingest", "set_theme", "set_level", "suggest_themes"]
    fieldsets = (
        (None, {"fields": ("title", "kind", "date", "level", "theme", "is_published")}),
        (
            "会议、地方与讲话人",
            {"fields": ("meeting", "place", "place_name", "speaker", "speaker_role", "keywords")},
        ),
        # The raw text sits beside the cleaned body so an editor can check the cleaning.
        ("正文", {"fields": (("body", "raw_text"),)}),
        # What cleaning cut, in full: a wrong cut is seen here and pasted back into the body.
        ("清洗去掉的网页杂项", {"fields": ("removed_list",)}),
        (
            "来源与核对",
            {
                "classes": ("collapse",),
                "fields": (
                    "source",
                    "from_scan",
                    "ocr_confidence",
                    "upload_link",
                    "similar_links",
                    "title_rule",
                    "kind_reason",
                    "date_rule",
                    "source_published",
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

    @admin.display(description="去掉的整行")
    def removed_list(self, obj) -> str:
        lines = obj.removed_lines if obj.pk else []
        if not lines:
            return "—"
        return format_html(
            '<ol class="removed-lines">{}</ol>',
            format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
        )

    @admin.display(description="来自上传")
    def upload_link(self, obj) -> str:
        item = obj.upload_items.select_related("batch").first() if obj.pk else None
        if item is None:
            return "—"
        url = reverse("uploads:batch", args=[item.batch_id])
        return format_html('<a href="{}">上传 #{}</a>({})', url, item.batch_id, item.name)

    @admin.display(description="相似讲话")
    def similar_links(self, obj) -> str:
        if not obj.pk:
            return "—"
        rows = [
            (reverse("admin:archive_speech_change", args=[other.pk]), other.pk, other.title)
            for other in obj.similar_to.all()
        ]
        return format_html_join("、", '<a href="{}">#{} {}</a>', rows) or "—"

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

    @admin.action(description="设置主题(在下方选择主题)")
    def set_theme(self, request, queryset) -> None:
        theme = Theme.objects.filter(pk=request.POST.get("theme") or None).first()
        count = services.speeches_set_theme(speeches=queryset, theme=theme)
        self.message_user(request, f"已为 {count} 篇讲话设置主题。", messages.SUCCESS)

    @admin.action(description="设置层级(在下方选择层级)")
    def set_level(self, request, queryset) -> None:
        level = request.POST.get("level", "")
        if level not in {"", *Level.values}:
            self.message_user(request, "未知的层级", messages.ERROR)
            return
        count = services.speeches_set_level(speeches=queryset, level=level)
        self.message_user(request, f"已为 {count} 篇讲话设置层级。", messages.SUCCESS)

    @admin.action(description="按当前主题关键词重新归类")
    def suggest_themes(self, request, queryset) -> None:
        count = services.speeches_suggest_theme(speeches=queryset)
        self.message_user(request, f"{count} 篇讲话的主题已更新。", messages.SUCCESS)


class ThemeActionForm(ActionForm):
    into = forms.ModelChoiceField(label="合并到", queryset=Theme.objects.all(), required=False)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    action_form = ThemeActionForm
    actions = ["merge"]
    list_display = ("name", "slug", "keywords")
    search_fields = ("name", "keywords")
    prepopulated_fields = {"slug": ("name",)}

    @admin.action(description="合并所选主题(在下方选择合并到哪个主题)")
    def merge(self, request, queryset) -> None:
        into = Theme.objects.filter(pk=request.POST.get("into") or None).first()
        if into is None:
            self.message_user(request, "请选择要合并到的主题", messages.ERROR)
            return
        count = services.themes_merge(themes=queryset, into=into)
        self.message_user(request, f"已将 {count} 个主题合并到“{into.name}”。", messages.SUCCESS)


admin.site.site_header = "讲稿库管理"
admin.site.site_title = "讲稿库管理"
admin.site.index_title = "讲稿库"


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    """The gazetteer, loaded by migration; searchable so a speech's place field can
    autocomplete over it."""

    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name", "short_name")
    ordering = ("code",)
    readonly_fields = ("code", "kind", "parent", "former_names")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "place")
    search_fields = ("name", "role")
    autocomplete_fields = ("place",)
