"""The paragraph reuse index, in the database so that every process (web workers, the indexer,
commands) shares it on SQLite and PostgreSQL alike.

* ``ReuseSpeech``: which version of a speech the index holds (its body fingerprint), for the
  drift check.
* ``ReuseParagraph``: each indexed paragraph (≥ 30 normalised characters) with its normalised
  text, verified against candidates.
* ``ReuseBand``: one row per LSH band key of a paragraph; equal keys = candidates.
* ``ReuseMatch``: a verified pair, stored once per direction, so a speech page reads its badges
  with one indexed query.
"""

from __future__ import annotations

from django.db import models

from archive.models import Speech


class ReuseSpeech(models.Model):
    speech = models.OneToOneField(
        Speech, primary_key=True, on_delete=models.CASCADE, related_name="reuse_state"
    )
    fingerprint = models.CharField("内容指纹", max_length=64)

    class Meta:
        verbose_name = "已索引讲话"
        verbose_name_plural = "已索引讲话"

    def __str__(self) -> str:
        return f"讲话 {self.speech_id}"


class ReuseParagraph(models.Model):
    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="reuse_paragraphs")
    number = models.PositiveIntegerField("段落号")  # 1-based: the reading page's id="pN"
    length = models.PositiveIntegerField("规范化字数")
    text = models.TextField("规范化文本")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["speech", "number"], name="reuse_paragraph_unique"),
        ]
        verbose_name = "段落"
        verbose_name_plural = "段落"

    def __str__(self) -> str:
        return f"讲话 {self.speech_id} 第 {self.number} 段"

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


class ReuseBand(models.Model):
    key = models.BigIntegerField("分桶键", db_index=True)
    paragraph = models.ForeignKey(ReuseParagraph, on_delete=models.CASCADE, related_name="bands")

    def __str__(self) -> str:
        return str(self.key)


class ReuseMatch(models.Model):
    """``paragraph`` is found in ``other``: ``share`` of paragraph's characters (coverage)."""

    paragraph = models.ForeignKey(ReuseParagraph, on_delete=models.CASCADE, related_name="matches")
    other = models.ForeignKey(ReuseParagraph, on_delete=models.CASCADE, related_name="+")
    share = models.FloatField("相同比例")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "other"], name="reuse_match_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph_id} → {self.other_id} {self.share:.0%}"
