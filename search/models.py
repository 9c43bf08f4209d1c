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


class TsVectorField(models.Field):
    """A PostgreSQL ``tsvector`` column, filled with literals the application builds
    (search/backends/postgres/lexemes.py). Django's ``SearchVectorField`` would do, but it
    lives in django.contrib.postgres; this one keeps the models importable anywhere."""

    description = "PostgreSQL tsvector"

    def db_type(self, connection) -> str:
        return "tsvector"

    def get_placeholder(self, value, compiler, connection) -> str:
        return "%s::tsvector"


class CodesField(models.Field):
    """A PostgreSQL ``text[]`` column (place codes with their ancestors'): filtered with
    ``= ANY`` and counted with ``unnest``. Plain text elsewhere, where the table stays empty;
    not django.contrib.postgres's ArrayField, for the reason ``TsVectorField`` gives."""

    description = "PostgreSQL text[]"

    def db_type(self, connection) -> str:
        return "text[]" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Model):
    """One published speech in the PostgreSQL search index (SEARCH_BACKEND=postgres): what
    filters, facets, ranking and the index check read. Written in the transaction that
    changes the speech. Unused (empty) with the Whoosh backend."""

    speech_id = models.BigIntegerField("讲话编号", primary_key=True)
    level = models.CharField(max_length=20, blank=True)
    theme = models.CharField(max_length=60, blank=True)  # the theme's slug
    date = models.DateField(null=True, db_index=True)
    places = CodesField(default=list)  # the place's code and its ancestors' (filters.py)
    speaker = models.CharField(max_length=20, blank=True)  # the Speaker entry's id
    role = models.CharField(max_length=100, blank=True)  # the normalised speaker_role
    updated = models.CharField(max_length=40)  # search.backends.index_stamp(updated_at)
    title_grams = TsVectorField()  # character grams of the folded title (title: terms)
    words = TsVectorField()  # jieba words, weighted: title A, headings B, body D (related)

    class Meta:
        verbose_name = "检索文档"
        verbose_name_plural = "检索文档"

    def __str__(self) -> str:
        return f"speech {self.speech_id}"


class SearchRankTerm(models.Model):
    """A word's relevance score in one published speech (search/backends/postgres/ranking.py):
    a search sums the rows of its words instead of ranking each matching speech's vector.
    Written with the speech's other index rows. Unused (empty) with the Whoosh backend."""

    pk = models.CompositePrimaryKey("word", "speech_id")
    word = models.CharField(max_length=64)  # a jieba word of the folded text (ranking.py)
    speech_id = models.BigIntegerField("讲话编号", db_index=True)
    score = models.FloatField()

    class Meta:
        verbose_name = "检索词权重"
        verbose_name_plural = "检索词权重"

    def __str__(self) -> str:
        return f"speech {self.speech_id} {self.word}"


class SearchChunk(models.Model):
    """Character grams of a stretch of a speech's title and body, with positions: exact
    matching. A long speech has several overlapping chunks (tsvector limits, see lexemes.py).

    Each chunk also carries copies of its document's filter and facet columns (written with
    it, from the same values): a query of one group of terms then finds, filters and counts
    its speeches from the chunks it matched alone, without reading a document row per matching
    speech, which was the largest part of a common word's search at 100,000 speeches
    (docs/performance.md, "The chunks carry the filter columns")."""

    speech_id = models.BigIntegerField("讲话编号", db_index=True)
    grams = TsVectorField()
    level = models.CharField(max_length=20, blank=True, default="")
    theme = models.CharField(max_length=60, blank=True, default="")
    date = models.DateField(null=True)
    places = CodesField(null=True)  # as SearchDocument.places
    speaker = models.CharField(max_length=20, blank=True, default="")
    role = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        verbose_name = "检索文本块"
        verbose_name_plural = "检索文本块"

    def __str__(self) -> str:
        return f"speech {self.speech_id} chunk {self.pk}"
