"""What only the PostgreSQL backend does: refuse another database, match the end of a long
speech (chunks), and change the index in the writing transaction itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from archive import services
from archive.models import Speech
from tests.search.conftest import make_speech, matching_ids, run_search

ROOT = Path(__file__).resolve().parents[2]
on_postgres = pytest.mark.skipif(
    settings.SEARCH_BACKEND != "postgres", reason="只在 SEARCH_BACKEND=postgres 时运行"
)


def test_postgres_backend_refuses_sqlite_at_start_up(tmp_path):
    env = {
        **os.environ,
        "SEARCH_BACKEND": "postgres",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "SEARCH_BACKEND=postgres 需要 PostgreSQL 数据库" in done.stderr


@on_postgres
@pytest.mark.django_db
def test_a_phrase_at_the_end_of_a_long_speech_is_found():
    # 100 characters, each repeated past tsvector's 256 positions per lexeme, 30,000 in all.
    filler = "".join(chr(0x4E00 + n) for n in range(100))
    speech = make_speech("长讲话", filler * 300 + "秸秆禁烧最后一句")
    assert len(speech.body) > 16_383
    assert matching_ids("秸秆禁烧最后一句") == {speech.pk}
    assert matching_ids("禁烧最后") == {speech.pk}


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_index_changes_in_the_writing_transaction():
    speech = make_speech("甲讲话", "安全生产要抓紧")

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.speech_delete(speech=Speech.objects.get(pk=speech.pk))
        assert matching_ids("安全生产") == set()  # inside the transaction: already gone
        raise Abort
    assert matching_ids("安全生产") == {speech.pk}  # rolled back together with the speech
    services.speech_delete(speech=Speech.objects.get(pk=speech.pk))
    assert matching_ids("安全生产") == set()


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_rebuild_builds_new_tables_and_swaps_them_in(settings):
    from django.db import connection

    from search.backends.postgres.inventory import missing_indexes
    from search.models import SearchDocument

    settings.REBUILD_PROCS = 2
    speeches = [make_speech(f"第{i}篇", f"重建测试{i}") for i in range(3)]
    SearchDocument.objects.all().delete()  # the index lost its documents
    out = io.StringIO()
    call_command("rebuild_index", "--noinput", stdout=out)
    assert "已索引 3/3 篇" in out.getvalue()
    assert matching_ids("重建测试") == {s.pk for s in speeches}
    with connection.cursor() as cursor:
        assert missing_indexes(cursor) == []
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid IN ("
            "'speech_search_searchdocument'::regclass, 'speech_search_searchchunk'::regclass,"
            "'speech_search_searchrankterm'::regclass)"
        )
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "speech_search_searchchunk_pkey",
            "speech_search_searchdocument_pkey",
            "speech_search_searchrankterm_pkey",
        ]
        # Each speech's word scores came through the rebuild (what ranking reads).
        cursor.execute(
            "SELECT count(DISTINCT speech_id) FROM speech_search_searchrankterm WHERE word = %s",
            ["重建"],
        )
        assert cursor.fetchone()[0] == 3
    make_speech("第四篇", "重建测试之后")  # the swapped tables take writes
    assert len(matching_ids("重建测试")) == 4
    call_command("check_index", stdout=io.StringIO())


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_place_speaker_and_role_are_filtered_and_counted_after_a_save_and_a_rebuild():
    from archive.models import Place, Speaker
    from archive.places import ensure_places
    from archive.reuse.models import ReuseSpeech
    from search.backends import backend
    from search.language.params import parse_params
    from search.language.query import parse_query
    from search.upkeep.queue import schedule_index

    def run_search(params, per_page=None):
        return backend().search(params, parse_query(params.q), per_page=per_page)

    ensure_places()  # a transactional test before this one flushed the migration's rows
    county = Place.objects.filter(parent__parent__isnull=False).first()
    city, province = county.parent, county.parent.parent
    speaker = Speaker.objects.create(name="张三", role="县长", place=county)
    paragraph = "坚持以人民为中心的发展思想,扎实推进乡村全面振兴,持续改善农村人居环境。"
    placed = make_speech("县里的讲话", paragraph, index=False)
    Speech.objects.filter(pk=placed.pk).update(
        place=county, speaker_entry=speaker, speaker_role="县长"
    )
    schedule_index([placed.pk])  # as services do after a change
    other = make_speech("别处的讲话", "另一篇讲话的正文")
    assert ReuseSpeech.objects.filter(pk=placed.pk).exists()  # the reuse index kept too

    def check():
        found = run_search(parse_params({"q": "讲话"}))
        assert found.facets["place"] == {county.code: 1, city.code: 1, province.code: 1}
        assert found.facets["speaker"] == {str(speaker.pk): 1}
        assert found.facets["role"] == {"县长": 1}
        for param, value in [
            ("place", province.code),
            ("place", county.code),
            ("speaker", str(speaker.pk)),
            ("role", "县长"),
        ]:
            hits = run_search(parse_params({"q": "讲话", param: value})).hits
            assert [h.speech_id for h in hits] == [placed.pk], (param, value)
        one_a_page = run_search(parse_params({"q": "讲话"}), per_page=1)
        assert (one_a_page.count, one_a_page.pages, len(one_a_page.hits)) == (2, 2, 1)
        assert {h.speech_id for h in run_search(parse_params({}), per_page=5).hits} == {
            placed.pk,
            other.pk,
        }

    check()
    call_command("rebuild_index", "--noinput", stdout=io.StringIO())
    check()


@on_postgres
@pytest.mark.django_db
def test_start_up_refuses_a_database_without_the_rum_index():
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection

    from search.backends.postgres.backend import PostgresBackend

    PostgresBackend().warm()  # migrated with the extension: starts
    with connection.cursor() as cursor:  # as migrated on a server without the extension
        cursor.execute("DROP INDEX search_chunk_grams_rum")
        cursor.execute(
            "CREATE INDEX search_chunk_grams_gin ON speech_search_searchchunk USING gin (grams)"
        )
    with pytest.raises(ImproperlyConfigured, match="postgresql-15-rum"):
        PostgresBackend().warm()


@on_postgres
@pytest.mark.django_db
def test_searches_run_without_the_jit_compiler():
    # At 100,000 speeches the search statement's estimated cost passes jit_above_cost, and
    # compiling it would cost more than running it (settings.py).
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
    with psycopg.connect(**connection.get_connection_params()) as session:  # any new session
        assert session.execute("SHOW jit").fetchone()[0] == "off"


@on_postgres
@pytest.mark.django_db
def test_stored_word_scores_are_what_ts_rank_gives():
    """A search sums stored (word, speech) scores instead of running ts_rank per speech
    (search/backends/postgres/ranking.py): each score must be ts_rank of that one word over the
    speech's ranking words, and a query's mean of them ts_rank of the words joined by |."""
    from django.db import connection

    from search.backends.postgres import lexemes, ranking
    from search.backends.postgres.documents import _words
    from search.language.normalize import fold
    from search.models import SearchRankTerm

    body = "\n".join(
        ["同志们：", "一、抓好防汛抗旱", "防汛抗旱是大事，防汛抗旱要早部署。"]
        + ["乡村振兴要抓实，群众满意是标准。"] * 12
    )
    speech = make_speech("全县防汛抗旱工作会议讲话", body, sections=[("一、", "抓好防汛抗旱", 1)])
    parts = [
        (_words(fold(speech.title)), lexemes.WEIGHT_TITLE),
        (_words(fold("抓好防汛抗旱")), lexemes.WEIGHT_HEADING),
        (_words(fold(speech.body)), lexemes.WEIGHT_BODY),
    ]
    vector = lexemes.words_vector(ranking.ranking_parts(parts))
    stored = dict(SearchRankTerm.objects.filter(speech_id=speech.pk).values_list("word", "score"))
    assert {"防汛", "抗旱", "群众", "乡村"} <= set(stored)
    weights = ranking.RANK_WEIGHTS
    with connection.cursor() as cursor:
        for word, score in stored.items():
            cursor.execute(
                f"SELECT ts_rank('{weights}', %s::tsvector, %s::tsquery)",
                [vector, lexemes.quote(word)],
            )
            assert score == pytest.approx(cursor.fetchone()[0], rel=1e-5), word
        query = ["防汛", "群众", "不在其中"]
        cursor.execute(
            f"SELECT ts_rank('{weights}', %s::tsvector, %s::tsquery)",
            [vector, lexemes.words_query(query)],
        )
        mean = sum(stored.get(word, 0) for word in query) / len(query)
        assert mean == pytest.approx(cursor.fetchone()[0], rel=1e-5)


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_an_archive_indexed_before_the_score_table_keeps_its_ranking_after_migrate():
    """Migration 0004 computes the stored word scores from the ranking vectors an archive
    already holds: no rebuild needed for its searches to rank as before."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from search.backends.postgres import lexemes, ranking
    from search.models import SearchRankTerm

    parts = [
        (["防汛", "抗旱", "会议"], lexemes.WEIGHT_TITLE),
        (["防汛"], lexemes.WEIGHT_HEADING),
        (["群众", "防汛", "群众", "乡村"], lexemes.WEIGHT_BODY),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate([("speech_search", "0003_chunks_rum_index")])
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO speech_search_searchdocument (speech_id, level, theme, places, "
                "speaker, role, updated, title_grams, words, rank_words) VALUES "
                "(7, '', '', '{}', '', '', 'x', '', '', %s::tsvector)",
                [lexemes.words_vector(parts)],
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("speech_search"))
    stored = dict(SearchRankTerm.objects.filter(speech_id=7).values_list("word", "score"))
    expected = ranking.word_scores(parts)
    assert stored.keys() == expected.keys() == {"防汛", "抗旱", "会议", "群众", "乡村"}
    for word, score in expected.items():
        assert stored[word] == pytest.approx(score), word
    assert stored["防汛"] > stored["抗旱"] > stored["群众"] > stored["乡村"]


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_an_archive_indexed_before_the_chunks_carried_filter_columns_filters_after_migrate():
    """Migration 0005 copies each document's filter columns onto its chunks (a search of one
    term filters on the chunks alone) and builds the chunks' RUM index again after the UPDATE:
    no rebuild needed for filtered searches to find what they found before."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from search.backends.postgres import inventory, lexemes
    from search.language.params import parse_params

    executor = MigrationExecutor(connection)
    executor.migrate([("speech_search", "0004_rank_terms")])
    try:
        with connection.cursor() as cursor:
            for speech_id, level, places in [
                (7, "county", "{110000,110100}"),
                (8, "district", "{120000}"),
            ]:
                cursor.execute(
                    "INSERT INTO speech_search_searchdocument (speech_id, level, theme, date, "
                    "places, speaker, role, updated, title_grams, words) VALUES "
                    "(%s, %s, 'nongye', '2024-05-06', %s, '5', '县长', 'x', '', '')",
                    [speech_id, level, places],
                )
                for vector in lexemes.chunk_vectors("秸秆禁烧工作会议上的讲话"):
                    cursor.execute(
                        "INSERT INTO speech_search_searchchunk (speech_id, grams) "
                        "VALUES (%s, %s::tsvector)",
                        [speech_id, vector],
                    )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes("speech_search"))
    with connection.cursor() as cursor:
        assert inventory.missing_indexes(cursor) == []

    def found(**filters) -> set[int]:
        return {hit.speech_id for hit in run_search(parse_params({"q": "禁烧", **filters})).hits}

    assert found(level="county") == {7}
    assert found(place="110100") == {7}
    assert found(place="120000", theme="nongye", role="县长", speaker="5") == {8}
    assert found(place="130000") == set()
    outcome = run_search(parse_params({"q": "禁烧", "year": "2024"}))
    assert outcome.count == 2
    assert outcome.facets["level"] == {"county": 1, "district": 1}
    assert outcome.facets["place"] == {"110000": 1, "110100": 1, "120000": 1}
    assert outcome.months == {"202405": 2}


@on_postgres
@pytest.mark.django_db
def test_check_index_finds_chunks_whose_filter_columns_differ_and_repairs_them():
    from django.db import connection

    from search.language.params import parse_params

    county = make_speech("县里的讲话", "秸秆禁烧要抓早抓实", level="county")
    make_speech("区里的讲话", "秸秆禁烧要抓早抓实", level="district")

    def in_county() -> set[int]:
        params = parse_params({"q": "禁烧", "level": "county"})
        return {hit.speech_id for hit in run_search(params).hits}

    assert in_county() == {county.pk}
    with connection.cursor() as cursor:  # a chunk row edited by hand, its document not
        cursor.execute(
            "UPDATE speech_search_searchchunk SET level = 'district' WHERE speech_id = %s",
            [county.pk],
        )
    assert in_county() == set()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_index", stdout=out)
    assert f"过期:1 篇:{county.pk}" in out.getvalue()
    call_command("check_index", "--repair", stdout=io.StringIO())
    assert in_county() == {county.pk}


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_large_archive_refreshes_its_pinyin_vocabulary_without_making_a_search_wait(
    monkeypatch,
):
    """Past INLINE_REFRESH_MAX speeches the vocabulary pass (ts_stat over every speech's
    words: ~25 s at 100,000) runs in a background thread: the search that finds the index
    changed answers from the vocabulary it has, and the next ones see the new words."""
    import time

    from search.backends.postgres import suggest
    from search.language.suggesting import pinyin

    monkeypatch.setattr(suggest, "INLINE_REFRESH_MAX", 0)
    monkeypatch.setattr(suggest, "_readings", {})
    make_speech("全县防汛工作会议讲话", "防汛抗旱要抓紧。")
    lookups = suggest.PostgresLookups()
    first = lookups.readings()  # nothing known yet: computed at once
    assert first[pinyin("防汛")][1] == "防汛"
    make_speech("全县秸秆禁烧工作会议讲话", "秸秆禁烧要抓实。")
    assert lookups.readings() is first  # the stale vocabulary, a refresh started
    for _ in range(100):  # the refresh's thread ends (its connection closed)
        if not suggest._readings["refreshing"]:
            break
        time.sleep(0.1)
    assert lookups.readings()[pinyin("禁烧")][1] == "禁烧"
