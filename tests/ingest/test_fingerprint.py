import opencc

from archive.ingest import parse_document
from archive.ingest.fingerprint import (
    NEAR_DUPLICATE_DISTANCE,
    exact_fingerprint,
    hamming,
    simhash,
)
from tests.ingest.conftest import corpus_path


def test_exact_fingerprint_ignores_whitespace_and_width():
    a = exact_fingerprint("同志们：\n今天，我们召开会议。")
    assert a == exact_fingerprint("同志们:今天,我们召开会议。")
    assert a == exact_fingerprint("同志们： 今天， 我们\n召开会议。")
    assert len(a) == 64 and int(a, 16) >= 0
    assert a != exact_fingerprint("同志们：\n今天，我们召开大会。")


def test_hamming():
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, 2**64 - 1) == 64


def corpus_body(key: str) -> str:
    path = corpus_path(key)
    return parse_document(path.name, path.read_bytes()).body


def test_names_replaced_by_placeholders_are_near_duplicates():
    body = corpus_body("002")
    edited = body.replace("xx", "××").replace("区委", "***").replace("同志们", "同志們")
    distance = hamming(simhash(body), simhash(edited))
    assert distance <= NEAR_DUPLICATE_DISTANCE
    assert exact_fingerprint(body) != exact_fingerprint(edited)


def test_small_edits_and_other_script_are_near_duplicates():
    body = corpus_body("004")
    paragraphs = body.split("\n")
    edited = "\n".join([*paragraphs[:5], "（此处有删节）", *paragraphs[6:]])
    assert hamming(simhash(body), simhash(edited)) <= NEAR_DUPLICATE_DISTANCE
    traditional = opencc.OpenCC("s2t").convert(body)
    assert hamming(simhash(body), simhash(traditional)) <= NEAR_DUPLICATE_DISTANCE


def test_different_speeches_are_far_apart():
    bodies = [corpus_body(k) for k in ("000", "001", "002", "004")]
    hashes = [simhash(b) for b in bodies]
    for i in range(len(hashes)):
        for j in range(i + 1, len(hashes)):
            assert hamming(hashes[i], hashes[j]) > NEAR_DUPLICATE_DISTANCE * 2


def test_simhash_of_empty_text():
    assert simhash("") == 0
