"""History rows, links and shapes can be added, never changed or removed (issue 13.6)."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from intake.models import Case
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.calendar.models import CityDay
from oversight.calendar.services import city_day_remove, city_day_set
from oversight.history import save_audited
from oversight.integrity.install import APPEND_ONLY, CHAIN, history_models, install, trigger_problems
from oversight.integrity.models import HistoryLink
from tests.conftest import make_user

from .conftest import link_pending, verify_fails

pytestmark = pytest.mark.django_db


def _refused(action):
    with pytest.raises(DatabaseError, match="History is append-only"), transaction.atomic():
        action()


def _execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


def test_every_history_table_has_both_triggers():
    tables = set(connection.introspection.table_names())
    historical = {t for t in tables if "_historical" in t}
    assert historical == {m._meta.db_table for m in history_models()}
    assert len(historical) >= 34
    with connection.cursor() as cursor:
        assert trigger_problems(cursor, tables) == []
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname IN (%s, %s) AND t.tgenabled = 'O'",
            [APPEND_ONLY, CHAIN],
        )
        installed = set(cursor.fetchall())
    assert {(t, APPEND_ONLY) for t in historical} | {(t, CHAIN) for t in historical} <= installed
    assert {("integrity_historylink", APPEND_ONLY), ("integrity_historyshape", APPEND_ONLY)} <= installed


def test_orm_update_and_delete_of_history_are_refused(history):
    _refused(lambda: Case.history.update(status="closed"))
    _refused(lambda: Case.history.all().delete())
    _refused(lambda: history.history.earliest("history_id").delete())
    assert Case.history.filter(status="closed").count() == 0


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE intake_historicalcase SET history_change_reason = 'nothing happened'",
        "DELETE FROM intake_historicalcase",
        "UPDATE integrity_historylink SET table_name = 'x'",
        "DELETE FROM integrity_historylink",
        "DELETE FROM integrity_historyshape",
    ],
)
def test_raw_sql_cannot_change_history_or_the_chain(history, sql):
    _refused(lambda: _execute(sql))
    link_pending()
    call_command("verify_history", stdout=io.StringIO())


def test_a_disabled_trigger_fails_verification_until_migrate_reinstalls_it(history):
    _execute("ALTER TABLE intake_historicalcase DISABLE TRIGGER integrity_append_only")
    assert "not protected" in verify_fails()
    assert install() == [("intake_historicalcase", APPEND_ONLY, "disabled")]
    _refused(lambda: Case.history.update(status="closed"))


def test_simple_history_cleanup_commands_are_refused(history, director):
    save_audited(history, actor=director, reason="Saved again without a change")  # a duplicate to clean
    rows = Case.history.count()
    for command in (["clean_old_history", "--days", "0", "--auto"], ["clean_duplicate_history", "--auto"]):
        with pytest.raises(DatabaseError, match="History is append-only"), transaction.atomic():
            call_command(*command, stdout=io.StringIO())
    assert Case.history.count() == rows


def test_a_staff_account_cannot_be_deleted_only_deactivated(clock, director):
    # Only history names this account (no protected foreign key stops the delete first).
    clerk = make_user(Role.INTAKE, username="clerk")
    city_day_set(date="2026-12-24", name="Closure", kind=CityDay.Kind.CLOSED, actor=clerk, reason="Set")
    with pytest.raises(ProtectedError, match="deactivated, never deleted"), transaction.atomic():
        clerk.delete()
    with pytest.raises(ProtectedError, match="deactivated, never deleted"), transaction.atomic():
        User.objects.filter(pk=clerk.pk).delete()
    clerk.is_active = False
    clerk.save()
    assert CityDay.history.get().history_user == clerk
    call_command("verify_history", stdout=io.StringIO())


def test_the_admin_site_offers_no_delete_for_accounts(client, investigator):
    client.force_login(make_user(Role.ADMIN, username="root", is_staff=True, is_superuser=True))
    assert client.get(f"/admin/accounts/user/{investigator.pk}/change/").status_code == 200
    assert client.get(f"/admin/accounts/user/{investigator.pk}/delete/").status_code == 403
    response = client.post(
        "/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [investigator.pk]}
    )
    assert User.objects.filter(pk=investigator.pk).exists()
    assert response.status_code in (200, 302)


def test_deleting_a_historied_object_adds_history_and_the_chain_holds(clock, director):
    day, _ = city_day_set(date="2026-12-24", name="Closure", kind=CityDay.Kind.CLOSED, actor=director, reason="Set")
    city_day_remove(day=day, actor=director, reason="Council reversed it")
    link_pending()
    assert list(CityDay.history.values_list("history_type", flat=True).order_by("history_id")) == ["+", "-"]
    assert HistoryLink.objects.filter(table_name="oversight_calendar_historicalcityday").count() == 2
    call_command("verify_history", stdout=io.StringIO())


def test_truncate_is_left_to_privileges_and_verification_notices_it(history):
    # Django's flush (every transactional test) truncates; production's role may not (README).
    link_pending()
    _execute("TRUNCATE intake_historicalcase")
    assert "the history row was deleted" in verify_fails()
