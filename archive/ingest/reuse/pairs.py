"""All candidate pairs of a whole collection at once, from its band-key matrix (rebuilds and the
benchmark): per band, paragraphs with the same key are sorted next to each other and every
pair inside a group is a candidate. One band at a time keeps memory to one column.

A group larger than ``MAX_GROUP`` (a formula repeated in hundreds of speeches) contributes only
pairs with its first ``MAX_GROUP`` members in every other band as well; without a cap one
boilerplate sentence would make the work quadratic.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

MAX_GROUP = 400


def candidate_pairs(
    keys: np.ndarray, owners: np.ndarray | None = None
) -> Iterator[tuple[int, int]]:
    """Distinct (i, j), i < j, row numbers of ``keys`` (paragraphs × bands) sharing a band key;
    with ``owners`` (one id per row, e.g. the speech) pairs inside one owner are skipped."""
    seen: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            members = sorted(order[start : min(end, start + MAX_GROUP)].tolist())
            for x, first in enumerate(members):
                for second in members[x + 1 :]:
                    if owners is not None and owners[first] == owners[second]:
                        continue
                    if (first, second) not in seen:
                        seen.add((first, second))
                        yield first, second
