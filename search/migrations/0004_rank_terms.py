"""Ranking reads a table of (word, speech, score) rows (``SearchRankTerm``;
search/backends/postgres/ranking.py) instead of each matching speech's ``rank_words`` vector.

On PostgreSQL the rows are computed from the ``rank_words`` vectors already stored, so an
archive keeps its ranking without a rebuild; then the column goes.
"""

from django.db import migrations, models

BATCH = 500


def fill_from_vectors(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from search.backends.postgres.ranking import LABEL_WEIGHTS, MAX_WORD_LENGTH, word_score

    with connection.cursor() as reading, connection.cursor() as writing:
        # unnest gives each lexeme's positions ascending and their weights beside them.
        reading.execute(
            "SELECT d.speech_id, u.lexeme, u.weights FROM speech_search_searchdocument d, "
            "unnest(d.rank_words) u"
        )
        while rows := reading.fetchmany(BATCH * 100):
            writing.executemany(
                "INSERT INTO speech_search_searchrankterm (word, speech_id, score) "
                "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                [
                    (word, speech_id, word_score([LABEL_WEIGHTS[label] for label in labels]))
                    for speech_id, word, labels in rows
                    if len(word) <= MAX_WORD_LENGTH
                ],
            )


class Migration(migrations.Migration):
    dependencies = [("speech_search", "0003_chunks_rum_index")]

    operations = [
        migrations.CreateModel(
            name="SearchRankTerm",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "word",
                        "speech_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("word", models.CharField(max_length=64)),
                ("speech_id", models.BigIntegerField(db_index=True, verbose_name="讲话编号")),
                ("score", models.FloatField()),
            ],
            options={"verbose_name": "检索词权重", "verbose_name_plural": "检索词权重"},
        ),
        migrations.RunPython(fill_from_vectors, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchdocument", name="rank_words"),
    ]
