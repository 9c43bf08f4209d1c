"""The review form: one row per document, every extracted field editable."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from archive.models import Level, Theme
from archive.places import place_full_name, resolve_place
from archive.uploads.models import UploadItem

# Replacing overwrites a published speech: the speech change permission, not the upload one.
REPLACE_PERMISSION = "archive.change_speech"
ERROR_REPLACE_PERMISSION = "替换已有讲话需要“修改讲话”的权限;请选择导入或跳过"

# The date is a text field, not <input type=date>: the browser's date picker reads in the
# browser's language (mm/dd/yyyy for an English Chrome), this reads as 年-月-日 everywhere.
DATE_PLACEHOLDER = "YYYY-MM-DD"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
ERROR_DATE = "日期请按“年-月-日”填写,例如 2023-04-17"
ERROR_DATE_FUTURE = "日期晚于今天,请核对年份"


class ReviewRowForm(forms.ModelForm):
    level = forms.ChoiceField(label="层级", choices=[("", "未知"), *Level.choices], required=False)
    theme = forms.ChoiceField(label="主题", required=False)
    date = forms.DateField(
        label="日期",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": ERROR_DATE},
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"placeholder": DATE_PLACEHOLDER, "autocomplete": "off", "size": 10},
        ),
    )

    class Meta:
        model = UploadItem
        fields = (
            "action",
            "kind",
            "title",
            "date",
            "level",
            "theme",
            "meeting",
            "place",
            "speaker",
            "speaker_role",
        )
        widgets = {"action": forms.RadioSelect}

    def __init__(self, *args, can_replace: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_replace = can_replace
        if not can_replace:
            # Only the offered choices change: a posted "replace" still reaches clean_action,
            # which explains the refusal instead of a generic "not a valid choice".
            self.fields["action"].widget.choices = [
                c for c in self.fields["action"].choices if c[0] != UploadItem.Action.REPLACE
            ]
        # A row that could not be parsed shows no kind; one left out keeps what the pipeline said.
        self.fields["kind"].required = False
        names = list(Theme.objects.values_list("name", flat=True))
        self.fields["theme"].choices = [("", "(自动)"), *((n, n) for n in names)]
        if self.instance.error:
            # A file that could not be parsed has nothing to import.
            self.fields["action"].choices = [(UploadItem.Action.SKIP, "跳过")]
        # One text box per recognised page of a scan: the editor corrects it against the image.
        for page in self.instance.review_pages:
            self.fields[page_field(page["number"])] = forms.CharField(
                label=f"第 {page['number']} 页识别结果",
                required=False,
                initial=page.get("text", ""),
                widget=forms.Textarea(attrs={"rows": 12, "class": "ocr-text", "lang": "zh"}),
            )

    def page_fields(self) -> list[tuple[dict, forms.BoundField]]:
        """(page, its text box) for the review template, pages to check first."""
        pages = self.instance.review_pages
        return [(page, self[page_field(page["number"])]) for page in pages]

    def save(self, commit=True):
        # A page box the post does not carry (a page rendered before the scan was read) keeps
        # the recognised text; an emptied box is the editor's choice.
        corrected = {
            name: self.cleaned_data[name]
            for name in self.fields
            if name.startswith("page_") and self.add_prefix(name) in self.data
        }
        if corrected:
            pages = []
            for page in self.instance.ocr_pages:
                name = page_field(page["number"])
                if name in corrected:
                    # Browsers send \r\n from a textarea; the pipeline reads one paragraph a line.
                    page = {**page, "text": corrected[name].replace("\r\n", "\n").strip()}
                pages.append(page)
            self.instance.ocr_pages = pages
        return super().save(commit)

    def clean_action(self):
        action = self.cleaned_data["action"]
        if action == UploadItem.Action.REPLACE and not self.can_replace:
            raise forms.ValidationError(ERROR_REPLACE_PERMISSION)
        return action

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(ERROR_DATE_FUTURE)
        return date

    def clean_place(self):
        """A code, or a name that names one division; kept as its full name (天津市河西区)."""
        value = (self.cleaned_data.get("place") or "").strip()
        if not value:
            return ""
        code, error = resolve_place(value)
        if error:
            raise forms.ValidationError(error)
        return place_full_name(code)

    def clean_kind(self):
        return self.cleaned_data["kind"] or self.instance.kind

    def clean(self):
        data = super().clean()
        if data.get("action") != UploadItem.Action.SKIP and not (data.get("title") or "").strip():
            self.add_error("title", "导入的讲话需要标题")
        return data


def page_field(number: int) -> str:
    return f"page_{number}"


ERROR_FORM_ROWS = (
    "提交的行数与本批次的文件不符(页面可能已过期),没有保存任何修改;请刷新页面后重新核对"
)


class BaseReviewFormSet(forms.BaseModelFormSet):
    """Exactly the batch's rows: a posted form count other than the rows shown (a tampered or
    stale page) is refused as a whole, before any row is saved."""

    def clean(self):
        super().clean()
        posted = {form.instance.pk for form in self.forms}
        expected = {item.pk for item in self.get_queryset()}
        if self.total_form_count() != len(expected) or posted != expected:
            raise forms.ValidationError(ERROR_FORM_ROWS)


# edit_only: never create rows (a new row would have no batch).
ReviewFormSet = forms.modelformset_factory(
    UploadItem, form=ReviewRowForm, formset=BaseReviewFormSet, extra=0, edit_only=True
)
