"""Backup and restore (issue 13.8): the database and the files its rows name, together and checked.

The backup reads the committed test database with pg_dump, so tests that back up their own data
commit it (transaction=True); the refusals start from one backup of the migrated test database.
Each restore goes into a new, empty database on the same server, through
`manage.py restore` in a subprocess pointed at it, as an operator would run it.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection
from psycopg import sql

from intake import filing
from intake.access import access_code_new
from intake.models import Case, ComplaintAttachment
from investigations.models import Evidence, RequestedRecord
from investigations.services import (
    evidence_receive,
    evidence_register_record,
    records_request_send,
    requested_record_answer,
)
from oversight.backups import services as backup_services
from oversight.backups.pgtools import BackupError, libpq_env, tool_find
from oversight.uploads import inspect_upload
from reports.models import ReportDocument, ReportEdition
from reports.services import annual_report_render
from tests.arrange import case_investigating
from tests.factories import complaint_data, pdf_bytes

# pg_dump reads only committed rows.
committed = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(__file__).resolve().parent.parent
FILE_MODELS = [
    (ComplaintAttachment, "file"),
    (Evidence, "file"),
    (RequestedRecord, "file"),
    (ReportDocument, "pdf"),
    (ReportEdition, "pdf"),  # issue 11: the annual report's PDF is its edition's
]


def pdf(label):
    """A small PDF whose bytes, and so digest, differ by label."""
    return SimpleUploadedFile(f"{label}.pdf", pdf_bytes(label), content_type="application/pdf")


def file_with_attachments(*labels):
    uploads = [pdf(label) for label in labels]
    checked = [(upload, inspect_upload(upload, max_bytes=10**6)) for upload in uploads]
    return filing.complaint_file_public(
        data=complaint_data(),
        submission_key=uuid.uuid4(),
        access_code=access_code_new(),
        demographics=None,
        uploads=checked,
    ).case


@pytest.fixture
def office_data(intake_user, director, investigator, liaison):
    """Cases, attachments, evidence, a PPB record produced and registered, a rendered report, and
    the history rows all of that leaves, built through the services."""
    file_with_attachments("filer-photo", "filer-letter")
    case = case_investigating(intake_user, director, investigator)
    evidence_receive(
        investigation=case.investigation, upload=pdf("bwc"), kind="body_camera", description="BWC", actor=investigator
    )
    request = records_request_send(
        investigation=case.investigation, records_sought="- Incident report\n- Dispatch log\n", actor=investigator
    )
    first, second = request.records.order_by("pk")
    record = requested_record_answer(record=first, outcome="produced", upload=pdf("incident-report"), actor=liaison)
    requested_record_answer(
        record=second, outcome="withheld", reason="Ongoing", legal_justification="ORS 192.345(3)", actor=liaison
    )
    evidence_register_record(record=record, kind="document", actor=investigator)
    annual_report_render(year=2026)
    return case


def _connect(dbname, **options):
    """A psycopg connection to another database on the server the tests use."""
    env = libpq_env(connection.settings_dict, base={})
    return psycopg.connect(
        host=env.get("PGHOST"), port=env.get("PGPORT"), user=env.get("PGUSER"), password=env.get("PGPASSWORD"),
        dbname=dbname, **options,
    )  # fmt: skip


@pytest.fixture
def empty_database():
    """A new database on the test server, dropped afterwards; its DATABASE_URL."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with _connect("postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _url_for(name)
    with _connect("postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _url_for(name):
    """This run's DATABASE_URL (TCP or a unix socket) with another database name."""
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/oversight"
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def _name_of(url):
    return urlsplit(url).path.lstrip("/")


def manage(*args, database_url, media_root):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root), "DEBUG": "true"}
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args], env=env, cwd=BASE_DIR, capture_output=True, text=True
    )


def table_digests(conn):
    """{table: (rows, md5 of every row in order)}: equal digests mean equal contents."""
    query = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t")
    return {
        f"{schema}.{table}": conn.execute(query.format(sql.Identifier(schema, table))).fetchone()
        for schema, table in conn.execute(backup_services.TABLES_SQL).fetchall()
    }


