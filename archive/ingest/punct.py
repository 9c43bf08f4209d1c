"""Width normalization: one consistent form for every character that has two.

* full-width letters and digits → ASCII (`２０２３` → `2023`);
* ASCII punctuation touching Chinese text → the full-width sign Chinese prose uses
  (`,` → `，`, `:` → `：`, `(一)` → `（一）`), ASCII quotes → “ ” when they pair up;
* 〝〞 (Word's quotes after a GBK round trip) → “ ”.
Between Latin words and numbers ASCII punctuation stays (`3.5`, `GDP, CPI`).
"""

from __future__ import annotations

import re

from archive.ingest.chars import is_wide

_FULLWIDTH_ALNUM = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
}
_SIMPLE = str.maketrans({**_FULLWIDTH_ALNUM, "〝": "“", "〞": "”", "\u3000": " "})

_TO_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT_RE = re.compile(r"[,:;?!]")
_PAREN_RE = re.compile(r"\(([^()\n]{1,40})\)")


def _wide_neighbour(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before and is_wide(before):
        return True
    # "GDP:全县…" gets a wide colon; "3:2" and "a, b" stay.
    return bool(after and is_wide(after)) and not (before and before.isdigit() and after.isdigit())


def normalize_width(paragraph: str) -> str:
    text = paragraph.translate(_SIMPLE)
    # A converted sign makes its ASCII neighbour touch a wide sign too ("::、"): repeat until
    # nothing changes, so normalizing twice gives the same text as once.
    while True:
        chars = list(text)
        for m in _ASCII_PUNCT_RE.finditer(text):
            i = m.start()
            if _wide_neighbour(text, i):
                chars[i] = _TO_WIDE[text[i]]
        converted = "".join(chars)
        if converted == text:
            break
        text = converted
    text = _PAREN_RE.sub(_wide_parens, text)
    return _pair_quotes(text)


def _wide_parens(m: re.Match) -> str:
    inner = m[1]
    if any(is_wide(ch) for ch in inner):
        return f"（{inner}）"
    start, end = m.start(), m.end()
    text = m.string
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    # "(1)" opening a paragraph or sitting between Chinese words is a Chinese label.
    if inner.isdigit() and (not before or is_wide(before)) and (not after or is_wide(after)):
        return f"（{inner}）"
    return m[0]


def _pair_quotes(text: str) -> str:
    if '"' not in text or text.count('"') % 2:
        return text
    parts = text.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:]):
        quote = "“" if i % 2 == 0 else "”"
        # Only pair quotes around Chinese text: `"四下基层"`; leave code-like ASCII alone.
        out.append(quote + part)
    joined = "".join(out)
    inner_wide = any(is_wide(ch) for ch in "".join(parts[1::2]))
    return joined if inner_wide else text
