"""A backup is one folder: the database as pg_dump's custom archive, the files its rows name, and a
manifest with the SHA-256 of each. Database and files are taken as of one snapshot.

Why copying files after the snapshot is consistent: every upload and rendered PDF is written to
storage under a fresh random name *before* the row naming it commits (intake/filing.py,
investigations/services.py, reports/services.py), and nothing rewrites a stored file in place. So
each name committed in the snapshot already has its final bytes on disk, and they do not change
later: the copy made a minute after the snapshot holds the bytes the snapshot's rows describe.
Files written after the snapshot are not named by it and are not copied. Nor is a named file
deleted later: its history row names it for good (history is append-only, oversight/integrity),
and the orphan sweep (oversight/uploads/storage.py) keeps every file a row or history row names.
A file missing anyway (a disk fault, a hand at the shell) is listed as missing, never left out
in silence.
"""

import importlib.metadata
import json
import os
import shutil
import time
from pathlib import Path

from django.db import connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from .media import copy_with_digest, digest, media_root, referenced_files, safe_name
from .pgtools import BackupError, libpq_env, tool_find, tool_run

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "media"

# Every table outside PostgreSQL's own schemas; an empty database has none.
TABLES_SQL = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    ORDER BY 1, 2
"""


def _row_counts(cursor):
    """{"schema.table": rows} for every table, as the current transaction sees them."""
    cursor.execute(TABLES_SQL)
    counts = {}
    for schema, table in cursor.fetchall():
        quote = cursor.db.ops.quote_name
        cursor.execute(f"SELECT count(*) FROM {quote(schema)}.{quote(table)}")  # noqa: S608 - quoted catalog names
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor):
    cursor.execute("SELECT to_regclass('django_migrations') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def _history_chain_head(cursor):
    """The head of the history hash chain (oversight/integrity) as `verify_history --anchor` takes it:
    after a restore, the chain must still reach the link the backup saw last."""
    cursor.execute("SELECT to_regclass('integrity_historylink') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return ""
    cursor.execute("SELECT seq || ':' || encode(hash, 'hex') FROM integrity_historylink ORDER BY seq DESC LIMIT 1")
    row = cursor.fetchone()
    return row[0] if row else ""


def _app_version():
    try:
        return importlib.metadata.version("oversight")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def backup_create(destination, *, using="default"):
    """Writes the database and every file its rows name, as of one snapshot, into the new folder
    destination with a manifest of SHA-256 digests; returns the manifest. Never overwrites."""
    destination = Path(destination)
    connection = connections[using]
    try:
        destination.mkdir(mode=0o700)  # atomic: refuses a name already taken, even by an empty folder
    except FileExistsError:
        raise BackupError(
            f"{destination} already exists: a backup never overwrites another. Choose a new name."
        ) from None
    except FileNotFoundError:
        raise BackupError(f"The folder {destination.parent} does not exist.") from None
    try:
        if connection.in_atomic_block:
            raise BackupError("Run the backup outside a transaction: it opens its own snapshot.")
        return _backup_into(destination, connection)
    except BaseException:
        shutil.rmtree(destination, ignore_errors=True)  # ours alone: created above
        raise


def _backup_into(destination, connection):
    started = time.monotonic()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Must be the transaction's first statement. pg_dump adopts this snapshot; the file names,
        # row counts and migrations below are read in it too.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version'), now()")
        snapshot, server_version, taken_at = cursor.fetchone()
        server_major = connection.pg_version // 10000
        tables = _row_counts(cursor)
        migrations = _applied_migrations(cursor)
        chain_head = _history_chain_head(cursor)
        references = referenced_files()
        pg_dump, pg_dump_major = tool_find("pg_dump", server_major=server_major)
        # The exporting transaction must stay open until pg_dump has imported the snapshot; it
        # stays open until pg_dump ends.
        tool_run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-password", f"--file={destination / DUMP}"],
            env=libpq_env(connection.settings_dict),
        )
    files, missing = _copy_files(references, destination / FILES)
    os.sync()  # the copies on disk before the manifest says they are there
    dump_size, dump_sha = digest(destination / DUMP)
    manifest = {
        "format": FORMAT,
        "taken_at": taken_at.isoformat(),
        "app_version": _app_version(),
        "migrations": migrations,
        "history_chain_head": chain_head,
        "postgresql": {"server_version": server_version, "pg_dump_major": pg_dump_major},
        "database": {"name": connection.settings_dict["NAME"], "path": DUMP, "size": dump_size, "sha256": dump_sha},
        "tables": tables,
        "files": files,
        "missing": missing,
        "seconds": round(time.monotonic() - started, 2),
    }
    _write_manifest(destination, manifest)
    return manifest


def _copy_files(references, target_root):
    root, files, missing = media_root(), [], []
    for name in sorted(references):
        ref = references[name]
        relative = safe_name(name)
        entry = {"path": name, "sources": sorted(ref["sources"])}
        try:
            size, sha = copy_with_digest(root / relative, target_root / relative, mode=0o600)
        except FileNotFoundError:
            missing.append(entry)
            continue
        entry.update(size=size, sha256=sha)
        if ref["recorded_sha256"] and ref["recorded_sha256"] != sha:
            # The file no longer matches the digest taken on receipt; copied as found, and said.
            entry["recorded_sha256"] = ref["recorded_sha256"]
        files.append(entry)
    return files, missing


def _write_manifest(destination, manifest):
    """Written last and renamed into place: a folder without manifest.json is an unfinished backup."""
    partial = destination / f"{MANIFEST}.partial"
    with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    partial.rename(destination / MANIFEST)


def manifest_read(source):
    """The manifest of a finished backup in source, or BackupError saying why there is none."""
    path = Path(source) / MANIFEST
    if not Path(source).is_dir():
        raise BackupError(f"{source} is not a backup folder.")
    if not path.is_file():
        raise BackupError(f"{source} has no {MANIFEST}: it is not a finished backup (interrupted?). Use another.")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a backup manifest of format {FORMAT}.")
    return manifest


def backup_verify(source):
    """The manifest of a backup whose dump and files all match their size and SHA-256, or
    BackupError naming every one that is missing or differs."""
    source = Path(source)
    manifest = manifest_read(source)
    items = [(DUMP, manifest["database"])] + [(f"{FILES}/{safe_name(f['path'])}", f) for f in manifest["files"]]
    problems = []
    for relative, expected in items:
        path = source / relative
        if not path.is_file():
            problems.append(f"{relative}: missing from the backup")
            continue
        size, sha = digest(path)
        if (size, sha) != (expected["size"], expected["sha256"]):
            problems.append(f"{relative}: SHA-256 {sha} ({size} bytes), the manifest says {expected['sha256']}")
    if problems:
        raise BackupError(f"The backup in {source} is damaged; nothing was restored:\n  " + "\n  ".join(problems))
    return manifest


def _check_migrations(manifest):
    """A backup from newer code cannot be restored by this code: its schema has tables it does not know."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    known |= {replaced for migration in loader.disk_migrations.values() for replaced in migration.replaces}
    unknown = [label for label in manifest["migrations"] if tuple(label.split(".", 1)) not in known]
    if unknown:
        raise BackupError(
            f"The backup was taken by a newer version of Oversight ({manifest['app_version']}): this code "
            f"does not have the migration {unknown[0]}"
            + (f" and {len(unknown) - 1} more" if len(unknown) > 1 else "")
            + ". Restore with the version that took it."
        )


