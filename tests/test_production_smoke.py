"""Production smoke test: gunicorn, a Celery worker and beat against a fresh database.

Runs the real processes with DEBUG=false settings behind a pretend TLS proxy and files a
complaint through the public form the way a browser would.
"""

import html.parser
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import environ
import psycopg
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/oversight"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
SMOKE_REDIS_DB = 13  # keeps the smoke worker away from other tests' queues

pytestmark = pytest.mark.slow


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}/{name}{query}"


def with_redis_db(url: str, db: int) -> str:
    """Redis URL on another database number: a path for TCP, a query for unix sockets."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("unix", "redis+socket", "socket"):
        key = "db" if parts.scheme == "unix" else "virtual_host"
        query = dict(urllib.parse.parse_qsl(parts.query))
        query.pop("db", None)
        query.pop("virtual_host", None)
        query[key] = str(db)
        # urlunsplit would drop the empty host ("unix:/path"), which kombu cannot read.
        return f"{parts.scheme}://{parts.netloc}{parts.path}?{urllib.parse.urlencode(query)}"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{db}"))


def admin_connection(database_url: str):
    cfg = environ.Env.db_url_config(database_url)
    host = cfg.get("HOST") or cfg.get("OPTIONS", {}).get("host")
    return psycopg.connect(
        host=host or None,
        port=cfg.get("PORT") or None,
        user=cfg.get("USER") or None,
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inputs(html.parser.HTMLParser):
    """Collects <input name=... value=...> pairs."""

    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values.setdefault(attrs["name"], attrs.get("value") or "")


class Browser:
    """Plain HTTP to the server, as a TLS proxy would forward it; cookies kept by hand
    (the __Host- cookies are Secure, so a cookie jar would not send them over http)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        hdrs = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        hdrs.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=hdrs)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, text


def wait_until_serving(port: int, procs: dict, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        for name, proc in procs.items():
            assert proc.poll() is None, f"{name} exited early with status {proc.returncode}"
        try:
            status, _, _ = Browser(port).request("GET", "/")
            if status == 200:
                return
            last = status
        except OSError as exc:
            last = exc
        time.sleep(0.25)
    pytest.fail(f"gunicorn did not answer 200 on / within {timeout}s (last: {last})")


def stop(procs: dict) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_production_stack_files_a_complaint(tmp_path):
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    broker_url = os.environ.get("CELERY_BROKER_URL", redis_url)
    db_name = f"oversight_smoke_{secrets.token_hex(4)}"
    worker_name = f"smoke-{secrets.token_hex(4)}@{socket.gethostname()}"
    port = free_port()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in (
        "SECRET_KEY_FILE",
        "SECURE_SSL_REDIRECT",
        "SECURE_COOKIES",
        "STATICFILES_BACKEND",
        "CELERY_TASK_ALWAYS_EAGER",
    ):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="oversight.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_TLS_PROXY="true",
        DATABASE_URL=with_database(database_url, db_name),
        REDIS_URL=with_redis_db(redis_url, SMOKE_REDIS_DB),
        CELERY_BROKER_URL=with_redis_db(broker_url, SMOKE_REDIS_DB),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SITE_URL=f"https://127.0.0.1:{port}",
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {args[0]}:\n{result.stdout}\n{result.stderr}"

    with admin_connection(database_url) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    procs: dict[str, subprocess.Popen] = {}
    logs = {}
    try:
        manage("collectstatic", "--noinput")
        manage("migrate", "--noinput")

        def start(name, args):
            logs[name] = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", *args],
                cwd=BASE_DIR,
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )

        start(
            "gunicorn",
            ["gunicorn", "oversight.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "2", "--access-logfile", "-"],
        )
        start("worker", ["celery", "-A", "oversight", "worker", "-P", "solo", "-l", "INFO", "-n", worker_name])
        start(
            "beat",
            [
                "celery",
                "-A",
                "oversight",
                "beat",
                "-l",
                "INFO",
                f"--pidfile={tmp_path / 'beat.pid'}",
                f"--schedule={tmp_path / 'beat-schedule'}",
            ],
        )
        wait_until_serving(port, procs)

        browser = Browser(port)
        status, _, page = browser.request("GET", "/complaints/new/")
        assert status == 200, page[:2000]
        parser = Inputs()
        parser.feed(page)
        assert "csrfmiddlewaretoken" in parser.values, "no CSRF token in the complaint form"
        assert "submission_key" in parser.values, "no submission_key in the complaint form"
        assert "__Host-csrftoken" in browser.cookies, browser.cookies

        form = {
            "csrfmiddlewaretoken": parser.values["csrfmiddlewaretoken"],
            "submission_key": parser.values["submission_key"],
            "filer_type": "complainant",
            "narrative": "An officer pushed me while I was waiting for the bus and would not "
            "give me a name or badge number.",
            "incident_on": "2026-11-01",
            "incident_place": "SE Hawthorne & 39th",
        }
        referer = f"https://127.0.0.1:{port}/complaints/new/"
        status, headers, body = browser.request(
            "POST",
            "/complaints/new/",
            body=urllib.parse.urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": referer},
        )
        assert status in (302, 303), f"status {status}:\n{body[:3000]}"
        location = urllib.parse.urlsplit(headers["Location"])
        path = location.path + (f"?{location.query}" if location.query else "")
        status, _, body = browser.request("GET", path, headers={"Referer": referer})
        assert status == 200, body[:2000]
        assert re.search(r"\d{4}-\d{5}", body), body[:3000]

        assert procs["worker"].poll() is None, "the worker died"
        assert procs["beat"].poll() is None, "beat died"
        for _ in range(3):
            ping = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "oversight",
                    "inspect",
                    "ping",
                    "-d",
                    worker_name,
                    "--timeout",
                    "10",
                ],
                cwd=BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if ping.returncode == 0 and "pong" in ping.stdout:
                break
        assert "pong" in ping.stdout, ping.stdout + ping.stderr
    except BaseException:
        stop(procs)
        for name, log in logs.items():
            log.flush()
            print(f"---- {name} log ----\n{(tmp_path / f'{name}.log').read_text()[-4000:]}")
        raise
    finally:
        stop(procs)
        for log in logs.values():
            log.close()
        with admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
