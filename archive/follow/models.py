"""An email alert on a search."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qsl

from django.db import models


class Alert(models.Model):
    """A search someone follows by email. Unconfirmed until the link in the confirmation mail
    is opened; speeches added after ``checked_until`` are the next digest's news."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "每天"
        WEEKLY = "weekly", "每周"

    email = models.EmailField("邮箱", db_index=True)
    query = models.CharField("检索条件", max_length=1000, blank=True)  # the search's query string
    frequency = models.CharField(
        "频率", max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField("订阅时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    checked_until = models.DateTimeField("已查到", null=True, blank=True)
    last_sent_at = models.DateTimeField("上次发送", null=True, blank=True)
    # Keyed hash of the subscribing client's address: enough to count subscriptions per client
    # for the abuse limits, without keeping the address itself.
    client = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "检索提醒"
        verbose_name_plural = "检索提醒"
        ordering = ["email", "pk"]

    def __str__(self) -> str:
        return f"{self.email}: {self.query_label}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def period(self) -> datetime.timedelta:
        days = 1 if self.frequency == self.Frequency.DAILY else 7
        # An hour of slack: the daily run must not skip a day because it started a minute early.
        return datetime.timedelta(days=days) - datetime.timedelta(hours=1)

    @property
    def query_label(self) -> str:
        """The search in words: its query and filters."""
        values = dict(parse_qsl(self.query))
        # One line: the label is the digest's Subject, where a line break is refused.
        q = " ".join(values.get("q", "").split())
        parts = [f"“{q}”" if q else "全部讲话"]
        labels = {"level": "层级", "theme": "主题", "year": "年份", "from": "从", "to": "到"}
        parts += [f"{label}:{values[key]}" for key, label in labels.items() if values.get(key)]
        return " ".join(parts + self._who_and_where(values))

    @staticmethod
    def _who_and_where(values: dict[str, str]) -> list[str]:
        from archive.models import Speaker
        from archive.places import place_full_name

        parts = []
        if values.get("place"):
            parts.append(f"地方:{place_full_name(values['place']) or values['place']}")
        if values.get("speaker"):
            speaker = Speaker.objects.filter(pk=values["speaker"]).first()
            parts.append(f"讲话人:{speaker.name if speaker else values['speaker']}")
        if values.get("role"):
            parts.append(f"职务:{values['role']}")
        return parts
