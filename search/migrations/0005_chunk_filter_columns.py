"""The chunk rows carry copies of their document's filter and facet columns (search/models.py,
SearchChunk), and an index already built gets them from its documents.

Filling them is an UPDATE of every chunk row. With the chunks' RUM index in place each updated
row would add its ~7,000 grams to the index one by one, so the chunk table's indexes (other
than its primary key) are dropped for the UPDATE and built again after it, in one sort each, as
a rebuild builds them. PostgreSQL only, and only when the index holds rows (an empty table, and
every SQLite database, gets the columns only). ``rebuild_index`` afterwards writes the chunk
table compactly again (the UPDATE leaves the old rows for VACUUM).
"""

from django.conf import settings
from django.db import migrations, models

import search.models

CHUNKS = "speech_search_searchchunk"
DOCUMENTS = "speech_search_searchdocument"
COPIED = ("level", "theme", "date", "places", "speaker", "role")


def fill_from_documents(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {CHUNKS})")
        if not cursor.fetchone()[0]:
            return
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexname NOT LIKE %s",
            [CHUNKS, "%\\_pkey"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        assignments = ", ".join(f"{column} = d.{column}" for column in COPIED)
        cursor.execute(
            f"UPDATE {CHUNKS} c SET {assignments} FROM {DOCUMENTS} d "
            "WHERE d.speech_id = c.speech_id"
        )
        cursor.execute(
            "SELECT set_config('maintenance_work_mem', %s, true)",
            [settings.SEARCH_REBUILD_WORK_MEM],
        )
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute(f"ANALYZE {CHUNKS}")


class Migration(migrations.Migration):
    dependencies = [
        ("speech_search", "0004_rank_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchchunk",
            name="date",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="searchchunk",
            name="level",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.AddField(
            model_name="searchchunk",
            name="places",
            field=search.models.CodesField(null=True),
        ),
        migrations.AddField(
            model_name="searchchunk",
            name="role",
            field=models.CharField(blank=True, default="", max_length=100),
        ),
        migrations.AddField(
            model_name="searchchunk",
            name="speaker",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.AddField(
            model_name="searchchunk",
            name="theme",
            field=models.CharField(blank=True, default="", max_length=60),
        ),
        migrations.RunPython(fill_from_documents, migrations.RunPython.noop),
    ]