def history_ids(conn):
    tables = [t for (t,) in conn.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE '%%historical%%'")]
    query = sql.SQL("SELECT history_id FROM {} ORDER BY 1")
    return {t: [i for (i,) in conn.execute(query.format(sql.Identifier(t)))] for t in sorted(tables)}


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def backup(tmp_path):
    """Backs the test database up into a new folder; returns the folder."""

    def take(name="backup"):
        call_command("backup", str(tmp_path / name))
        return tmp_path / name

    return take


@pytest.fixture(scope="module")
def migrated_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """One backup of the migrated test database (no cases, no files), taken once for the refusals."""
    folder = tmp_path_factory.mktemp("migrated") / "backup"
    with django_db_blocker.unblock():
        backup_services.backup_create(folder)
    return folder


@pytest.fixture
def backup_copy(migrated_backup, tmp_path):
    return Path(shutil.copytree(migrated_backup, tmp_path / "copy"))


@committed
def test_a_restore_into_an_empty_database_finds_every_case_file_and_history_row(
    office_data, backup, empty_database, tmp_path
):
    folder = backup()
    restored_media = tmp_path / "restored-media"
    result = manage("restore", str(folder), database_url=empty_database, media_root=restored_media)
    assert result.returncode == 0, result.stderr
    assert "each SHA-256 checked after copying" in result.stdout

    with _connect(connection.settings_dict["NAME"]) as source, _connect(_name_of(empty_database)) as restored:
        numbers = "SELECT number FROM intake_case ORDER BY number"
        assert restored.execute(numbers).fetchall() == source.execute(numbers).fetchall()
        assert len(source.execute(numbers).fetchall()) == Case.objects.count() == 2
        assert history_ids(restored) == history_ids(source)
        assert sum(len(ids) for ids in history_ids(source).values()) > 20
        # Every table, history and any hash chain included, row for row.
        assert table_digests(restored) == table_digests(source)

    names = set()
    for model, field in FILE_MODELS:
        for row in model.objects.exclude(**{field: ""}):
            name = getattr(row, field).name
            names.add(name)
            assert _sha(restored_media / name) == _sha(Path(settings.MEDIA_ROOT) / name)
            if hasattr(row, "sha256"):
                assert _sha(restored_media / name) == row.sha256
    assert len(names) == 5  # two attachments, the BWC, the produced record (also evidence), the report
    assert {str(p.relative_to(restored_media)) for p in restored_media.rglob("*") if p.is_file()} == names

    if "verify_history" in get_commands():  # oversight/integrity: the hash chain over history
        # The restore verified the chain up to the head the backup recorded, and so does a later run.
        head = json.loads((folder / "manifest.json").read_text())["history_chain_head"]
        assert head and "History verified" in result.stdout
        checked = manage("verify_history", f"--anchor={head}", database_url=empty_database, media_root=restored_media)
        assert checked.returncode == 0, checked.stdout + checked.stderr


@committed
def test_the_manifest_lists_each_file_once_with_size_and_sha256(office_data, backup):
    folder = backup()
    manifest = json.loads((folder / "manifest.json").read_text())
    record = RequestedRecord.objects.exclude(file="").get()
    entry = next(f for f in manifest["files"] if f["path"] == record.file.name)
    assert (entry["size"], entry["sha256"]) == (record.size, record.sha256)
    # The produced record and the evidence made from it share one file, copied once.
    assert entry["sources"] == [
        "investigations.Evidence.file",
        "investigations.HistoricalEvidence.file",
        "investigations.HistoricalRequestedRecord.file",
        "investigations.RequestedRecord.file",
    ]
    assert [f["path"] for f in manifest["files"]].count(record.file.name) == 1
    assert manifest["database"]["sha256"] == _sha(folder / "database.dump")
    assert manifest["tables"]["public.intake_case"] == 2
    assert "intake.0001_initial" in manifest["migrations"]
    assert manifest["missing"] == []


@committed
def test_a_row_committed_while_the_backup_runs_is_in_neither_the_dump_nor_the_files(
    office_data, backup, empty_database, tmp_path, monkeypatch
):
    late = []

    def file_late():
        late.append(file_with_attachments("late-arrival"))
        connection.close()  # this thread's own connection

    real_run = backup_services.tool_run

    def run_after_a_filing(args, *, env):
        if Path(str(args[0])).name == "pg_dump":  # after the snapshot was taken, before pg_dump reads
            filer = threading.Thread(target=file_late)
            filer.start()
            filer.join()
        return real_run(args, env=env)

    monkeypatch.setattr(backup_services, "tool_run", run_after_a_filing)
    folder = backup()
    late_file = ComplaintAttachment.objects.get(complaint__case=late[0]).file.name
    assert (Path(settings.MEDIA_ROOT) / late_file).is_file() and Case.objects.count() == 3

    manifest = json.loads((folder / "manifest.json").read_text())
    assert late_file not in {f["path"] for f in manifest["files"]}
    assert manifest["tables"]["public.intake_case"] == 2
    # The restore checks every table's row count against the manifest: a dump that saw the late
    # case would be refused here.
    result = manage("restore", str(folder), database_url=empty_database, media_root=tmp_path / "restored")
    assert result.returncode == 0, result.stderr
    with _connect(_name_of(empty_database)) as restored:
        assert restored.execute("SELECT count(*) FROM intake_case").fetchone() == (2,)
    assert not (tmp_path / "restored" / late_file).exists()


@committed
@pytest.mark.parametrize("damage", ["edited file", "deleted file", "edited dump"])
def test_a_damaged_backup_is_refused_with_the_damaged_file_named(backup, damage, settings, tmp_path):
    file_with_attachments("first", "second")
    folder = backup()
    manifest = json.loads((folder / "manifest.json").read_text())
    damaged = folder / "database.dump" if damage == "edited dump" else folder / "media" / manifest["files"][1]["path"]
    if damage == "deleted file":
        damaged.unlink()
    else:
        data = bytearray(damaged.read_bytes())
        data[len(data) // 2] ^= 0x01  # one bit
        damaged.write_bytes(bytes(data))
    settings.MEDIA_ROOT = tmp_path / "restored"
    cases = Case.objects.count()

    for options in ([], ["--verify-only"]):
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(folder), *options)
        assert str(damaged.relative_to(folder)) in str(refused.value)
        assert "nothing was restored" in str(refused.value)
    assert not settings.MEDIA_ROOT.exists() and Case.objects.count() == cases


@pytest.mark.django_db
def test_a_restore_into_a_database_that_is_not_empty_is_refused(backup_copy, settings, tmp_path):
    folder = backup_copy
    settings.MEDIA_ROOT = tmp_path / "restored"
    with pytest.raises(CommandError, match=r"The database test_\w+ is not empty \(\d+ tables"):
        call_command("restore", str(folder))
    assert not settings.MEDIA_ROOT.exists()


@pytest.mark.django_db
def test_a_restore_into_a_media_folder_that_is_not_empty_is_refused(backup_copy, empty_database, tmp_path):
    folder = backup_copy
    media = tmp_path / "media-in-use"
    media.mkdir()
    (media / "someone-elses.pdf").write_bytes(b"%PDF")
    result = manage("restore", str(folder), database_url=empty_database, media_root=media)
    assert result.returncode != 0
    assert f"MEDIA_ROOT ({media}) is not empty" in result.stderr
    with _connect(_name_of(empty_database)) as untouched:
        assert untouched.execute(backup_services.TABLES_SQL).fetchall() == []


@pytest.mark.django_db
def test_a_backup_never_overwrites_an_existing_destination(backup_copy, backup, tmp_path):
    before = {p: p.read_bytes() for p in backup_copy.rglob("*") if p.is_file()}
    with pytest.raises(CommandError, match="already exists: a backup never overwrites another"):
        backup(backup_copy.name)
    assert {p: p.read_bytes() for p in backup_copy.rglob("*") if p.is_file()} == before
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        backup("empty")
    assert list((tmp_path / "empty").iterdir()) == []


def test_an_unfinished_backup_is_refused(backup_copy):
    folder = backup_copy
    (folder / "manifest.json").unlink()  # the manifest is written last
    with pytest.raises(CommandError, match="no manifest.json: it is not a finished backup"):
        call_command("restore", str(folder), "--verify-only")


def _edit_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


@pytest.mark.django_db
def test_a_backup_taken_by_newer_code_is_refused(backup_copy, settings, tmp_path):
    folder = backup_copy
    _edit_manifest(folder, lambda m: m["migrations"].append("intake.9999_from_the_future"))
    settings.MEDIA_ROOT = tmp_path / "restored"
    with pytest.raises(CommandError, match="newer version of Oversight .* migration intake.9999_from_the_future"):
        call_command("restore", str(folder))


def test_a_manifest_naming_a_file_outside_the_backup_is_refused(backup_copy):
    folder = backup_copy
    sneaky = {"path": "../../etc/cron.d/job", "size": 1, "sha256": "0" * 64, "sources": []}
    _edit_manifest(folder, lambda m: m["files"].append(sneaky))
    with pytest.raises(CommandError, match="not a plain relative path"):
        call_command("restore", str(folder), "--verify-only")


@pytest.mark.django_db
def test_pg_dump_is_never_older_than_the_server():
    server_major = connection.pg_version // 10000
    _path, major = tool_find("pg_dump", server_major=server_major)
    assert major >= server_major


@committed
def test_an_older_pg_dump_is_refused_with_its_version(settings, tmp_path, backup):
    bin_dir = tmp_path / "old-bin"
    bin_dir.mkdir()
    fake = bin_dir / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    settings.PG_BIN_DIR = str(bin_dir)
    with pytest.raises(CommandError, match=rf"{fake} \(PostgreSQL 9\)"):
        backup("refused")
    assert not (tmp_path / "refused").exists()  # no half-written backup left behind


def test_a_pg_bin_dir_without_pg_dump_is_named(settings, tmp_path):
    settings.PG_BIN_DIR = str(tmp_path / "nowhere")
    with pytest.raises(
        BackupError, match=r"No pg_dump of PostgreSQL 15 or newer.*nowhere/pg_dump \(not found\).*PG_BIN_DIR"
    ):
        tool_find("pg_dump", server_major=15)


def test_libpq_settings_come_from_django_and_the_password_only_through_the_environment():
    env = libpq_env(
        {
            "NAME": "oversight",
            "USER": "app",
            "PASSWORD": "s3cret pass",
            "HOST": "",
            "PORT": "",
            "OPTIONS": {"host": "/run/pg sock", "sslmode": "require", "pool": True},
        },
        base={"PATH": "/usr/bin", "PGHOST": "elsewhere"},
    )
    assert env == {
        "PATH": "/usr/bin",
        "PGHOST": "/run/pg sock",
        "PGDATABASE": "oversight",
        "PGUSER": "app",
        "PGPASSWORD": "s3cret pass",
        "PGSSLMODE": "require",
    }


@committed
def test_pg_dump_gets_the_password_in_its_environment_not_its_arguments(backup, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "not-on-the-command-line")  # trust auth ignores it
    calls = []
    real_run = backup_services.tool_run

    def spy(args, *, env):
        calls.append((args, env))
        return real_run(args, env=env)

    monkeypatch.setattr(backup_services, "tool_run", spy)
    backup()
    [(args, env)] = calls
    assert not any("not-on-the-command-line" in str(arg) for arg in args)
    assert env["PGPASSWORD"] == "not-on-the-command-line"


@committed
def test_a_file_lost_or_edited_in_media_root_is_reported_and_the_rest_backed_up(backup, capsys, tmp_path):
    case = file_with_attachments("lost", "edited")
    lost, edited = (a.file for a in ComplaintAttachment.objects.filter(complaint__case=case).order_by("file_name"))
    Path(lost.path).unlink()
    with open(edited.path, "ab") as handle:
        handle.write(b"appended later")
    with pytest.raises(CommandError, match="1 files named by rows are missing"):
        backup()
    warnings = capsys.readouterr().err
    assert (
        f"{lost.name} (intake.ComplaintAttachment.file, intake.HistoricalComplaintAttachment.file) is missing"
        in warnings
    )
    assert f"{edited.name} no longer matches the digest taken on receipt" in warnings
    manifest = backup_services.backup_verify(tmp_path / "backup")  # complete, all the same
    assert [m["path"] for m in manifest["missing"]] == [lost.name]
    [entry] = manifest["files"]
    assert (entry["path"], entry["sha256"]) == (edited.name, _sha(edited.path))
    assert not (tmp_path / "backup" / "media" / lost.name).exists()
