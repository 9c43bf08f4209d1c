"""The PostgreSQL search index's tables (search/models.py: SearchDocument, SearchChunk).

Created on every database (they stay empty unless SEARCH_BACKEND=postgres); the GIN indexes
that make them searchable exist only on PostgreSQL: on SQLite the ``tsvector`` columns are
plain, unused columns.
"""

from django.db import migrations, models

import search.models

# lz4 rather than the default pglz for the large tsvectors: a phrase query rechecks positions
# in every candidate chunk, and ranking reads a vector per match; lz4 decompresses several
# times faster.
LZ4 = [
    "ALTER TABLE speech_search_searchchunk ALTER COLUMN grams SET COMPRESSION lz4",
    "ALTER TABLE speech_search_searchdocument ALTER COLUMN words SET COMPRESSION lz4",
    "ALTER TABLE speech_search_searchdocument ALTER COLUMN rank_words SET COMPRESSION lz4",
]
GIN_INDEXES = [
    "CREATE INDEX IF NOT EXISTS search_chunk_grams_gin ON speech_search_searchchunk "
    "USING gin (grams)",
    "CREATE INDEX IF NOT EXISTS search_document_title_gin ON speech_search_searchdocument "
    "USING gin (title_grams)",
    "CREATE INDEX IF NOT EXISTS search_document_words_gin ON speech_search_searchdocument "
    "USING gin (words)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS search_chunk_grams_gin",
    "DROP INDEX IF EXISTS search_document_title_gin",
    "DROP INDEX IF EXISTS search_document_words_gin",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("speech_search", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "speech_id",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="讲话编号"
                    ),
                ),
                ("level", models.CharField(blank=True, max_length=20)),
                ("theme", models.CharField(blank=True, max_length=60)),
                ("date", models.DateField(db_index=True, null=True)),
                ("places", search.models.CodesField(default=list)),
                ("speaker", models.CharField(blank=True, max_length=20)),
                ("role", models.CharField(blank=True, max_length=100)),
                ("updated", models.CharField(max_length=40)),
                ("title_grams", search.models.TsVectorField()),
                ("words", search.models.TsVectorField()),
                ("rank_words", search.models.TsVectorField(default="")),
            ],
            options={"verbose_name": "检索文档", "verbose_name_plural": "检索文档"},
        ),
        migrations.CreateModel(
            name="SearchChunk",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("speech_id", models.BigIntegerField(db_index=True, verbose_name="讲话编号")),
                ("grams", search.models.TsVectorField()),
            ],
            options={"verbose_name": "检索文本块", "verbose_name_plural": "检索文本块"},
        ),
        migrations.RunPython(_on_postgres(LZ4 + GIN_INDEXES), _on_postgres(DROP_INDEXES)),
    ]
