"""The logs are append-only at the database, kept at least a year, and purged only when older (CJIS 5.4.6)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from axes.models import AccessFailureLog, AccessLog
from django.core.checks import run_checks
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from oversight.accounts.roles import Role
from oversight.audit.models import BylawsChange, RoleChange, SensitiveRead
from oversight.audit.services import access_log_purge
from oversight.calendar.business_days import PACIFIC

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 3, 15, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _read(user, at):
    return SensitiveRead.objects.create(
        user=user, kind=SensitiveRead.Kind.CASE_PAGE, object_id=1, case_number="2026-00001", at=at, outcome="shown"
    )


def _login(model, at, **extra):
    # axes stamps attempt_time itself (auto_now_add): the row is written at that time.
    with time_machine.travel(at, tick=False):
        return model.objects.create(
            user_agent="x", ip_address="198.51.100.7", username="director", path_info="/accounts/login/", **extra
        )


def _refused(action):
    with pytest.raises(DatabaseError, match="audit log"), transaction.atomic():
        action()


def test_the_database_refuses_to_change_or_delete_any_log_row(director, admin_user):
    rows = [
        _read(director, timezone.now()),
        RoleChange.objects.create(
            actor=admin_user, user=director, granted=[Role.DIRECTOR], reason="x", at=timezone.now()
        ),
        BylawsChange.objects.create(
            key="hearings_panel_quorum",
            value=Decimal("0.6"),
            vote_on=date(2026, 11, 20),
            adopting_body="board",
            reason="x",
            recorded_by=director,
            recorded_at=timezone.now(),
        ),
        _login(AccessFailureLog, timezone.now(), locked_out=False),
    ]
    for row in rows:
        model, field = type(row), type(row)._meta.concrete_fields[1].name
        _refused(lambda: model.objects.filter(pk=row.pk).update(**{field: F(field)}))  # noqa: B023
        _refused(lambda: model.objects.filter(pk=row.pk).delete())  # noqa: B023
        _refused(row.delete)
        assert model.objects.filter(pk=row.pk).exists()


def test_axes_records_the_logout_time_once_and_nothing_else_changes():
    login = _login(AccessLog, timezone.now())
    assert AccessLog.objects.filter(pk=login.pk).update(logout_time=timezone.now()) == 1
    _refused(lambda: AccessLog.objects.filter(pk=login.pk).update(logout_time=timezone.now() + timedelta(hours=1)))
    _refused(lambda: AccessLog.objects.filter(pk=login.pk).update(username="someone-else"))
    _refused(lambda: AccessLog.objects.filter(pk=login.pk).delete())


def test_a_logout_through_the_site_still_closes_the_access_log(client, director):
    client.post("/accounts/login/", {"username": "director", "password": "a-long-test-password-123"})
    assert AccessLog.objects.filter(username="director", logout_time__isnull=True).count() == 1
    client.post("/accounts/logout/")
    assert AccessLog.objects.filter(username="director", logout_time__isnull=False).count() == 1


def test_the_purge_deletes_read_and_login_rows_older_than_the_retention_and_nothing_younger(settings, director):
    settings.ACCESS_LOG_RETENTION_DAYS = 400
    old, young = NOW - timedelta(days=401), NOW - timedelta(days=399)
    reads = [_read(director, old), _read(director, young)]
    logins = [_login(AccessLog, old), _login(AccessLog, young)]
    failures = [_login(AccessFailureLog, old, locked_out=False), _login(AccessFailureLog, young, locked_out=True)]
    role = RoleChange.objects.create(
        actor=None, operator="root", user=director, granted=["director"], reason="x", at=old
    )
    assert access_log_purge() == {"audit.SensitiveRead": 1, "axes.AccessLog": 1, "axes.AccessFailureLog": 1}
    for kept in (reads[1], logins[1], failures[1], role):  # role changes are kept for good
        assert type(kept).objects.filter(pk=kept.pk).exists()
    assert not SensitiveRead.objects.filter(pk=reads[0].pk).exists()


def test_the_purge_never_deletes_a_row_younger_than_a_year_whatever_the_setting(settings, director):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    read = _read(director, NOW - timedelta(days=200))
    assert access_log_purge()["audit.SensitiveRead"] == 0
    assert SensitiveRead.objects.filter(pk=read.pk).exists()


def test_the_database_lets_the_purge_cutoff_through_only_for_older_rows(director):
    read = _read(director, NOW - timedelta(days=10))
    with pytest.raises(DatabaseError, match="audit log"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('oversight.audit_purge_before', %s, true)", [(NOW - timedelta(days=20)).isoformat()]
            )
        SensitiveRead.objects.filter(pk=read.pk).delete()
    assert SensitiveRead.objects.filter(pk=read.pk).exists()


def test_a_retention_shorter_than_a_year_stops_start_up(settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 364
    assert [e.id for e in run_checks() if e.id.startswith("audit.")] == ["audit.E001"]
    settings.ACCESS_LOG_RETENTION_DAYS = 365
    assert [e.id for e in run_checks() if e.id.startswith("audit.")] == []


def test_the_purge_runs_nightly_from_beat(settings):
    from oversight.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["access-log-purge"]
    app.loader.import_default_modules()
    assert entry["task"] == "oversight.audit.tasks.access_log_purge_task" and entry["task"] in app.tasks
    assert settings.ACCESS_LOG_RETENTION_DAYS >= 365