def migrations_pending(*, using="default"):
    """The migrations of this code not applied in the database (after restoring an older backup)."""
    executor = MigrationExecutor(connections[using])
    return [migration for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())]


def backup_restore(source, *, using="default"):
    """Restores a verified backup into an empty database and an empty MEDIA_ROOT, re-checks every
    file's digest and every table's row count, and returns what was restored."""
    source = Path(source)
    manifest = backup_verify(source)
    _check_migrations(manifest)
    connection = connections[using]
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        existing = list(_row_counts(cursor))
    if existing:
        raise BackupError(
            f"The database {name} is not empty ({len(existing)} tables, e.g. {existing[0]}). Restore only into a "
            "new, empty database: create one (createdb) and point DATABASE_URL at it."
        )
    root = media_root()
    if root.exists() and any(root.iterdir()):
        raise BackupError(f"MEDIA_ROOT ({root}) is not empty. Restore only into an empty folder.")
    pg_restore, _major = tool_find(
        "pg_restore", server_major=connection.pg_version // 10000, at_least=manifest["postgresql"]["pg_dump_major"]
    )
    connection.close()
    # A full restore loads each table's rows before it creates the triggers, indexes and foreign keys
    # (pg_dump's post-data section), so no trigger fires on a restored row: history rows and their
    # hash-chain links arrive exactly as dumped. One transaction: a failure leaves the database empty.
    tool_run(
        [pg_restore, "--single-transaction", "--no-password", f"--dbname={name}", source / DUMP],
        env=libpq_env(connection.settings_dict),
    )
    copied = _restore_files(manifest, source / FILES, root)
    with connection.cursor() as cursor:
        counts = _row_counts(cursor)
    differ = [
        f"{t}: {counts.get(t)} rows, the backup had {n}" for t, n in manifest["tables"].items() if counts.get(t) != n
    ]
    if differ:
        raise BackupError("The restored database does not match the backup:\n  " + "\n  ".join(differ))
    return {"manifest": manifest, "tables": len(counts), "rows": sum(counts.values()), **copied}


def _restore_files(manifest, files_root, root):
    root.mkdir(parents=True, exist_ok=True)
    total = 0
    for entry in manifest["files"]:
        relative = safe_name(entry["path"])
        target = root / relative
        read = copy_with_digest(files_root / relative, target, mode=0o666)  # less the umask, as uploads are
        written = digest(target)  # read back from the disk it now lives on
        if not read == written == (entry["size"], entry["sha256"]):
            raise BackupError(f"{target}: SHA-256 {written[1]} after copying, the manifest says {entry['sha256']}.")
        total += entry["size"]
    return {"files": len(manifest["files"]), "bytes": total}
