"""Smoke run of the paragraph reuse benchmark at a tiny N (quality part, in process): the
planted set is deterministic and each method's row says what a reader of the report sees."""

from __future__ import annotations

from bench import reuse, reuse_corpus


def test_planted_set_is_deterministic_with_copies_and_decoys():
    first, second = reuse_corpus.build(30), reuse_corpus.build(30)
    assert first.speeches == second.speeches
    assert len(first.copies) == 6 and len(first.decoys) == 6
    (source, para), (target, at) = first.copies[0]
    original = first.speeches[source]["paragraphs"][para]
    copy = first.speeches[target]["paragraphs"][at]
    assert original != copy and first.speeches[source]["date"] < first.speeches[target]["date"]


def test_report_rows_for_the_index_and_both_baselines(capsys):
    result = reuse.run(60)
    names = [row["method"] for row in result["methods"]]
    assert names == [reuse.ReuseIndexMethod.name, "SimHash 每段", "精确片段"]
    index = result["methods"][0]
    assert index["recall"] >= 0.9 and index["precision"] >= 0.9
    assert all(0 <= row["recall"] <= 1 and 0 <= row["precision"] <= 1 for row in result["methods"])
    reuse.print_report(result)
    assert "召回" in capsys.readouterr().out
