"""Duplicate keys of a cleaned body.

* ``exact_fingerprint``: sha256 hex of the body with all whitespace removed and widths folded
  (NFKC, so `，` and `,` count the same, quotes unified), so the same speech from txt, docx, pdf
  or html gives the same key whatever the line breaks.
* ``simhash``: 64-bit SimHash over overlapping 4-character shingles of the same normalized text,
  with ×× / *** / xx placeholders folded to one symbol. ``hamming`` counts differing bits.
  NEAR_DUPLICATE_DISTANCE = 10. Measured on the four corpus speeches: names replaced by ×× or
  *** 1–4 bits, one paragraph dropped 1–6, the other script 0, half the speech cut 15–20,
  two different speeches 25–40.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from archive.ingest.script import to_simplified

NEAR_DUPLICATE_DISTANCE = 10
SHINGLE = 4

_WHITESPACE_RE = re.compile(r"\s+")
_PLACEHOLDER_RE = re.compile(r"[×xX*＊]{2,}|某某|[甲乙丙丁]某")
_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "〝": '"', "〞": '"', "「": '"', "」": '"'}
)


def normalize_for_fingerprint(body: str) -> str:
    text = unicodedata.normalize("NFKC", body).translate(_QUOTES)
    return _WHITESPACE_RE.sub("", text)


def exact_fingerprint(body: str) -> str:
    return hashlib.sha256(normalize_for_fingerprint(body).encode("utf-8")).hexdigest()


def _simhash_text(body: str) -> str:
    # Script-neutral too: the same speech in 繁 and 简 is a near duplicate.
    text = to_simplified(normalize_for_fingerprint(body))
    text = _PLACEHOLDER_RE.sub("※", text)
    return re.sub(r"[^\w※]", "", text)


def simhash(body: str) -> int:
    text = _simhash_text(body)
    if not text:
        return 0
    counts = [0] * 64
    shingles = {text[i : i + SHINGLE] for i in range(max(len(text) - SHINGLE + 1, 1))}
    for shingle in shingles:
        value = int.from_bytes(
            hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big"
        )
        for bit in range(64):
            counts[bit] += 1 if value >> bit & 1 else -1
    result = 0
    for bit in range(64):
        if counts[bit] > 0:
            result |= 1 << bit
    return result


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & (2**64 - 1)).bit_count()
