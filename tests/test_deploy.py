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


def _compose_config():
    """The compose file as docker-compose resolves it (anchors, defaults and all)."""
    import yaml

    result = subprocess.run(
        ["docker-compose", "-f", str(BASE_DIR / "docker-compose.yml"), "config"],
        cwd=BASE_DIR,
        env={**os.environ, **COMPOSE_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def _command(service):
    command = service.get("command") or []
    return command if isinstance(command, list) else command.split()


def test_compose_runs_two_web_containers_behind_one_proxy():
    services = _compose_config()
    web = sorted(name for name, s in services.items() if s.get("image") == "oversight:latest" and not s.get("command"))
    assert web == ["web1", "web2"]  # gunicorn, the image's own command
    for name in web:
        assert not services[name].get("ports"), f"{name} must be reached through the proxy only"
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    ports = [str(p["target"]) if isinstance(p, dict) else p.removesuffix("/tcp") for p in proxy["ports"]]
    assert [p.rsplit(":", 1)[-1] for p in ports] == ["8080"]
    mounts = [v["target"] if isinstance(v, dict) else v.split(":")[1] for v in proxy["volumes"]]
    assert mounts == ["/etc/nginx/conf.d/default.conf"]
    conf = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    assert "server web1:8000" in conf and "server web2:8000" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf


def test_compose_counts_the_tls_proxy_and_nginx_in_x_forwarded_for():
    # TLS proxy -> nginx -> gunicorn: each appends what it saw, so the client is 2 from the right
    # (oversight.ratelimit.client_address). Fewer would trust a forged entry; more, the TLS proxy.
    for name, service in _compose_config().items():
        if service.get("image") == "oversight:latest":
            assert service["environment"]["TRUSTED_PROXY_COUNT"] == "2", name


def test_compose_runs_two_workers_and_exactly_one_beat():
    services = _compose_config()
    workers = sorted(n for n, s in services.items() if _command(s)[:4] == ["celery", "-A", "oversight", "worker"])
    beats = [n for n, s in services.items() if _command(s)[:4] == ["celery", "-A", "oversight", "beat"]]
    assert workers == ["worker1", "worker2"]
    assert beats == ["beat"]
    assert "deploy" not in services["beat"] and "scale" not in services["beat"]


def test_every_app_container_shares_the_media_volume():
    services = _compose_config()
    for name in ("web1", "web2", "worker1", "worker2", "beat", "migrate"):
        mounts = [v["source"] + ":" + v["target"] if isinstance(v, dict) else v for v in services[name]["volumes"]]
        assert any(m.startswith("media:/data/media") for m in mounts), name
        assert services[name]["environment"]["MEDIA_ROOT"] == "/data/media", name


def test_compose_passes_the_web_concurrency_through_to_gunicorn():
    # gunicorn.conf.py reads WEB_WORKERS and WEB_THREADS; compose must pass an operator's values on.
    web = _compose_config()["web1"]["environment"]
    assert (web["WEB_WORKERS"], web["WEB_THREADS"]) == ("2", "4")
