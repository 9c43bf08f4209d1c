"""Word's automatic numbering: python-docx returns a paragraph's text without the label Word
prints in front of it ("一、", "（一）", "1."), so headings numbered by a list style would lose
their numbers and the outline would be empty. This module renders those labels from the
document's numbering definitions (w:numPr on the paragraph or its style, w:lvlText, w:numFmt).
Bullets get no label."""

from __future__ import annotations

from docx.oxml.ns import qn

_CN = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 23 → 二十三 (as Chinese documents number headings)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")
    return str(n)


def _format(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero", "decimalFullWidth", "decimalHalfWidth"):
        return str(n)
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "chineseLegalSimplified",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_numeral(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    return None  # bullets and anything exotic: no label


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class NumberingLabels:
    """Call ``label(paragraph)`` for each body paragraph in order."""

    def __init__(self, document) -> None:
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        self._abstract_of: dict[str, str] = {}
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        if numbering is None:
            return
        for num in numbering.findall(qn("w:num")):
            abstract = _val(num, "w:abstractNumId")
            if abstract is not None:
                self._abstract_of[num.get(qn("w:numId"))] = abstract
        for abstract in numbering.findall(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText") or ""
                start = int(_val(lvl, "w:start") or "1")
                self._levels[(abstract_id, ilvl)] = (fmt, text, start)

    def _num_pr(self, paragraph):
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            num_id = _val(ppr.numPr, "w:numId")
            ilvl = int(_val(ppr.numPr, "w:ilvl") or "0")
            return num_id, ilvl
        style = paragraph.style
        while style is not None:
            style_ppr = style.element.pPr
            if style_ppr is not None and style_ppr.numPr is not None:
                num_id = _val(style_ppr.numPr, "w:numId")
                ilvl = int(_val(style_ppr.numPr, "w:ilvl") or "0")
                return num_id, ilvl
            style = style.base_style
        return None, 0

    def label(self, paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self._abstract_of:
            return ""
        abstract = self._abstract_of[num_id]
        if (abstract, ilvl) not in self._levels:
            return ""
        counters = self._counters.setdefault(abstract, [0] * 9)
        fmt, text, start = self._levels[(abstract, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        label = text
        for level in range(ilvl + 1):
            placeholder = f"%{level + 1}"
            if placeholder in label:
                level_fmt = self._levels.get((abstract, level), ("decimal", "", 1))[0]
                value = counters[level] or self._levels.get((abstract, level), ("", "", 1))[2]
                rendered = _format(value, level_fmt)
                if rendered is None:
                    return ""
                label = label.replace(placeholder, rendered)
        if _format(1, fmt) is None:
            return ""
        return label
