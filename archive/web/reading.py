"""A speech's body as the blocks the reading page shows: headings with their anchors,
paragraphs with theirs, in the reader's chosen script, with the hits of a search marked.

Plain functions over the model's data; the template only lays the blocks out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.ingest.clean import MOJIBAKE_RE
from archive.ingest.script import to_simplified

# Display switch → OpenCC configuration. "s2tw" writes the character forms the traditional texts
# in the archive use (群眾, 為, 裡, 著), where plain "s2t" writes the older 羣衆, 爲, 裏, 着;
# "s2twp" would also swap mainland words for Taiwanese ones (项目 → 專案), which these speeches
# never use. Measured against the traditional corpus and web-page texts in
# tests/web/test_script.py.
SCRIPTS = {"hans": "t2s", "hant": "s2tw"}
LANGS = {"hans": "zh-hans", "hant": "zh-hant"}
# What the importer's warnings say when the text holds mojibake (archive/ingest/clean.py).
MOJIBAKE_WARNING = "乱码"
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
CHARS_PER_MINUTE = 300  # a comfortable reading pace for official Chinese prose
TRAILING_PUNCTUATION = "。.:：;；,，、 "


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def convert_script(text: str, script: str) -> str:
    """``text`` in the display script ("hans"/"hant"), or unchanged for any other value."""
    config = SCRIPTS.get(script)
    if not config or not text:
        return text
    if config == "t2s":
        return to_simplified(text)  # the archive's one t2s
    return _converter(config).convert(text)


def display(text: str, *, script: str = "", q: str = "") -> SafeString:
    """Escaped text in the display script, with the search's hits marked when ``q`` is given."""
    shown = convert_script(text, script)
    if q.strip():
        from search.page.snippets import mark_query

        return mark_query(shown, q)
    return escape(shown)


@dataclass
class OutlineNode:
    number: str
    heading: str
    anchor: str
    depth: int
    children: list[OutlineNode] = field(default_factory=list)


@dataclass
class Block:
    paragraph_id: str  # "p1", "p2" … (1-based)
    text_html: SafeString  # the paragraph, or what follows an inline heading
    heading_html: SafeString | None = None
    anchor: str = ""
    depth: int = 0
    standalone: bool = False  # the heading is the whole paragraph: rendered as h2/h3/h4

    @property
    def heading_tag(self) -> str:
        return f"h{min(self.depth + 1, 4)}"


@dataclass
class ShownSpeech:
    """What the reading page shows of a speech besides its body, in the display script."""

    title: str
    description: str
    level: str
    theme: str
    meeting: str
    speaker_role: str
    keywords: list[tuple[str, str]]  # (stored word for the search link, word as shown)


def shown_speech(speech, script: str) -> ShownSpeech:
    def shown(text: str) -> str:
        return convert_script(text, script)

    return ShownSpeech(
        title=shown(speech.title),
        description=shown(opening(speech.body)),
        level=shown(speech.level_label),
        theme=shown(speech.theme.name) if speech.theme else "",
        meeting=shown(speech.meeting),
        speaker_role=shown(speech.speaker_role),
        keywords=[(word, shown(word)) for word in speech.keywords],
    )


def outline_tree(sections, *, script: str = "") -> list[OutlineNode]:
    """Nest the flat, ordered sections by depth (a deeper heading belongs to the last
    shallower one before it)."""
    roots: list[OutlineNode] = []
    stack: list[OutlineNode] = []
    for section in sections:
        number, heading = (convert_script(t, script) for t in (section.number, section.heading))
        node = OutlineNode(number, heading, section.anchor, section.depth)
        while stack and stack[-1].depth >= node.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def is_damaged(warnings) -> bool:
    """Whether the importer found mojibake in the text; the reading page then says so."""
    return any(MOJIBAKE_WARNING in warning for warning in warnings or ())


def display_damaged(text: str, *, script: str = "", q: str = "") -> SafeString:
    """Like display(), with each mojibake fragment wrapped in a span that says what it is. The
    fragments are found in the stored text, before the script conversion (which would turn
    锟斤拷 into 錕斤拷, a form the importer's pattern does not know)."""
    pieces: list[str] = []
    start = 0
    for match in MOJIBAKE_RE.finditer(text):
        pieces.append(display(text[start : match.start()], script=script, q=q))
        damaged = display(match.group(0), script=script, q=q)
        pieces.append(f'<span class="damaged" title="原文此处疑似乱码">{damaged}</span>')
        start = match.end()
    pieces.append(display(text[start:], script=script, q=q))
    # Safe: every piece was escaped by display(); the only tags added are these spans.
    return mark_safe("".join(pieces))


def body_blocks(
    body: str, sections, *, script: str = "", q: str = "", damaged: bool = False
) -> list[Block]:
    """One block per paragraph; a paragraph that opens with a section heading carries it.
    ``damaged``: mark the mojibake the importer warned about."""

    def show(text: str) -> SafeString:
        return (display_damaged if damaged else display)(text, script=script, q=q)

    by_paragraph = {section.paragraph: section for section in sections}
    blocks = []
    for index, paragraph in enumerate(body.split("\n")):
        section = by_paragraph.get(index)
        block_id = f"p{index + 1}"
        label = f"{section.number}{section.heading}" if section else ""
        if not section or not paragraph.startswith(label):
            blocks.append(Block(block_id, show(paragraph)))
            continue
        rest = paragraph[len(label) :]
        standalone = not rest.strip(TRAILING_PUNCTUATION)
        blocks.append(
            Block(
                block_id,
                show("" if standalone else rest),
                heading_html=show(paragraph if standalone else label),
                anchor=section.anchor,
                depth=section.depth,
                standalone=standalone,
            )
        )
    return blocks


def public_source(source: str) -> str:
    """The source worth showing a reader: an address of the original publication. The stored
    value is often the uploaded file's internal name (001_e0fb….txt), which tells a reader
    nothing; the admin still shows it."""
    source = source.strip()
    return source if source.startswith(("http://", "https://")) else ""


def character_count(text: str) -> int:
    return len(CJK.findall(text))


def reading_minutes(text: str) -> int:
    return max(1, round(character_count(text) / CHARS_PER_MINUTE))


def opening(body: str, length: int = 120) -> str:
    """The first words of the speech itself (skipping the salutation), for descriptions."""
    paragraphs = [p for p in body.split("\n") if p.strip() and not p.rstrip().endswith((":", "："))]
    text = "".join(paragraphs)[:length]
    return text + ("…" if len(text) == length else "")
