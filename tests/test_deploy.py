"""The deployment files parse, and production settings pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

COMPOSE_ENV = {
    "SECRET_KEY": "dummy-secret-key-for-config-validation-only",
    "POSTGRES_PASSWORD": "dummy-password",
    "ALLOWED_HOSTS": "oversight.example.org",
    "SITE_URL": "https://oversight.example.org",
}


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.pop("SECRET_KEY_FILE", None)
    env.update(
        DJANGO_SETTINGS_MODULE="oversight.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="oversight.example.org",
        CSRF_TRUSTED_ORIGINS="https://oversight.example.org",
        SITE_URL="https://oversight.example.org",
    )
    env.update(extra)
    return env


def test_docker_compose_file_validates():
    # docker-compose must be installed (.ci/run installs it): a missing tool fails here.
    env = {**os.environ, **COMPOSE_ENV}
    result = subprocess.run(
        ["docker-compose", "-f", str(BASE_DIR / "docker-compose.yml"), "config", "-q"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_refuses_to_start_without_secret_key():
    env = {k: v for k, v in {**os.environ, **COMPOSE_ENV}.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        ["docker-compose", "-f", str(BASE_DIR / "docker-compose.yml"), "config", "-q"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert "System check identified no issues" in output, output
    assert result.returncode == 0, output
