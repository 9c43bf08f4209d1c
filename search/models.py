"""Pending index work, recorded by web processes and applied by one writer at a time."""

from django.db import models


class IndexTask(models.Model):
    """A speech whose index entry must be brought in line with the database.

    The row says only *which* speech; the applier reads the speech's current state when it runs
    (published → (re)index, gone or unpublished → remove), so applying a task twice, or out of
    order, is harmless.
    """

    speech_id = models.BigIntegerField("讲话编号", db_index=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "待更新索引"
        verbose_name_plural = "待更新索引"

    def __str__(self) -> str:
        return f"speech {self.speech_id}"
