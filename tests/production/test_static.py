"""Production static files: hashed names from collectstatic's manifest. Without the manifest
every page fails, so /healthz must say so, and the Docker image must keep what it collected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"

pytestmark = pytest.mark.django_db


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    return settings.STATIC_ROOT


def test_healthz_fails_without_collected_static_files(manifest_storage):
    client = Client(raise_request_exception=False)
    # What a reader would get: every page needs a static URL.
    assert client.get("/").status_code == 500
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["static"].startswith("error")
    assert "collectstatic" in response.json()["static"]


def test_healthz_is_ok_once_collected(manifest_storage):
    call_command("collectstatic", "--noinput", verbosity=0)
    client = Client()
    assert client.get("/").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["static"] == "ok"


def test_docker_image_keeps_the_static_files_it_collects():
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "collectstatic" in dockerfile
    [static_root] = re.findall(r"ARCHIVE_STATIC_ROOT=(\S+)", dockerfile)
    # Not under the data volume (mounted over it at run time) and never deleted by the build.
    assert not static_root.startswith("/data")
    assert f"rm -rf {static_root}" not in dockerfile
    assert "ARCHIVE_STATIC_ROOT" not in compose or static_root in compose
