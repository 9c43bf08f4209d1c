"""Production settings, the compose file, the Dockerfile and .env.example, checked for real
where this machine allows (no Docker engine runs here)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path: Path) -> dict[str, str]:
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "archive.example.org",
        "ARCHIVE_DATA_DIR": str(tmp_path),
    }


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_log_level_is_read_in_either_case(tmp_path):
    # gunicorn.conf.py lower-cases LOG_LEVEL; the same value must not stop Django starting.
    result = manage("check", env={**production_env(tmp_path), "LOG_LEVEL": "warning"})
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = production_env(tmp_path)
    env[missing] = ""
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_collectstatic_under_production_settings_writes_hashed_compressed_files(tmp_path):
    result = manage("collectstatic", "--noinput", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    static = tmp_path / "static"
    assert (static / "staticfiles.json").exists()
    assert list(static.rglob("*.css.gz")), "whitenoise should write compressed copies"
    assert any(re.search(r"\.[0-9a-f]{12}\.css$", p.name) for p in static.rglob("*.css"))


def test_compose_file_has_db_with_healthcheck_and_web_waiting_for_it():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    db, web = compose["services"]["db"], compose["services"]["web"]
    assert db["build"] == "./docker/postgres"  # postgres:16 and the rum extension
    server = (ROOT / "docker" / "postgres" / "Dockerfile").read_text()
    assert re.search(r"^FROM postgres:16$", server, re.M)
    assert "postgresql-16-rum" in server
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert any(volume.endswith(":/data") for volume in web["volumes"])
    assert web["environment"]["ARCHIVE_DATA_DIR"] == "/data"
    assert "postgres://" in web["environment"]["DATABASE_URL"]
    assert {"pgdata", "archive-data"} <= set(compose["volumes"])


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose not installed")
def test_compose_file_validates_with_docker_compose():
    env = {**os.environ, "POSTGRES_PASSWORD": "x", "DJANGO_SECRET_KEY": "y"}
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "docker/postgres/Dockerfile"])
def test_dockerfile_passes_hadolint(dockerfile):
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run(
        [str(hadolint), "--no-color", dockerfile], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_as_non_root_with_data_on_a_volume():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    assert re.search(r"^USER (?!root|0\b)", dockerfile, re.M)
    assert 'VOLUME ["/data"]' in dockerfile
    assert "collectstatic" in dockerfile
    assert dockerfile.index("COPY pyproject.toml") < dockerfile.index("COPY . .")
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert "migrate --noinput" in entrypoint


def test_every_environment_variable_is_documented_in_env_example():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    read = set()
    for source in ("archive/settings.py", "gunicorn.conf.py"):
        text = (ROOT / source).read_text()
        read |= set(re.findall(r'environ\.get\("([A-Z_]+)"', text))
        read |= set(re.findall(r'_env_list\("([A-Z_]+)"', text))
    assert read, "no environment variables found: the pattern is out of date"
    assert read - documented == set()


DEV_KEY = "dev-only-insecure-key-not-for-production"
OLD_BUILD_KEY = "build-only-key-not-used-at-runtime-0123456789abcdef"


@pytest.mark.parametrize("key", [DEV_KEY, OLD_BUILD_KEY, "django-insecure-" + "x1y2z3" * 8])
def test_production_refuses_known_keys(key, tmp_path):
    result = manage("check", env={**production_env(tmp_path), "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr and "公开" in result.stderr


def test_dockerfile_holds_no_key_production_would_accept(tmp_path):
    dockerfile = (ROOT / "Dockerfile").read_text()
    literals = re.findall(r"DJANGO_SECRET_KEY=([^\s$\"'][^\s\\]*)", dockerfile)
    for key in literals:
        result = manage("check", env={**production_env(tmp_path), "DJANGO_SECRET_KEY": key})
        assert result.returncode != 0, f"production starts with the Dockerfile's key {key!r}"
