"""The planted-reuse set: N synthetic speeches whose paragraphs are all distinct, then copies
planted with a copier's edits, and same-topic pairs that are not copies.

* Base paragraphs are sentences of words drawn from the shared corpus's vocabulary (segmented
  with rjieba): 60 % from the speech topic's own 120 words, the rest from the whole vocabulary,
  so two paragraphs on one topic share many words without sharing text.
* ``copies`` (N / 5) paragraphs are copied into a later speech with realistic edits: place
  names swapped, 我市 → 我县, 5–20 % of characters changed (words replaced, dropped or inserted),
  sentences reordered within the paragraph, one in four converted to the other script.
* ``decoys`` (N / 5) pairs: a second paragraph written on the same topic that opens with the
  same formula (坚持以…为指导, 深入贯彻…) and uses the same words and place deixis, but is not a
  copy.

Deterministic for (n, seed). The corpus vocabulary comes from ../shared (bench.corpus); without
it the words are drawn from a fixed list of common words, so the smoke test still runs.
"""

from __future__ import annotations

import datetime
import functools
import random
import re
from dataclasses import dataclass, field

import opencc

SEED = 20260601
PLACES = [f"{a}{b}" for a in "临清河平安东西南北新" for b in "江源阳山川宁水丰城林"]
OPENERS = [
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "深入贯彻落实党的二十大精神",
    "按照县委县政府的统一部署",
    "今年以来在上级党委的坚强领导下",
]
FALLBACK_WORDS = [
    "发展",
    "工作",
    "建设",
    "推进",
    "加强",
    "落实",
    "全面",
    "群众",
    "干部",
    "问题",
    "经济",
    "社会",
    "服务",
    "管理",
    "安全",
    "责任",
    "制度",
    "机制",
    "基层",
    "改革",
    "创新",
    "项目",
    "产业",
    "农村",
    "企业",
    "治理",
    "环境",
    "民生",
    "教育",
    "作风",
    "纪律",
    "监督",
    "考核",
    "重点",
    "任务",
    "目标",
    "措施",
    "能力",
    "水平",
    "质量",
    "效率",
    "资金",
    "政策",
    "部门",
    "单位",
    "领导",
    "组织",
    "党员",
]


@dataclass
class PlantedSet:
    speeches: list[dict]  # {"title", "date", "level", "paragraphs": [str]}
    copies: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    decoys: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    try:
        import rjieba

        from bench.corpus import paragraphs

        text = "".join(paragraphs())
        words = {w for w in rjieba.cut(text) if 2 <= len(w) <= 4 and re.fullmatch(r"[一-鿿]+", w)}
    except FileNotFoundError:
        words = set(FALLBACK_WORDS)
    return tuple(sorted(words))


def _sentence(rng: random.Random, topic_words: list[str], words: tuple[str, ...]) -> str:
    picked = [
        rng.choice(topic_words) if rng.random() < 0.6 else rng.choice(words)
        for _ in range(rng.randint(5, 10))
    ]
    return "".join(picked)


def _paragraph(rng, topic_words, words, place: str, opener: str = "") -> str:
    sentences = [_sentence(rng, topic_words, words) for _ in range(rng.randint(3, 6))]
    if opener:
        sentences[0] = opener + sentences[0]
    # Place deixis as real speeches have it: the county named once, 我县/全县 after.
    sentences[0] = f"{place}县" + rng.choice(["委", "人民政府", ""]) + sentences[0]
    sentences[-1] = rng.choice(["我县", "全县", "我市"]) + sentences[-1]
    return "，".join(sentences[:-1]) + "。" + sentences[-1] + "。"


