"""Ranking reads a table of (word, speech, score) rows (``SearchRankTerm``;
search/backends/postgres/ranking.py) instead of each matching speech's ``rank_words`` vector.

On PostgreSQL the rows are computed from the ``rank_words`` vectors already stored, so an
archive keeps its ranking without a rebuild; then the column goes.
"""

from django.db import migrations, models

BATCH = 500

# search/backends/postgres/ranking.py as this migration was written, frozen here as migrations
# should be: the scores it writes must stay ts_rank's whatever later becomes of that module.
MAX_WORD_LENGTH = 64
LABEL_WEIGHTS = {"D": 0.1, "C": 0.2, "B": 0.5, "A": 1.0}
_ZETA_2 = 1.64493406685


def word_score(weights: list[float]) -> float:
    """``calc_rank_or``'s score of one word from the weights of its positions, in order."""
    total, best, best_at = 0.0, -1.0, 0
    for index, weight in enumerate(weights):
        total += weight / ((index + 1) * (index + 1))
        if weight > best:
            best, best_at = weight, index
    return (best + total - best / ((best_at + 1) * (best_at + 1))) / _ZETA_2


def fill_from_vectors(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
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
