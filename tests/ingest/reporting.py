"""Figures a test leaves for the end of the run (printed by tests/ingest/conftest.py)."""

from __future__ import annotations

import pytest

TOTALS_KEY = pytest.StashKey[str]()