def _edit(rng: random.Random, text: str, words: tuple[str, ...], s2t) -> str:
    for place in {m for m in re.findall(r"(..)县", text) if m in PLACES}:
        text = text.replace(place, rng.choice(PLACES))
    text = text.replace("我市", "我县") if rng.random() < 0.5 else text.replace("我县", "我市")
    sentences = [s for s in re.split(r"(?<=[，。])", text) if s]
    if len(sentences) > 2:
        middle = sentences[1:-1]
        rng.shuffle(middle)
        sentences = [sentences[0], *middle, sentences[-1]]
    # A copier edits phrases, not scattered characters: replace, drop or add a word (2–4
    # characters) at random places until 5–20 % of the characters have changed.
    pieces = list("".join(sentences))
    budget = int(len(pieces) * rng.uniform(0.05, 0.20))
    while budget > 0:
        word = rng.choice(words)
        at = rng.randrange(len(pieces))
        action = rng.random()
        if action < 0.5:
            pieces[at : at + len(word)] = list(word)
        elif action < 0.75 and len(pieces) > 20:
            del pieces[at : at + len(word)]
        else:
            pieces[at:at] = list(word)
        budget -= len(word)
    chars = pieces
    edited = "".join(chars)
    return s2t.convert(edited) if rng.random() < 0.25 else edited


def build(n: int, seed: int = SEED) -> PlantedSet:
    rng = random.Random(seed)
    words = vocabulary()
    topics = [rng.sample(words, min(120, len(words))) for _ in range(10)]
    s2t = opencc.OpenCC("s2t")
    first = datetime.date(2015, 1, 1)
    speeches = []
    for number in range(n):
        topic = number % len(topics)
        place = rng.choice(PLACES)
        paragraphs = [
            _paragraph(rng, topics[topic], words, place) for _ in range(rng.randint(8, 24))
        ]
        speeches.append(
            {
                "title": f"在全县第{number + 1}次工作会议上的讲话",
                "date": first + datetime.timedelta(days=rng.randrange(3650)),
                "level": "county",
                "topic": topic,
                "place": place,
                "paragraphs": paragraphs,
            }
        )
    planted = PlantedSet(speeches)
    used: set[tuple[int, int]] = set()
    for _ in range(max(1, n // 5)):
        source, target = _two_speeches(rng, speeches)
        para = rng.randrange(len(speeches[source]["paragraphs"]))
        while (source, para) in used:
            para = rng.randrange(len(speeches[source]["paragraphs"]))
        used.add((source, para))
        copy = _edit(rng, speeches[source]["paragraphs"][para], words, s2t)
        at = rng.randint(0, len(speeches[target]["paragraphs"]))
        _insert(planted, target, at)
        speeches[target]["paragraphs"].insert(at, copy)
        planted.copies.append(((source, para), (target, at)))
    for _ in range(max(1, n // 5)):
        first_speech, second_speech = _two_speeches(rng, speeches)
        topic = speeches[first_speech]["topic"]
        opener = rng.choice(OPENERS)
        pair = []
        for number in (first_speech, second_speech):
            text = _paragraph(rng, topics[topic], words, speeches[number]["place"], opener)
            at = rng.randint(0, len(speeches[number]["paragraphs"]))
            _insert(planted, number, at)
            speeches[number]["paragraphs"].insert(at, text)
            pair.append((number, at))
        planted.decoys.append((pair[0], pair[1]))
    return planted


def _two_speeches(rng, speeches) -> tuple[int, int]:
    while True:
        a, b = rng.sample(range(len(speeches)), 2)
        if speeches[a]["date"] != speeches[b]["date"]:
            return (a, b) if speeches[a]["date"] < speeches[b]["date"] else (b, a)


def _insert(planted: PlantedSet, speech: int, at: int) -> None:
    # Paragraph numbers recorded earlier shift when a paragraph is inserted before them.
    def shifted(ref):
        number, index = ref
        return (number, index + 1) if number == speech and index >= at else ref

    planted.copies = [(shifted(a), shifted(b)) for a, b in planted.copies]
    planted.decoys = [(shifted(a), shifted(b)) for a, b in planted.decoys]
