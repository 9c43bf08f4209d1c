"""The review form: one row per document, every extracted field editable."""

from __future__ import annotations

from django import forms

from archive.models import Level, Theme
from archive.uploads.models import UploadItem


class ReviewRowForm(forms.ModelForm):
    level = forms.ChoiceField(label="层级", choices=[("", "未知"), *Level.choices], required=False)
    theme = forms.ChoiceField(label="主题", required=False)

    class Meta:
        model = UploadItem
        fields = ("action", "title", "date", "level", "theme", "meeting")
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "action": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = list(Theme.objects.values_list("name", flat=True))
        self.fields["theme"].choices = [("", "(自动)"), *((n, n) for n in names)]
        if self.instance.error:
            # A file that could not be parsed has nothing to import.
            self.fields["action"].choices = [(UploadItem.Action.SKIP, "跳过")]

    def clean(self):
        data = super().clean()
        if data.get("action") != UploadItem.Action.SKIP and not (data.get("title") or "").strip():
            self.add_error("title", "导入的讲话需要标题")
        return data


ReviewFormSet = forms.modelformset_factory(UploadItem, form=ReviewRowForm, extra=0)
