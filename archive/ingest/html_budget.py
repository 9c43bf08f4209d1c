"""A cost budget for HTML pages, checked on the raw bytes before any parser sees them.

Parsing and walking a tree costs time per element and per level of nesting: a 2.2 MB page of
200,000 nested ``<div>`` took 23 s, and 10,000 sibling ``<div>`` about 7 s in html_text (block
elements are moved one by one). Real speech pages have a few thousand elements at most and
nest a few dozen levels deep, so the limits below refuse only pages built to be expensive.

The scan is one pass over the tags; it stops at the first limit crossed. Tags are ASCII, so
the bytes are scanned as they are: in UTF-8 and GB encodings no byte of a multi-byte character
is ``<`` (a UTF-16 page is not counted; it is rare on the web).
"""

from __future__ import annotations

import re

from archive.ingest.types import IngestError

MAX_HTML_ELEMENTS = 10_000
MAX_HTML_DEPTH = 500

ERROR_HTML_TOO_MANY = "HTML 页面元素过多(超过 {limit:,} 个),解析代价过高,已拒绝"
ERROR_HTML_TOO_DEEP = "HTML 页面嵌套过深(嵌套超过 {limit} 层),解析代价过高,已拒绝"

# One pass, left to right: a tag, or the start of a comment. [^<>] keeps every attempt from
# running past the next "<", so text full of "<" costs linear time, not quadratic.
_TOKEN = re.compile(rb"<!--|<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)>")
_COMMENT_END = re.compile(rb"-->")
# Script and style contents are text to the parser, whatever they look like.
_RAW_TEXT_END = {
    b"script": re.compile(rb"</script\s*>", re.IGNORECASE),
    b"style": re.compile(rb"</style\s*>", re.IGNORECASE),
}
# Elements without content, and elements whose end tag may be left out (the parser closes them
# when the next one opens): neither deepens the nesting, however many there are.
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp".split()
)


def check_html_budget(data: bytes) -> None:
    """Raise IngestError when the page has too many elements or nests too deep."""
    elements = 0
    depth = 0
    position = 0
    while match := _TOKEN.search(data, position):
        position = match.end()
        if match.group(0) == b"<!--":
            end = _COMMENT_END.search(data, position)
            if end is None:
                return  # the rest of the page is one comment
            position = end.end()
            continue
        closing, name, self_closing = match.groups()
        name = name.lower()
        if closing:
            if name not in _NOT_NESTING and depth:
                depth -= 1
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise IngestError(ERROR_HTML_TOO_MANY.format(limit=MAX_HTML_ELEMENTS))
        if name in _RAW_TEXT_END:
            end = _RAW_TEXT_END[name].search(data, position)
            if end is None:
                return
            position = end.end()
            continue
        if self_closing or name in _NOT_NESTING:
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH:
            raise IngestError(ERROR_HTML_TOO_DEEP.format(limit=MAX_HTML_DEPTH))
