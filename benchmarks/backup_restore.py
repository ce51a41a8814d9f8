"""Time and size of `manage.py backup` and `manage.py restore` (README "Backup and recovery").

Not collected by pytest; run it by hand against a database of its own, migrated first:

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench MEDIA_ROOT=/tmp/bench-media \\
        .venv/bin/python benchmarks/backup_restore.py --cases 2000 --files 2 --file-kib 128

It files --cases complaints through the public filing service, each with --files attachments of
random bytes (so nothing compresses), backs up into a new folder, restores into a new empty
database on the same server and a new media folder, and prints the times and sizes. --cases 0
measures the database as it is (e.g. after seed_demo).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"  # what python-magic needs to call it a photo


def fill(cases, files, kib):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from intake import filing
    from intake.access import access_code_new
    from oversight.uploads import inspect_upload
    from tests.factories import complaint_data

    for _ in range(cases):
        uploads = [
            SimpleUploadedFile("photo.jpg", JPEG + os.urandom(kib * 1024), content_type="image/jpeg")
            for _ in range(files)
        ]
        filing.complaint_file_public(
            data=complaint_data(),
            submission_key=uuid.uuid4(),
            access_code=access_code_new(),
            demographics=None,
            uploads=[(upload, inspect_upload(upload, max_bytes=10**9)) for upload in uploads],
        )


def timed(args, env):
    started = time.monotonic()
    command = [sys.executable, str(BASE_DIR / "manage.py"), *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return time.monotonic() - started, result.stdout


def size_of(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=0)
    parser.add_argument("--files", type=int, default=2)
    parser.add_argument("--file-kib", type=int, default=128)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    import django

    django.setup()
    import psycopg
    from django.conf import settings
    from django.db import connection

    from oversight.backups.pgtools import libpq_env

    started = time.monotonic()
    fill(options.cases, options.files, options.file_kib)
    print(f"filled {options.cases} cases in {time.monotonic() - started:.1f} s")
    connection.close()

    work = Path(tempfile.mkdtemp(prefix="backup-bench-"))
    seconds, out = timed(["backup", str(work / "backup")], dict(os.environ))
    print(out.strip())
    print(f"backup: {seconds:.1f} s wall, {size_of(work / 'backup') / 2**20:.1f} MiB on disk "
          f"(media {size_of(settings.MEDIA_ROOT) / 2**20:.1f} MiB)")  # fmt: skip

    name = f"{settings.DATABASES['default']['NAME']}_restored_{uuid.uuid4().hex[:6]}"
    env = libpq_env(settings.DATABASES["default"], base={})
    admin = dict(host=env.get("PGHOST"), port=env.get("PGPORT"), user=env.get("PGUSER"), password=env.get("PGPASSWORD"))
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        seconds, out = timed(
            ["restore", str(work / "backup")], {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(work / "media")}
        )
        print(out.strip())
        print(f"restore: {seconds:.1f} s wall")
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"backup and restored media left in {work}")


if __name__ == "__main__":
    main()
