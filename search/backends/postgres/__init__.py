"""The PostgreSQL backend (SEARCH_BACKEND=postgres): the index is three tables of the
archive's own database (``search.models.SearchDocument``, ``SearchChunk``,
``SearchRankTerm``), written in the transaction that changes a speech and readable from
replicas.

``backend.PostgresBackend`` is the door's implementation; below it ``lexemes`` (folded
character grams and words → tsvector / tsquery literals, built by the application since
PostgreSQL's parsers drop CJK under C.UTF-8), ``matching`` (parsed terms → SQL),
``filters`` (keyword and date filters, facets: one table entry per keyword filter),
``ranking`` (each word's relevance score per speech, stored at indexing),
``engine`` (a search in one statement), ``documents`` (rows of a speech, sync, rebuild),
``inventory``, ``suggest``, ``related``, ``db`` (which connection reads and writes).
"""
