"""The 繁體 view: one OpenCC configuration whose forms match the traditional texts we hold, and
every part of the reading page a reader reads is converted with it."""

from __future__ import annotations

import json

import opencc
import pytest
from lxml import html

from archive.web import reading
from tests import shared_data

T2S = opencc.OpenCC("t2s")
FACTS = " or ".join(f"dt='{label}'" for label in ("层级", "主题", "会议", "讲话人"))


def _traditional_texts() -> list[str]:
    [truth] = shared_data.webpage_files("truth.json")
    scripts = json.loads(truth.read_text(encoding="utf-8"))
    folder = shared_data.webpages_dir()
    texts = [
        (folder / name).read_text(encoding="utf-8")
        for name, facts in scripts.items()
        if facts["script"] == "hant"
    ]
    corpus = [p.read_text(encoding="utf-8") for p in shared_data.corpus_files()]
    return texts + [text for text in corpus if T2S.convert(text) != text]


def _agreement(config: str, texts: list[str]) -> float:
    """Share of characters that come back as written after simplified → traditional."""
    converter = opencc.OpenCC(config)
    same = total = 0
    for text in texts:
        back = converter.convert(T2S.convert(text))
        if len(back) == len(text):
            same += sum(a == b for a, b in zip(back, text, strict=True))
            total += len(text)
    return same / total


def test_the_display_configuration_writes_the_forms_of_the_traditional_texts():
    texts = _traditional_texts()
    joined = "".join(texts)
    assert "群眾" in joined and "為" in joined and "羣衆" not in joined and "爲" not in joined
    chosen = _agreement(reading.SCRIPTS["hant"], texts)
    assert chosen > _agreement("s2t", texts) and chosen > _agreement("s2hk", texts)
    assert chosen > 0.985
    assert reading.convert_script("群众为这里着力", "hant") == "群眾為這裡著力"


@pytest.mark.django_db(transaction=True)
def test_every_part_of_the_page_a_reader_reads_is_converted(client, speeches):
    speech = speeches["county"]
    response = client.get(f"/speeches/{speech.pk}/?script=hant")
    doc = html.fromstring(response.content.decode())
    parts = {
        "title": doc.xpath("string(//title)").replace(" · 讲稿库", ""),
        "h1": doc.xpath("string(//h1)"),
        "outline": " ".join(doc.xpath("//nav[@class='toc']//a/text()")),
        # The speech's own facts; the labels and the reading time are the site's words.
        "meta": " ".join(doc.xpath(f"//dl[@class='speech-meta']/div[{FACTS}]/dd//text()")),
        "keywords": " ".join(doc.xpath("//p[@class='keywords']/a/text()")),
        "description": doc.xpath("string(//meta[@name='description']/@content)"),
        "body": doc.xpath("string(//div[@class='speech-body'])"),
    }
    for name, text in parts.items():
        assert text.strip(), name
        assert reading.convert_script(text, "hant") == text, (name, text)
    assert parts["title"] == "在全縣領導幹部作風建設會議上的講話"
    assert "提高認識" in parts["outline"]
    assert "全縣領導幹部作風建設會議" in parts["meta"]
    assert "群眾滿意度" in parts["body"]
    assert doc.xpath("//article/@lang") == ["zh-hant"]
    # The keyword links still search for the stored word.
    assert "/search/?q=%E4%BD%9C%E9%A3%8E" in doc.xpath("//p[@class='keywords']/a/@href")
