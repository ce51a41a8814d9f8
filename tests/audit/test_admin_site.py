"""The admin site is the Administrator's, for accounts and settings: no case content, logs read-only,
history never written back, and neither Django's permissions nor the superuser flag grant anything."""

from datetime import date

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils import timezone

from oversight.accounts.admin_policy import AdministratorAdmin
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.roster.models import Employee
from tests.arrange import case_investigating
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixed_clock")]


@pytest.fixture
def demo_admin(db):
    """The administrator as seed_demo made it before this change: a superuser too."""
    return make_user(Role.ADMIN, username="ada", is_staff=True, is_superuser=True)


def test_case_content_is_not_in_the_admin_site(client, demo_admin, intake_user, director, investigator):
    # The probe: as a superuser, the administrator read decision reasons and incident summaries here.
    case = case_investigating(intake_user, director, investigator)
    client.force_login(demo_admin)
    for url in (
        "/admin/intake/case/",
        f"/admin/intake/case/{case.pk}/change/",
        f"/admin/intake/case/{case.pk}/history/",
        "/admin/oversight_calendar/deadline/",
        "/admin/governance/bylawssetting/",
    ):
        assert client.get(url).status_code == 404, url
    index = client.get("/admin/").content.decode()
    assert "Cases" not in index and "Deadlines" not in index and case.number not in index


def test_the_administrator_still_manages_accounts_city_days_and_the_roster(client, admin_user):
    client.force_login(admin_user)
    for url in (
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/oversight_calendar/cityday/add/",
        "/admin/roster/employee/add/",
        "/admin/intake/allegationtype/",
        "/admin/axes/accesslog/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/intake/allegationtype/add/").status_code == 403  # read-only, as before
    password = "a-long-enough-password-for-new"
    added = client.post(
        "/admin/accounts/user/add/",
        {"username": "newclerk", "password1": password, "password2": password, "usable_password": "true"},
    )
    assert added.status_code == 302 and not User.objects.get(username="newclerk").groups.exists()


def _login_logs():
    now = timezone.now()
    common = {"user_agent": "x", "ip_address": "198.51.100.7", "username": "director", "path_info": "/accounts/login/"}
    return (
        AccessAttempt.objects.create(attempt_time=now, get_data="", post_data="", failures_since_start=2, **common),
        AccessLog.objects.create(attempt_time=now, **common),
        AccessFailureLog.objects.create(attempt_time=now, locked_out=False, **common),
    )


def test_login_logs_cannot_be_changed_or_deleted_in_the_admin(client, demo_admin):
    # The probe: the administrator deleted login records in the admin site.
    rows = _login_logs()
    client.force_login(demo_admin)
    for row in rows:
        base = f"/admin/axes/{row._meta.model_name}/"
        assert client.get(f"{base}{row.pk}/delete/").status_code == 403
        assert client.post(f"{base}{row.pk}/delete/", {"post": "yes"}).status_code == 403
        assert client.post(f"{base}{row.pk}/change/", {"username": "someone-else"}).status_code == 403
        listing = client.get(base).content.decode()
        assert "delete_selected" not in listing and "cleanup_expired_attempts" not in listing
        client.post(base, {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"})
        assert type(row).objects.filter(pk=row.pk, username="director").exists()


def test_the_history_revert_form_only_shows_an_old_version(client, demo_admin):
    employee = Employee.objects.create(badge_number="4242", first_name="Old", last_name="Name", rank="officer")
    first = employee.history.get()
    employee.first_name = "New"
    employee.save()
    client.force_login(demo_admin)
    url = f"/admin/roster/employee/{employee.pk}/history/{first.history_id}/"
    page = client.get(url)
    assert page.status_code == 200 and "Revert" not in page.content.decode()
    data = {"badge_number": "4242", "first_name": "Old", "last_name": "Name", "rank": "officer", "unit": ""}
    assert client.post(url, {**data, "is_covered": "on", "is_active": "on"}).status_code == 403
    employee.refresh_from_db()
    assert employee.first_name == "New" and employee.history.count() == 2


def test_every_model_in_the_admin_site_follows_the_administrator_rules():
    assert [m._meta.label for m, a in admin.site._registry.items() if not isinstance(a, AdministratorAdmin)] == []


def test_the_superuser_flag_and_django_permissions_give_nothing_without_the_role(client):
    from django.contrib.auth.models import Permission

    root = User.objects.create_user(username="root", password="x" * 20, is_staff=True, is_superuser=True)
    root.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["accounts", "axes"]))
    client.force_login(root)
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get(f"/admin/accounts/user/{root.pk}/change/").status_code == 403
    assert "accounts" not in client.get("/admin/").content.decode().lower().split("<main")[-1]


def test_an_api_token_is_listed_without_its_key(client, admin_user, liaison):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=liaison)
    client.force_login(admin_user)
    listing = client.get("/admin/authtoken/tokenproxy/").content.decode()
    assert str(liaison) in listing and token.key not in listing


def test_a_city_day_deleted_in_bulk_goes_through_the_service(client, admin_user):
    from oversight.calendar.models import CityDay
    from oversight.calendar.services import city_day_set

    day, _changed = city_day_set(
        date=date(2027, 3, 1), name="Storm closure", kind="closed", actor=admin_user, reason="x"
    )
    client.force_login(admin_user)
    client.post(
        "/admin/oversight_calendar/cityday/", {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"}
    )
    assert not CityDay.objects.filter(pk=day.pk).exists()
    assert (
        CityDay.history.filter(id=day.pk, history_type="-").get().history_change_reason
        == "Removed in the administration site"
    )
