"""A synthetic corpus of N speeches recombined from the paragraphs of the shared real corpus.

Deterministic for a given (N, seed): the same files come out on every machine, so runs compare.
Each speech has a title line, a date line, an opening, 2–6 numbered sections with headings,
2,000–15,000 characters, county or district wording, and one in four is in traditional script.
"""

from __future__ import annotations

import datetime
import os
import random
import re
from pathlib import Path

import opencc

# The real corpus lives beside the checkout (../shared/corpus) unless ARCHIVE_SHARED_DIR says where.
CORPUS_DIR = (
    Path(os.environ.get("ARCHIVE_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared")
    / "corpus"
)
SEED = 20240601
MIN_CHARS, MAX_CHARS = 2_000, 15_000
FIRST_DAY = datetime.date(2015, 1, 1)
DAYS = 3_652  # ten years
TRADITIONAL_SHARE = 0.25
NUMERALS = "一二三四五六七八九十"
MEETINGS = ["工作会议", "推进会", "动员大会", "座谈会", "专题会议", "总结表彰大会"]
TOPICS = [
    "作风建设",
    "安全生产",
    "乡村振兴",
    "党风廉政建设",
    "信访维稳",
    "生态环境保护",
    "招商引资",
    "民生实事",
    "基层党建",
    "营商环境",
]
# Lines that are metadata or boilerplate in the scraped pages, not speech paragraphs.
SKIP_LINE = re.compile(r"^(时间|時間|导语|導語)[:：]|来源于网友|來源于網友")


def paragraphs() -> list[str]:
    """Simplified paragraphs (≥ 40 characters) of every corpus file, in a fixed order."""
    to_simplified = opencc.OpenCC("t2s")
    found: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            line = line.strip()
            if len(line) >= 40 and not SKIP_LINE.search(line):
                found.append(to_simplified.convert(line))
    if not found:
        raise FileNotFoundError(f"语料为空:{CORPUS_DIR}")
    return found


def _as_level(text: str, level: str) -> str:
    return text if level == "county" else text.replace("县", "区")


def speech_text(number: int, pool: list[str], rng: random.Random) -> tuple[str, dict]:
    level = "county" if rng.random() < 0.5 else "district"
    unit = "县" if level == "county" else "区"
    topic = rng.choice(TOPICS)
    title = f"{unit}委书记在全{unit}{topic}{rng.choice(MEETINGS)}上的讲话(第{number}篇)"
    date = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS))
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    sections = rng.randint(2, 6)
    lines = [title, f"时间:{date.isoformat()}", "同志们:", f"今天召开全{unit}{topic}会议。"]
    size = sum(len(line) for line in lines)
    per_section = max(1, (target - size) // sections)
    for s in range(sections):
        heading = f"{NUMERALS[s]}、{rng.choice(TOPICS)}要{rng.choice(['抓实', '抓细', '抓紧'])}"
        lines.append(heading)
        filled = 0
        while filled < per_section and size < target:
            para = _as_level(rng.choice(pool), level)
            room = target - size
            if len(para) > room:
                para = para[: max(room, 20)]
            lines.append(para)
            filled += len(para)
            size += len(para)
    text = "\n".join(lines) + "\n"
    traditional = rng.random() < TRADITIONAL_SHARE
    meta = {"level": level, "date": date.isoformat(), "traditional": traditional, "title": title}
    return text, meta


def build(n: int, folder: Path, seed: int = SEED) -> list[Path]:
    """Write speech_00001.txt… into ``folder`` (reused when already complete for n and seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = folder / ".complete"
    wanted = f"{n} {seed}"
    files = [folder / f"speech_{i:05d}.txt" for i in range(1, n + 1)]
    if stamp.exists() and stamp.read_text() == wanted:
        return files
    rng = random.Random(seed)
    pool = paragraphs()
    to_traditional = opencc.OpenCC("s2t")
    for number, path in enumerate(files, start=1):
        text, meta = speech_text(number, pool, rng)
        if meta["traditional"]:
            text = to_traditional.convert(text)
        path.write_text(text, encoding="utf-8")
    stamp.write_text(wanted)
    return files
