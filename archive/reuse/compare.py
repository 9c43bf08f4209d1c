"""Two speeches side by side: their paragraphs aligned, character differences marked.

Works on the two bodies alone (not the stored index), so any two speeches can be compared:
paragraphs long enough for the index are paired by the same rules (shared band key, then
coverage ≥ MATCH_SHARE), shorter ones (headings) when their normalised text is equal; each
paragraph of A takes its best unclaimed partner in B. The rows follow A's order, B's unpaired
paragraphs are slotted in where they stand in B.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from archive.ingest.reuse import band_keys, minhash_signature, normalize_paragraph, score_pair
from archive.ingest.reuse.align import diff_opcodes
from archive.ingest.reuse.normalize import MIN_PARAGRAPH_CHARS
from search.language.normalize import fold


@dataclass
class Row:
    left_number: int | None
    left_html: SafeString
    right_number: int | None
    right_html: SafeString
    share: float | None = None  # share of the left paragraph found in the right one

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def anchor(self) -> str:
        return f"p{self.left_number}" if self.left_number else f"b{self.right_number}"


def _pairs(left: list[str], right: list[str]) -> dict[int, tuple[int, float]]:
    """Left index → (right index, share of left found in right)."""
    normal_left = [normalize_paragraph(p) for p in left]
    normal_right = [normalize_paragraph(p) for p in right]
    by_key: dict[int, set[int]] = {}
    for j, normal in enumerate(normal_right):
        if len(normal) >= MIN_PARAGRAPH_CHARS:
            for key in band_keys(minhash_signature(normal)):
                by_key.setdefault(key, set()).add(j)
    scored = []
    for i, normal in enumerate(normal_left):
        if len(normal) >= MIN_PARAGRAPH_CHARS:
            keys = band_keys(minhash_signature(normal))
            for j in set().union(*(by_key.get(k, set()) for k in keys)):
                score = score_pair(normal, normal_right[j])
                if score.is_reuse:
                    scored.append((score.share, i, j, score.share_a))
        elif normal:
            same = [j for j, other in enumerate(normal_right) if other == normal]
            scored.extend((1.0, i, j, 1.0) for j in same)
    paired: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for _best, i, j, share in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in paired and j not in taken:
            paired[i] = (j, share)
            taken.add(j)
    return paired


def _folded(text: str) -> str:
    folded = fold(text)
    return folded if len(folded) == len(text) else text  # offsets must stay those of the text


def diff_html(left: str, right: str) -> tuple[SafeString, SafeString]:
    """Both paragraphs, escaped, with <del> on what the left has that the right changed or
    dropped, <ins> on what the right changed or added (compared script-folded)."""
    left_parts: list[str] = []
    right_parts: list[str] = []
    for tag, a0, a1, b0, b1 in diff_opcodes(_folded(left), _folded(right)):
        if tag == "equal":
            left_parts.append(escape(left[a0:a1]))
            right_parts.append(escape(right[b0:b1]))
            continue
        if a1 > a0:
            left_parts.append(format_html('<del class="diff-del">{}</del>', left[a0:a1]))
        if b1 > b0:
            right_parts.append(format_html('<ins class="diff-ins">{}</ins>', right[b0:b1]))
    # Every piece above is escaped or built by format_html.
    return mark_safe("".join(left_parts)), mark_safe("".join(right_parts))  # noqa: S308


def aligned_rows(left_body: str, right_body: str) -> list[Row]:
    left, right = left_body.split("\n"), right_body.split("\n")
    paired = _pairs(left, right)
    pending_right = 0
    claimed = {j for j, _share in paired.values()}
    rows: list[Row] = []

    def flush_right(upto: int) -> None:
        nonlocal pending_right
        for j in range(pending_right, upto):
            if j not in claimed and right[j].strip():
                rows.append(Row(None, mark_safe(""), j + 1, escape(right[j])))
        pending_right = max(pending_right, upto)

    for i, text in enumerate(left):
        if i in paired:
            j, share = paired[i]
            flush_right(j)
            left_html, right_html = diff_html(text, right[j])
            rows.append(Row(i + 1, left_html, j + 1, right_html, share))
        elif text.strip():
            rows.append(Row(i + 1, escape(text), None, mark_safe(""), 0.0))
    flush_right(len(right))
    return rows


def shared_share(rows: list[Row], left_body: str) -> float:
    """Share of the left speech's characters in paragraphs found in the right one."""
    total = sum(len(p) for p in left_body.split("\n"))
    lengths = {i + 1: len(p) for i, p in enumerate(left_body.split("\n"))}
    found = sum(lengths[r.left_number] * (r.share or 0) for r in rows if r.left_number)
    return found / total if total else 0.0
