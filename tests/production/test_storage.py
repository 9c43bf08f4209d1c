"""Every corpus file, plus characters outside the BMP, survives the current database byte-for-byte.

Runs in both suites: SQLite under `make test`, PostgreSQL under `make test-postgres`.
"""

import hashlib

import pytest
from django.db import connection

from archive.models import Level, Speech
from tests import shared_data

# Characters MySQL-style utf8 (3-byte) storage would mangle: CJK Extension B, a rare
# four-dragon character, an emoji and a flag made of two code points.
ASTRAL = "𠀀𪚥😀🇨🇳"

pytestmark = pytest.mark.django_db


def corpus_texts():
    files = shared_data.corpus_files()
    return {f.name: f.read_bytes().decode("utf-8") for f in files}


def test_every_corpus_file_and_astral_characters_round_trip_exactly():
    texts = corpus_texts()
    for name, text in texts.items():
        body = f"{ASTRAL}\n{text}\n{ASTRAL}"
        Speech.objects.bulk_create(
            [
                Speech(
                    title=f"{ASTRAL}{name}",
                    level=Level.values[0],
                    body=body,
                    raw_text=body,
                    keywords=[ASTRAL, name],
                    fingerprint=hashlib.sha256(body.encode()).hexdigest(),
                )
            ]
        )
    stored = {s.title: s for s in Speech.objects.all()}
    for name, text in texts.items():
        speech = stored[f"{ASTRAL}{name}"]
        expected = f"{ASTRAL}\n{text}\n{ASTRAL}".encode()
        assert speech.body.encode() == expected, name
        assert speech.raw_text.encode() == expected, name
        assert speech.keywords == [ASTRAL, name]
    # The database itself matches on an astral character, not only Python after decoding.
    assert Speech.objects.filter(body__contains="𪚥").count() == len(texts)


@pytest.mark.postgres
def test_postgres_database_is_utf8():
    if connection.vendor != "postgresql":
        pytest.skip("只在 PostgreSQL 上运行(make test-postgres)。Runs only on PostgreSQL.")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"
