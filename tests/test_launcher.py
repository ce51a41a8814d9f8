"""`make run` against external servers (DATABASE_URL and REDIS_URL set): nothing embedded
starts, so nothing else creates the launcher's folder, and beat must still come up (issue 8)."""

import os
import secrets
import signal
import subprocess
import sys

import pytest

from tests.test_production_smoke import (
    BASE_DIR,
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_URL,
    Browser,
    admin_connection,
    free_port,
    with_database,
    with_redis_db,
)

pytestmark = pytest.mark.slow
LAUNCHER_REDIS_DB = 12


def wait_for(predicate, proc, timeout=180):
    """Polls until predicate() holds; fails at once if the launcher has exited."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the launcher exited with status {proc.returncode}"
        if predicate():
            return
        time.sleep(0.25)
    pytest.fail("timed out")


def answers_200(port):
    try:
        return Browser(port).request("GET", "/")[0] == 200
    except OSError:
        return False


def test_make_run_with_external_servers_keeps_running_without_a_local_folder(tmp_path):
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    db_name = f"oversight_launcher_{secrets.token_hex(4)}"
    local = tmp_path / "not-yet"  # as on a fresh clone: the folder does not exist
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "CELERY_"))}
    env.update(
        DATABASE_URL=with_database(database_url, db_name),
        REDIS_URL=with_redis_db(redis_url, LAUNCHER_REDIS_DB),
        OVERSIGHT_LOCAL_DIR=str(local),
        PORT=str(port),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    with admin_connection(database_url) as conn:
        conn.execute(f'CREATE DATABASE "{db_name}"')
    log = open(tmp_path / "launcher.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "oversight.launcher", "run"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: answers_200(port), proc)
        pidfile = local / "celerybeat.pid"
        # Beat writes its pid file once it has started; before the fix it died on the missing folder
        # and the launcher stopped everything.
        wait_for(pidfile.exists, proc)
        beat_pid = int(pidfile.read_text().strip())
        os.kill(beat_pid, 0)  # beat is alive
        assert proc.poll() is None
        assert answers_200(port)
    except BaseException:
        log.flush()
        print((tmp_path / "launcher.log").read_text()[-6000:])
        raise
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        with admin_connection(database_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
