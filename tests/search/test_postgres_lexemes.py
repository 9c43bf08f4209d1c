"""The PostgreSQL backend's lexemes (search/backends/postgres/lexemes.py), on plain strings:
chunks respect tsvector's limits and overlap, so every term lies whole in some chunk."""

from __future__ import annotations

import random

from search.backends.postgres.lexemes import (
    MAX_POSITIONS_PER_LEXEME,
    OVERLAP,
    chunk_spans,
    chunk_vectors,
    grams_vector,
    quote,
    term_query,
    words_vector,
)
from search.language.words import char_grams_at


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


def _reference_vectors(folded: str) -> list[dict[str, list[int]]]:
    """Each chunk's grams and positions, straight from ``char_grams_at``: what the vectorised
    literals must hold."""
    grams_at = char_grams_at(folded)
    vectors = []
    for start, end in chunk_spans(folded):
        grams: dict[str, list[int]] = {}
        for index in range(start, end):
            for gram in grams_at[index]:
                if index + len(gram) <= end:
                    grams.setdefault(gram, []).append(index - start + 1)
        vectors.append(grams)
    return vectors


def _parsed(literal: str) -> dict[str, list[int]]:
    """A literal of quoted grams and positions back into a dictionary (no spaces in grams)."""
    parsed = {}
    for token in literal.split(" ") if literal else []:
        gram, _, places = token.rpartition(":")
        assert gram[0] == gram[-1] == "'"
        parsed[gram[1:-1].replace("''", "'").replace("\\\\", "\\")] = list(
            map(int, places.split(","))
        )
    return parsed


def test_literals_hold_every_gram_of_every_chunk_at_its_positions():
    rng = random.Random(11)
    texts = [
        "",
        "群众",
        "it's a \\ test 党务工作",
        "同志们:今天召开全县工作会议。\n" * 40,
        "".join(rng.choice("的一是，在。不了'\\ \n党务工作") for _ in range(40_000)),
    ]
    for text in texts:
        assert [_parsed(v) for v in chunk_vectors(text)] == _reference_vectors(text)


def test_ranking_words_keep_weights_positions_and_the_first_occurrences():
    body = ["工作"] * (MAX_POSITIONS_PER_LEXEME + 10) + ["群众", "it's"]
    literal = words_vector([(["党建"], "A"), (["工作"], "B"), (body, "D")])
    parsed = {}
    for token in literal.split(" "):
        word, _, places = token.rpartition(":")
        parsed[word] = places.split(",")
    assert parsed["'党建'"] == ["1A"]
    assert parsed["'工作'"][:3] == ["2B", "3D", "4D"]
    assert len(parsed["'工作'"]) == MAX_POSITIONS_PER_LEXEME
    last = 2 + len(body)  # positions run on across the parts
    assert parsed["'群众'"] == [f"{last - 1}D"] and parsed["'it''s'"] == [f"{last}D"]
