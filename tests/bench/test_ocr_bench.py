"""The OCR benchmark's pieces on one small page, so `make bench-ocr` does not rot: the page
renderer's truth, the scan noise, and the error rate of a recognised document."""

from __future__ import annotations

from PIL import ImageStat
from rapidfuzz.distance import Levenshtein

from archive.ingest.ocr_engine import SHIPPED, recognise
from bench.ocr import heading_of, normal, run_document
from bench.ocr_pages import scan_noise
from tests.ocr_samples import SECOND_PAGE, SPEECH, sample_page


def test_small_page_reads_back_its_truth():
    page = sample_page()
    assert page.paragraphs == SPEECH.split("\n")
    assert page.headings == ["一、认清当前形势", "二、压实各方责任"]
    noisy = scan_noise(page.image, seed=1)
    assert noisy.size == page.image.size
    # Grey paper: darker on the whole than the clean white page.
    assert ImageStat.Stat(noisy).mean[0] < ImageStat.Stat(page.image).mean[0] - 10

    # Two pages, so the running header is seen repeating and dropped, as in the benchmark.
    second = sample_page(SECOND_PAGE)
    text, seconds, cpu, confidences = run_document(recognise, [page.image, second.image])
    truth = normal("".join(page.paragraphs + second.paragraphs))
    assert Levenshtein.distance(truth, normal(text)) / len(truth) < 0.01
    assert {heading_of(h) for h in page.headings} <= set(text.split("\n"))
    assert seconds > 0 and cpu > 0 and min(confidences) > 0.9


def test_speed_bench_engine_reads_a_page_and_times_its_stages():
    from bench.ocr_speed import SETTINGS, Timed

    assert SETTINGS["shipped"] == SHIPPED
    engine = Timed(SHIPPED)
    text = "".join(line.text for line in engine(sample_page().image))
    assert "认清当前形势" in text
    detection, _classifier, recognition = engine.stages
    assert detection > 0 and recognition > 0
