"""The soak harness (tests/reliability/soak.py): a short run in the normal suite, a longer
one behind the ``soak`` marker (``make soak`` runs the harness itself for SOAK_SECONDS)."""

from __future__ import annotations

import json
import os

import pytest

from tests.reliability.soak import soak


def assert_nothing_lost(report: dict) -> None:
    summary = json.dumps(report, ensure_ascii=False, indent=1)
    assert report["requests"] > 0, summary
    assert report["server_errors"] == 0, summary
    assert report["connection_failures"] == [], summary
    assert report["writer"]["imported"] > 0, summary
    assert report["writer"]["errors"] == [], summary
    assert report["lost"] == [], summary
    assert report["resurrected"] == [], summary
    assert report["duplicated"] == 0, summary
    assert report["speeches_in_database"] == report["speeches_expected"], summary
    assert report["check_index_exit"] == 0, summary
    assert report["gunicorn_tracebacks"] == 0, summary


def test_short_soak_serves_every_request_and_loses_nothing(tmp_path):
    report = soak(seconds=5, clients=4, seed_speeches=5, workdir=tmp_path)
    assert_nothing_lost(report)


@pytest.mark.soak
def test_soak(tmp_path):
    seconds = float(os.environ.get("SOAK_SECONDS", "60"))
    report = soak(seconds=seconds, clients=8, seed_speeches=40, workdir=tmp_path)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    assert_nothing_lost(report)
