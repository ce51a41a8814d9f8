"""The role the application runs as in production writes history but can neither change it nor
switch its guards off (DATABASE_APP_ROLE; the test database itself runs as a superuser)."""

import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from oversight.history import save_audited
from oversight.integrity.install import install
from oversight.integrity.verify import history_verify

from .conftest import link_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_role(settings):
    """A role created inside the test's transaction, so it disappears with it."""
    role = f"oversight_app_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} NOLOGIN")
    settings.DATABASE_APP_ROLE = role
    install()
    return role


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE intake_historicalcase SET history_change_reason = 'x'",
        "DELETE FROM intake_historicalcase",
        "TRUNCATE intake_historicalcase",
        "ALTER TABLE intake_historicalcase DISABLE TRIGGER integrity_append_only",
        "SET session_replication_role = replica",
        "INSERT INTO integrity_historylink (table_name, history_id, shape, row_digest, prev_hash, hash) "
        "VALUES ('x', 1, '', '', '', '')",
        "DELETE FROM integrity_historylink",
        "SELECT integrity_link_existing('intake_historicalcase', 'history_id')",
    ],
)
def test_the_application_role_cannot_change_history_or_its_guards(history, app_role, sql):
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        with pytest.raises(DatabaseError, match="permission denied|must be owner|append-only"), transaction.atomic():
            cursor.execute(sql)
        cursor.execute("RESET ROLE")
    assert history_verify().ok


def test_the_application_role_writes_history_and_the_trigger_links_it(history, app_role, director):
    rows = history.history.count()
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_role}")
        save_audited(history, actor=director, reason="Written as the application")
        link_pending()  # the chain is written by the trigger with the owner's rights
        cursor.execute("RESET ROLE")
    assert history.history.count() == rows + 1
    report = history_verify()
    assert report.ok and report.rows == report.links
