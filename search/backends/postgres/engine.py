"""Running a search on the PostgreSQL index: match, filter, count facets, rank, page, in one
statement per search (the matching set is computed once, as a materialized CTE, then counted
per facet and per day, and ranked for the one page shown)."""

from __future__ import annotations

from collections import Counter

from search.backends import Hit, SearchOutcome
from search.backends.postgres import filters
from search.backends.postgres.db import read_cursor, search_cursor
from search.backends.postgres.matching import Sql, chunk_match, match_condition, ranking
from search.language.params import SearchParams
from search.language.query import ParsedQuery, parse_query

PAGE_SIZE = 20
DOCUMENTS = "speech_search_searchdocument"
CHUNKS = "speech_search_searchchunk"


def _matching(params: SearchParams, parsed: ParsedQuery) -> Sql:
    """SELECT of the matching speeches, one row each, with their filter columns, filters
    applied: from the chunks that hold the terms when one group's chunks say it all
    (``chunk_match``), else from the documents."""
    in_chunks = chunk_match(parsed)
    if in_chunks is not None:
        conditions, values = filters.where(params, "c")
        where = " AND ".join([in_chunks.text, *conditions])
        columns = ", ".join(f"c.{column}" for column in ["speech_id", *filters.columns()])
        # A speech's chunks carry the same copies: any one of its matching chunks is its row.
        # DISTINCT ON the id sorts the matching chunks by it (a third cheaper than hashing all
        # seven columns, the array among them; no lookup per speech either way).
        return Sql(
            f"SELECT DISTINCT ON (c.speech_id) {columns} FROM {CHUNKS} c WHERE {where}",
            in_chunks.params + values,
        )
    match = match_condition(parsed)
    conditions, values = filters.where(params)
    where = " AND ".join([match.text, *conditions])
    columns = ", ".join(f"d.{column}" for column in ["speech_id", *filters.columns()])
    return Sql(f"SELECT {columns} FROM {DOCUMENTS} d WHERE {where}", match.params + values)


def _order(params: SearchParams) -> str:
    if params.sort == "oldest":
        return "ORDER BY m.date ASC NULLS LAST, m.speech_id"
    return "ORDER BY m.date DESC NULLS LAST, m.speech_id"


def _hits(params: SearchParams, parsed: ParsedQuery, per_page: int) -> Sql:
    """The CTE ``hits``: the page's speeches of ``m`` with their scores, in order."""
    window = f"LIMIT {per_page} OFFSET (SELECT (number - 1) * {per_page} FROM page)"
    if params.sort != "relevance" or parsed.is_empty:
        return Sql(
            f"SELECT m.speech_id, NULL::float8 AS score FROM m {_order(params)} {window}",
            [],
        )
    # One aggregate over the matching set and the scored rows, rather than joins: the planner
    # cannot estimate how many speeches a phrase matches (it guesses 1) and then loops over
    # the scored rows once per matching speech. Equal scores: the newer first, then the lower
    # id, so pages continue each other exactly (scores rounded to 4 places, so that sums
    # added in another order are equal).
    scored = ranking(parsed)
    return Sql(
        f"""SELECT u.speech_id, round(sum(u.part) * 10000) / 10000 AS score,
                max(u.date) AS date
            FROM (
                SELECT m.speech_id, 0::float8 AS part, m.date, TRUE AS matched FROM m
                UNION ALL
                SELECT s.speech_id, s.part, NULL, FALSE FROM ({scored.text}) AS s(speech_id, part)
            ) AS u
            GROUP BY u.speech_id HAVING bool_or(u.matched)
            ORDER BY score DESC, date DESC NULLS LAST, u.speech_id
            {window}""",
        scored.params,
    )


def run_search(
    params: SearchParams, parsed: ParsedQuery | None = None, *, per_page: int | None = None
) -> SearchOutcome:
    per_page = int(per_page or PAGE_SIZE)  # an int: it is written into the SQL
    parsed = parsed if parsed is not None else parse_query(params.q)
    matching = _matching(params, parsed)
    hits = _hits(params, parsed, per_page)
    sql = f"""
        WITH m AS MATERIALIZED ({matching.text}),
        total AS (SELECT count(*) AS n FROM m),
        page AS (
            SELECT LEAST(GREATEST(%s, 1), GREATEST(1, (SELECT (n + {per_page - 1}) / {per_page}
                FROM total))) AS number
        ),
        hits AS ({hits.text})
        SELECT 'total', NULL, NULL::text[], (SELECT n FROM total), (SELECT number FROM page),
            NULL::float8
        UNION ALL SELECT f.kind, f.value, f.values, f.n, NULL, NULL
            FROM ({filters.facet_counts()}) AS f(kind, value, values, n)
        UNION ALL SELECT 'hit', NULL, NULL, NULL, speech_id, score FROM hits
    """
    values = [*matching.params, params.page, *hits.params]
    facets: dict[str, Counter] = {name: Counter() for name in filters.facet_names()}
    facets["year"] = Counter()
    months: Counter = Counter()
    hits: list[Hit] = []
    total = page = 0
    with _cursor(parsed) as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    for kind, value, values, count, number, hit_score in rows:
        if kind == "total":
            total, page = count, number
        elif kind == "hit":
            hits.append(Hit(speech_id=number, score=hit_score))
        elif kind == "month":
            if value:  # not the undated speeches: they are in no year
                months[value] = count
                facets["year"][value[:4]] += count
        elif values is not None:
            filters.add_counts(facets[kind], values, count)
        elif value:
            facets[kind][value] = count
    return SearchOutcome(
        count=total,
        page=page,
        pages=max(1, -(-total // per_page)),
        hits=hits,
        facets={name: _sorted(counts) for name, counts in facets.items()},
        months=months,
    )


def _sorted(counts: Counter) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _cursor(parsed: ParsedQuery):
    """Bitmap scans only when chunks are matched (db.search_cursor says why); a browse with
    no query reads the documents table the planner's own way."""
    return read_cursor() if parsed.is_empty else search_cursor()


def count_matches(params: SearchParams, parsed: ParsedQuery, *, without: str = "") -> int:
    matching = _matching(filters.without(params, without), parsed)
    with _cursor(parsed) as cursor:
        cursor.execute(f"SELECT count(*) FROM ({matching.text}) m", matching.params)
        return cursor.fetchone()[0]


def matching_ids(q_text: str) -> set[int]:
    parsed = parse_query(q_text)
    matching = _matching(SearchParams(), parsed)
    with _cursor(parsed) as cursor:
        cursor.execute(f"SELECT speech_id FROM ({matching.text}) m", matching.params)
        return {row[0] for row in cursor.fetchall()}
