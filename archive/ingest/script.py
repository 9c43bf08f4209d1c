"""Script folding shared by the pipeline steps: rules are written once, in simplified Chinese,
and applied to traditional text through OpenCC's t2s (which keeps every character's position,
so a match on the simplified copy is a match at the same offsets in the original)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text
