"""The PostgreSQL backend's lexemes (search/backends/postgres/lexemes.py), on plain strings:
chunks respect tsvector's limits and overlap, so every term lies whole in some chunk."""

from __future__ import annotations

import random

from search.backends.postgres.lexemes import (
    MAX_POSITIONS_PER_LEXEME,
    OVERLAP,
    chunk_spans,
    grams_vector,
    quote,
    term_query,
)


def test_terms_become_grams_or_phrases_of_overlapping_pairs():
    assert term_query("党") == "'党'"
    assert term_query("党务") == "'党务'"
    assert term_query("党务工作") == "'党务' <-> '务工' <-> '工作'"
    assert quote("it's\\") == "'it''s\\\\'"


def test_grams_carry_positions_and_skip_whitespace():
    assert sorted(grams_vector("群众 工群").split()) == sorted(
        ["'群':1,5", "'群众':1", "'众':2", "'工':4", "'工群':4"]
    )


def test_every_short_substring_lies_whole_in_one_chunk():
    rng = random.Random(5)
    text = "".join(rng.choice("的一是，在。不了") for _ in range(5_000))
    spans = chunk_spans(text)
    assert len(spans) >= 3
    for start in range(0, len(text) - OVERLAP, 97):
        end = start + OVERLAP + 1
        assert any(s <= start and end <= e for s, e in spans), (start, spans)


def test_long_repetitive_text_is_cut_into_overlapping_chunks_within_the_limits():
    rng = random.Random(3)
    text = "".join(rng.choice("的一是在不了有和人这中大为上个国") for _ in range(20_000))
    spans = list(chunk_spans(text))
    assert len(spans) > 5 and spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_start, end), (next_start, _next_end) in zip(spans, spans[1:], strict=False):
        assert next_start == end - OVERLAP  # every OVERLAP + 1 characters lie in one chunk
    for start, end in spans:
        chunk = text[start:end]
        assert max(chunk.count(ch) for ch in set(chunk)) <= MAX_POSITIONS_PER_LEXEME


def test_ordinary_speech_is_one_chunk():
    text = "同志们:今天召开全县工作会议。" * 30
    assert list(chunk_spans(text)) == [(0, len(text))]
