"""The two baselines the reuse index is measured against, run on the same paragraphs.

* SimHash per paragraph: the archive's whole-speech near-duplicate rule
  (``archive.ingest.fingerprint``: script-folded text, 4-character shingles, 64 bits, match at
  Hamming distance ≤ NEAR_DUPLICATE_DISTANCE) applied to each paragraph; vectorised here with
  numpy so it runs at 10,000 speeches (same shingles, a different 64-bit shingle hash).
* Exact shingles: the paragraph as written (whitespace removed, no script or place folding),
  8-character shingles; a match when half the query's shingles occur in one other paragraph.
"""

from __future__ import annotations

import numpy as np

from archive.ingest.fingerprint import NEAR_DUPLICATE_DISTANCE, _simhash_text
from archive.ingest.reuse.signature import _mix64

EXACT_SHINGLE = 8
EXACT_CONTAINMENT = 0.5
_BITS = np.uint64(1) << np.arange(64, dtype=np.uint64)


def _packed_hashes(text: str, size: int) -> np.ndarray:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < size:
        return np.zeros(0, dtype=np.uint64)
    packed = np.zeros(len(codes) - size + 1, dtype=np.uint64)
    for offset in range(size):
        packed = packed * np.uint64(1_000_003) + codes[offset : offset + len(packed)]
    return np.unique(_mix64(packed))


def simhash64(text: str) -> np.uint64:
    hashes = _packed_hashes(_simhash_text(text), 4)
    if not len(hashes):
        return np.uint64(0)
    ones = ((hashes[:, None] & _BITS) != 0).sum(axis=0)
    return np.uint64(int(((ones * 2 > len(hashes)) * _BITS).sum()))


class SimHashBaseline:
    name = "SimHash 每段"

    def __init__(self, texts: list[str]):
        self.values = np.array([simhash64(t) for t in texts], dtype=np.uint64)

    def matches(self, row: int) -> set[int]:
        distance = np.bitwise_count(self.values ^ self.values[row])
        return set(np.flatnonzero(distance <= NEAR_DUPLICATE_DISTANCE).tolist()) - {row}


class ExactShingleBaseline:
    name = "精确片段"

    def __init__(self, texts: list[str]):
        per_row = [_packed_hashes("".join(t.split()), EXACT_SHINGLE) for t in texts]
        self.per_row = per_row
        owners = np.repeat(np.arange(len(texts)), [len(h) for h in per_row])
        hashes = np.concatenate(per_row) if per_row else np.zeros(0, dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        self.hashes, self.owners = hashes[order], owners[order]

    def matches(self, row: int) -> set[int]:
        query = self.per_row[row]
        if not len(query):
            return set()
        left = np.searchsorted(self.hashes, query, side="left")
        right = np.searchsorted(self.hashes, query, side="right")
        found = np.concatenate([self.owners[a:b] for a, b in zip(left, right, strict=True)])
        counts = np.bincount(found)
        hits = np.flatnonzero(counts >= EXACT_CONTAINMENT * len(query))
        return set(hits.tolist()) - {row}
