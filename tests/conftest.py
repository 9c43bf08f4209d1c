"""Shared fixtures: every test gets its own data folder (uploads and Whoosh index), so running
the suite never touches ./var."""

from __future__ import annotations

from pathlib import Path

import pytest
from haystack import connections

from tests import shared_data


def point_haystack_at(path: Path | str, settings) -> None:
    """Send haystack's default connection to a Whoosh index in ``path``."""
    conn = {"default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(path)}}
    settings.HAYSTACK_CONNECTIONS = conn
    connections.connections_info = conn
    connections.reload("default")


def pytest_collection_modifyitems(config, items):
    """Under SEARCH_BACKEND=postgres (make test-postgres), tests of the Whoosh backend's own
    machinery (its lock, segments, haystack commands) have nothing to test."""
    from django.conf import settings

    if settings.SEARCH_BACKEND == "whoosh":
        return
    skip = pytest.mark.skip(reason=f"Whoosh 自身的机制;SEARCH_BACKEND={settings.SEARCH_BACKEND}")
    for item in items:
        if item.get_closest_marker("whoosh_only"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_data_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path
    original = connections.connections_info
    point_haystack_at(tmp_path / "whoosh_index", settings)
    yield tmp_path
    connections.connections_info = original
    connections.reload("default")


@pytest.fixture(autouse=True)
def empty_cache():
    """Django's cache holds the per-reader counts of rate limits (draft check, exports, alerts):
    every test starts with none, whatever ran before it in the process."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_themes(request):
    """The seeded themes (data migration 0002) are wiped by the flush after every transactional
    test; put them back so theme suggestion sees the same table in every test."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    request.getfixturevalue("transactional_db" if transactional else "db")
    from archive.ingest import DEFAULT_THEMES
    from archive.models import Theme

    for name, slug, keywords in DEFAULT_THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "keywords": ",".join(keywords)}
        )


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return shared_data.corpus_files()
