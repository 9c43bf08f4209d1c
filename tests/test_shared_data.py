"""The tests find the shared data relative to the checkout and say once, clearly, when it is
missing (tests/shared_data.py)."""

from __future__ import annotations

import re

import pytest

from tests import shared_data

# A quoted absolute path into a machine's folders: the suite must run from any checkout.
MACHINE_PATH = re.compile(r"""["'](/work|/home|/root|/Users)/""")


def test_no_code_or_test_names_a_machine_folder():
    offenders = [
        str(path.relative_to(shared_data.REPO_ROOT))
        for folder in ("tests", "archive", "search", "bench")
        for path in (shared_data.REPO_ROOT / folder).rglob("*.py")
        if MACHINE_PATH.search(path.read_text(encoding="utf-8"))
        and path.name != "test_shared_data.py"
    ]
    assert offenders == []


def test_default_location_is_beside_the_checkout(monkeypatch):
    monkeypatch.delenv(shared_data.SHARED_ENV, raising=False)
    assert shared_data.corpus_dir() == shared_data.REPO_ROOT.parent / "shared" / "corpus"
    assert shared_data.webpages_dir() == shared_data.REPO_ROOT.parent / "shared" / "webpages"


def test_missing_corpus_skips_with_one_reason(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_data.SHARED_ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    reasons = set()
    for read in (shared_data.corpus_files, lambda: shared_data.corpus_file("001")):
        with pytest.raises(pytest.skip.Exception) as skipped:
            read()
        reasons.add(str(skipped.value))
    assert len(reasons) == 1
    assert str(tmp_path) in reasons.pop()


def test_missing_corpus_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv(shared_data.SHARED_ENV, str(tmp_path))
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI"):
        shared_data.corpus_files()


def test_the_variable_points_at_another_copy(monkeypatch, tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "001_abc.txt").write_text("讲话", encoding="utf-8")
    monkeypatch.setenv(shared_data.SHARED_ENV, str(tmp_path))
    assert shared_data.corpus_file("001").name == "001_abc.txt"
