"""The chunks' grams indexed with RUM (the ``rum`` extension, Debian's postgresql-15-rum)
instead of GIN: RUM keeps each lexeme's positions in the index, so a phrase (a term of 3+
characters, pairs joined by ``<->``) is answered from the index, where GIN only finds the
chunks holding all its pairs and PostgreSQL then decompresses every one of them to check the
positions (党风廉政 at 10,000 speeches: 400–800 ms against 4–15 ms; docs/performance.md).

PostgreSQL only, and only where the server has the extension available: a PostgreSQL archive
searched by Whoosh does not need it and keeps the GIN index. SEARCH_BACKEND=postgres refuses
to start without the RUM index (search/backends/postgres/inventory.py says how to add it).
"""

from django.db import migrations

RUM = [
    "CREATE EXTENSION IF NOT EXISTS rum",
    "DROP INDEX IF EXISTS search_chunk_grams_gin",
    "CREATE INDEX IF NOT EXISTS search_chunk_grams_rum ON speech_search_searchchunk "
    "USING rum (grams rum_tsvector_ops)",
]
GIN = [
    "DROP INDEX IF EXISTS search_chunk_grams_rum",
    "CREATE INDEX IF NOT EXISTS search_chunk_grams_gin ON speech_search_searchchunk "
    "USING gin (grams)",
]


def _rum_available(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or not _rum_available(connection):
        return
    for statement in RUM:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in GIN:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("speech_search", "0002_postgres_index")]

    operations = [migrations.RunPython(forward, backward)]
