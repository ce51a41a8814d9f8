"""The administrator cannot hide (issue 13.4): roles change through one audited service that names
what was granted and removed, needs a reason, refuses one's own roles, and tells the Director."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from oversight.accounts.models import User
from oversight.accounts.roles import Role, user_roles
from oversight.audit.models import RoleChange
from oversight.audit.services import role_change
from oversight.notices.models import Notice
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixed_clock")]

URL = "/staff/audit/users/{}/roles/"


@pytest.fixture
def newcomer(db):
    return User.objects.create_user(username="newcomer", email="new@test.invalid", password="x" * 20, agency="ocpa")


def _roles(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_the_probe_administrator_can_no_longer_add_itself_to_the_director_group_in_the_admin(client):
    # The probe: the demo's administrator (then a superuser) ticked Director in its own change form.
    admin = make_user(Role.ADMIN, username="ada", is_staff=True, is_superuser=True)
    director_group = Group.objects.get_or_create(name=Role.DIRECTOR)[0]
    client.force_login(admin)
    form = client.get(f"/admin/accounts/user/{admin.pk}/change/").content.decode()
    assert 'name="groups"' not in form and 'name="is_superuser"' not in form and 'name="is_staff"' not in form
    assert 'name="user_permissions"' not in form
    data = {
        "username": "ada",
        "first_name": "Adaline",
        "last_name": "Tester",
        "email": "ada@test.invalid",
        "agency": "city",
        "is_active": "on",
        "groups": [director_group.pk],
        "is_superuser": "on",
    }
    assert client.post(f"/admin/accounts/user/{admin.pk}/change/", data).status_code == 302
    admin.refresh_from_db()
    assert admin.first_name == "Adaline"  # the form was saved, without its roles
    assert _roles(admin) == {Role.ADMIN}


def test_an_administrator_cannot_change_their_own_roles(client, admin_user):
    client.force_login(admin_user)
    assert client.get(URL.format(admin_user.pk)).status_code == 403
    response = client.post(URL.format(admin_user.pk), {"roles": [Role.DIRECTOR], "reason": "Covering"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        role_change(actor=admin_user, user=admin_user, grant=[Role.DIRECTOR], reason="Covering")
    assert _roles(admin_user) == {Role.ADMIN} and not RoleChange.objects.exists()


def test_a_role_change_names_what_was_granted_and_removed_who_why_and_from_where(
    client, admin_user, intake_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL.format(intake_user.pk),
            {"roles": [Role.INVESTIGATOR], "reason": "Promoted, ticket 42"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert response.status_code == 302
    change = RoleChange.objects.get()
    assert (change.actor, change.user, change.granted, change.revoked) == (
        admin_user,
        intake_user,
        [Role.INVESTIGATOR],
        [Role.INTAKE],
    )
    assert (change.reason, change.client_address) == ("Promoted, ticket 42", "203.0.113.9")
    assert _roles(intake_user) == {Role.INVESTIGATOR}


def test_every_director_and_the_person_are_told_of_a_role_change(
    admin_user, director, newcomer, django_capture_on_commit_callbacks
):
    second_director = make_user(Role.DIRECTOR, username="director2")
    with django_capture_on_commit_callbacks(execute=True):
        role_change(actor=admin_user, user=newcomer, grant=[Role.DIRECTOR], reason="Acting Director", client_address="")
    told = Notice.objects.filter(subject__contains="newcomer").order_by("recipient_user_id")
    assert {n.recipient_user for n in told} == {director, second_director, newcomer}
    body = told.first().body
    assert "Granted: Director" in body and "Acting Director" in body and str(admin_user) in body
    assert "/staff/audit/role-changes/" in body


def test_a_role_change_needs_a_reason_and_a_change(admin_user, intake_user):
    with pytest.raises(ValidationError, match="reason"):
        role_change(actor=admin_user, user=intake_user, grant=[Role.DIRECTOR], reason="  ")
    with pytest.raises(ValidationError, match="Nothing to change"):
        role_change(actor=admin_user, user=intake_user, grant=[Role.INTAKE], reason="x")
    assert not RoleChange.objects.exists()


def test_only_an_administrator_changes_roles(director, intake_user):
    with pytest.raises(PermissionDenied):
        role_change(actor=director, user=intake_user, grant=[Role.DIRECTOR], reason="x")
    assert _roles(intake_user) == {Role.INTAKE}


def test_the_administrator_role_is_held_alone(admin_user, intake_user):
    other_admin = make_user(Role.ADMIN, username="admin2", is_staff=True)
    with pytest.raises(ValidationError, match="no other role"):
        role_change(actor=admin_user, user=other_admin, grant=[Role.DIRECTOR], reason="Covering")
    with pytest.raises(ValidationError, match="no other role"):
        role_change(actor=admin_user, user=intake_user, grant=[Role.ADMIN], reason="IT help")
    assert _roles(other_admin) == {Role.ADMIN} and _roles(intake_user) == {Role.INTAKE}


def test_a_case_role_follows_the_accounts_agency(admin_user, liaison):
    # A PPB account never holds OCPA's roles: the police do not investigate themselves (35A).
    with pytest.raises(ValidationError, match="not for an account of Portland Police Bureau"):
        role_change(actor=admin_user, user=liaison, grant=[Role.INVESTIGATOR], reason="Liaison help")


def test_the_staff_flag_follows_the_administrator_role(admin_user):
    clerk = User.objects.create_user(username="clerk", password="x" * 20, agency="city")
    role_change(actor=admin_user, user=clerk, grant=[Role.ADMIN], reason="Second administrator")
    clerk.refresh_from_db()
    assert clerk.is_staff and clerk.history.first().history_user == admin_user
    role_change(actor=admin_user, user=clerk, revoke=[Role.ADMIN], reason="Left the City")
    clerk.refresh_from_db()
    assert not clerk.is_staff and user_roles(clerk) == frozenset()


def test_the_operator_names_the_first_administrator_from_the_server(django_capture_on_commit_callbacks, director):
    first = User.objects.create_user(username="first-admin", password="x" * 20, agency="city")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("role_change", "first-admin", "--grant", Role.ADMIN, "--reason", "Go-live")
    change = RoleChange.objects.get()
    assert change.actor is None and change.operator and change.granted == [Role.ADMIN]
    assert _roles(first) == {Role.ADMIN}
    assert Notice.objects.filter(recipient_user=director, body__contains="the operator").exists()


def test_the_role_change_page_shows_the_roles_and_earlier_changes(client, admin_user, intake_user):
    role_change(actor=admin_user, user=intake_user, grant=[Role.INVESTIGATOR], reason="Cross-trained")
    client.force_login(admin_user)
    page = client.get(URL.format(intake_user.pk)).content.decode()
    assert "Cross-trained" in page and 'value="investigator" checked' in page.replace('"\n', '" ')


def test_an_administrator_who_sets_someones_password_tells_them_and_the_director(
    client, admin_user, director, intake_user
):
    client.force_login(admin_user)
    password = "a-brand-new-long-password-1"
    response = client.post(
        f"/admin/accounts/user/{intake_user.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    assert response.status_code == 302
    told = Notice.objects.filter(subject__contains="credentials")
    assert {n.recipient_user for n in told} == {director, intake_user}
    assert f"{admin_user} set a new password of {intake_user}" in told.first().body
