"""What two speeches have in common, for "related speeches", whatever engine found them:
subject words (not generic 公文 words, not numbers), meeting likeness, shared words, and the
rescoring of an engine's best text matches with theme and meeting."""

from __future__ import annotations

from archive.ingest.generic import is_generic
from search.language.normalize import fold
from search.language.words import jieba_words

KEY_TERMS = 24
EXPLAIN_TERMS = 40  # words looked for in a candidate to explain the match
SHOWN_KEYWORDS = 5
# Best text matches rescored with theme and meeting (and as many again of this theme).
CANDIDATES = 20
# Added to the text score (the best match scores 1): a speech of the same theme outranks an
# off-theme one that matches the words up to THEME_WEIGHT better.
THEME_WEIGHT = 0.5
MEETING_WEIGHT = 0.4  # times the share of subject words the two meetings' names have in common
MIN_SHARED = 2
# A word found in more than this share of the archive's speeches is common here, whatever
# its topic (once the archive has COMMON_MIN_SPEECHES speeches to judge by).
COMMON_SHARE = 0.5
COMMON_MIN_SPEECHES = 20


def is_subject(term: str) -> bool:
    # Numbers (400, 2023) are not what two speeches are about either.
    return len(term) > 1 and not term.isdigit() and not is_generic(term)


def is_common(found_in: int, speeches: int) -> bool:
    return speeches >= COMMON_MIN_SPEECHES and found_in > speeches * COMMON_SHARE


def _meeting_words(meeting: str) -> set[str]:
    return {word for word in jieba_words(meeting) if is_subject(word)}


def meeting_likeness(one: str, other: str) -> float:
    """1 for the same meeting, else the share of subject words the two names have in common
    (全县作风建设推进会 and 全区作风建设大会: 作风)."""
    if not one or not other:
        return 0.0
    if fold(one) == fold(other):
        return 1.0
    mine, theirs = _meeting_words(one), _meeting_words(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine | theirs)


def shared_words(terms: list[str], mine: set[str], other) -> list[str]:
    """The subject words both speeches use: keywords of both first, then keywords of either,
    then the other distinctive words; a word inside another shared one (农田 in 农田水利) is
    left out."""
    text = fold(f"{other.title}\n{other.body}")
    theirs = {fold(k) for k in other.keywords}
    shared = [term for term in terms if term in text]
    shared.sort(key=lambda term: (term not in mine) + (term not in theirs))  # stable
    return [t for t in shared if not any(t in o and t != o for o in shared)]


def rescore(speech, terms: list[str], text_scores: dict, candidates: dict, limit: int) -> list:
    """The ``limit`` best of ``candidates`` (pk → Speech, with ``text_scores`` pk → score),
    rescored with theme and meeting, each with the shared words that explain it."""
    best_text = max(text_scores.values(), default=1.0) or 1.0
    mine = {fold(k) for k in speech.keywords}
    scored = []
    for pk, other in candidates.items():
        if pk == speech.pk:
            continue
        shared = shared_words(terms, mine, other)
        same_theme = bool(speech.theme_id) and other.theme_id == speech.theme_id
        meeting = meeting_likeness(speech.meeting, other.meeting)
        if len(shared) < MIN_SHARED and not same_theme and not meeting:
            continue
        score = text_scores[pk] / best_text + THEME_WEIGHT * same_theme + MEETING_WEIGHT * meeting
        scored.append((score, -pk, other, shared[:SHOWN_KEYWORDS]))
    scored.sort(key=lambda row: row[:2], reverse=True)
    return [(other, shared) for _score, _pk, other, shared in scored[:limit]]
