"""Bytes to text: find the encoding of a plain-text file and refuse to guess wrong.

Strict decoders are tried first (BOMs, UTF-8); for legacy Chinese encodings several candidates
(charset-normalizer's guess, GB18030, Big5, UTF-16) are decoded strictly and the one that reads
most like Chinese wins. "Reads like Chinese" means: adjacent ideographs form known words (from
jieba's dictionary, after t2s) far more often than they would in a mis-decoded text.
"""

from __future__ import annotations

import codecs
import functools
import os

from archive.ingest.chars import CJK_RE, cjk_count
from archive.ingest.script import to_simplified
from archive.ingest.types import IngestError

ERROR_UNDECODABLE = "无法识别文件编码(不是 UTF-8、UTF-16、GB18030/GBK 或 Big5 文本)"
ERROR_BINARY = "文件不是文本(含有二进制数据)"

# Share of ideograph bigrams that must be dictionary words for a legacy decoding to count as
# Chinese. Real speeches score 0.35-0.6; GBK read as Big5 (or the reverse) scores below 0.08.
MIN_WORD_RATIO = 0.18
# Replacement characters tolerated in a damaged file, per 1,000 ideographs (one broken
# byte costs up to three). Legacy encodings read as UTF-8 break on most ideographs.
MAX_BROKEN_PER_MILLE = 20
# Control characters (other than tab/newline/form feed) allowed per 1,000 characters.
MAX_CONTROL_PER_MILLE = 2


@functools.lru_cache(maxsize=1)
def _word_bigrams() -> frozenset[str]:
    import jieba  # local import: only legacy encodings need the dictionary

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    words = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" ", 1)[0]
            if len(word) >= 2:
                for i in range(len(word) - 1):
                    words.add(word[i : i + 2])
    return frozenset(words)


def word_ratio(text: str) -> float:
    """Share of adjacent ideograph pairs that occur inside some dictionary word."""
    simplified = to_simplified(text[:20000])
    known = _word_bigrams()
    pairs = hits = 0
    for a, b in zip(simplified, simplified[1:], strict=False):
        if CJK_RE.match(a) and CJK_RE.match(b):
            pairs += 1
            hits += (a + b) in known
    return hits / pairs if pairs else 0.0


def _control_ok(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls * 1000 <= max(len(text), 1) * MAX_CONTROL_PER_MILLE


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has NULs in every other byte; Chinese UTF-16 rarely has NULs at all,
    # so that case is left to the candidate scoring below.
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Returns (text, encoding name). Raises IngestError when no encoding reads right."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise IngestError(f"{ERROR_UNDECODABLE}:带 {name} 标记但内容无法解码") from exc
            return _checked(text), name
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16)), utf16
        except UnicodeDecodeError:
            pass  # not UTF-16 after all; fall through to the other candidates
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text), "utf-8"
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    return _checked_legacy(data)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a damaged download) decodes with U+FFFD in their place,
    which the cleaner reports; a legacy encoding read as UTF-8 breaks on nearly every character
    instead, so it never passes this test."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    ideographs = cjk_count(text)
    if ideographs >= 20 and broken * 1000 <= ideographs * MAX_BROKEN_PER_MILLE:
        return _checked(text)
    return None


def _candidates(data: bytes) -> list[str]:
    names = ["gb18030", "big5hkscs", "utf-16-le", "utf-16-be"]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
    except (ImportError, ValueError):
        best = None
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        names.insert(0, best.encoding)
    return names


def _checked_legacy(data: bytes) -> tuple[str, str]:
    scored = []
    for name in _candidates(data):
        try:
            text = data.decode(name, errors="replace")
        except LookupError:
            continue
        ideographs = cjk_count(text)
        broken = text.count("\ufffd")
        # A few broken bytes are damage (reported by the cleaner); many mean a wrong guess.
        if broken * 1000 > ideographs * MAX_BROKEN_PER_MILLE:
            continue
        if not _control_ok(text) or ideographs < 2:
            continue
        scored.append((word_ratio(text), -broken, name, text))
    best = max(scored, key=lambda item: item[:2]) if scored else None
    if best is None or best[0] < MIN_WORD_RATIO:
        if b"\x00" in data[:4000]:
            raise IngestError(ERROR_BINARY)
        raise IngestError(ERROR_UNDECODABLE)
    _ratio, _broken, name, text = best
    return text, _canonical(name)


def _canonical(name: str) -> str:
    name = codecs.lookup(name).name
    # GB2312 and GBK are subsets of GB18030: report the decoder actually used.
    return {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}.get(name, name)


def _checked(text: str) -> str:
    if not _control_ok(text):
        raise IngestError(ERROR_BINARY)
    return text
