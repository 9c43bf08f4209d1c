"""Issue 4's promise: the result set of any 1–12 character term equals a brute-force scan."""

from __future__ import annotations

import random

import opencc
import pytest

from search.language.normalize import fold
from tests.search.conftest import make_speech, matching_ids

S2T = opencc.OpenCC("s2t")
T2S = opencc.OpenCC("t2s")
FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
SYNTHETIC = [
    ("群众工作会议讲话", "要做好群众工作。\n依靠群众,为民服务。"),
    ("作风建设大会讲话", "作风建设永远在路上。\n工作作风要扎实,建设好队伍。"),
    ("县委全会讲话", "发展经济,改善民生。\n群众 工作 都要抓。"),
]


def _variants(corpus_files):
    texts = []
    for path in corpus_files:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        title, body = lines[0], "\n".join(lines[1:])
        texts.append((title, body))
        texts.append((T2S.convert(title), T2S.convert(body)))
        texts.append((S2T.convert(title), S2T.convert(body[: len(body) // 2])))
        texts.append((title, body[len(body) // 3 :].translate(FULLWIDTH)))
    texts.extend(SYNTHETIC)
    return texts


def _brute_force(speeches, query: str) -> set[int]:
    terms = ["".join(fold(term).split()) for term in query.split()]
    return {pk for pk, folded in speeches.items() if all(term in folded for term in terms if term)}


def _random_queries(texts, rng: random.Random, count: int) -> list[str]:
    queries = []
    while len(queries) < count:
        title, body = rng.choice(texts)
        line = rng.choice([title, *body.split("\n")])
        size = rng.randint(1, 12)
        if len(line) < size:
            continue
        start = rng.randrange(len(line) - size + 1)
        term = line[start : start + size]
        roll = rng.random()
        if roll < 0.25:
            term = S2T.convert(term)
        elif roll < 0.5:
            term = T2S.convert(term)
        elif roll < 0.6:
            # A near miss: one character replaced by another from the archive.
            pos = rng.randrange(len(term))
            term = term[:pos] + rng.choice(body) + term[pos + 1 :]
        if any(ch.isspace() for ch in term) or term.startswith("-") or '"' in term:
            continue
        if term == "OR" or term.startswith("title:"):
            continue
        queries.append(term)
    return queries


@pytest.mark.django_db
def test_random_substrings_match_brute_force_exactly(corpus_files):
    texts = _variants(corpus_files)
    speeches = {
        make_speech(title, body, index=False).pk: fold(f"{title}\n{body}") for title, body in texts
    }
    from search.upkeep.queue import schedule_index

    schedule_index(speeches)
    rng = random.Random(20240404)
    queries = _random_queries(texts, rng, 500)
    queries += ["众工", "作风建", "群众 工作", "群眾工作", "風建設", "工作作风", "2022-02"]
    mismatches = {}
    hits = 0
    for query in queries:
        expected = _brute_force(speeches, query)
        found = matching_ids(query)
        hits += bool(expected)
        if found != expected:
            mismatches[query] = (sorted(found - expected), sorted(expected - found))
    assert not mismatches
    # The random queries must exercise both outcomes, or the test proves little.
    assert 200 < hits < len(queries)


@pytest.mark.django_db
def test_cross_word_strings_are_found_and_scattered_words_are_not():
    together = make_speech("甲", "我们要做好群众工作。")
    apart = make_speech("乙", "群众的事情,工作要做细。")
    assert matching_ids("众工") == {together.pk}
    assert matching_ids("群众工作") == {together.pk}
    assert matching_ids("群眾工作") == {together.pk}
    assert matching_ids("群众 工作") == {together.pk, apart.pk}
