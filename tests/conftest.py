import datetime
import os
import uuid

import pytest
from django.contrib.auth.models import Group

from oversight.accounts.models import User
from oversight.accounts.roles import Role

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # `make test-clocks` runs the suite under faketime; if the clock did not really move, the run
    # would prove nothing, so it stops here instead of passing.
    expected = os.environ.get("OVERSIGHT_EXPECT_DATE")
    if expected and datetime.date.today().isoformat() != expected:
        raise pytest.UsageError(f"the clock was meant to read {expected} but reads {datetime.date.today()}")
    # A plain `pytest` (not `make test`) still gets fresh .mo files; the xdist controller
    # compiles before its workers start, so workers never race on the files.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from oversight.launcher import compile_messages

        compile_messages()


AGENCY = {Role.LIAISON: User.Agency.PPB, Role.BOARD: User.Agency.CBPA, Role.ADMIN: User.Agency.CITY}


def make_user(role, username=None, **extra):
    if role in (Role.INVESTIGATOR, Role.DIRECTOR):
        extra.setdefault("ppb_records_certified_until", datetime.date.today() + datetime.timedelta(days=365))
    user = User.objects.create_user(
        username=username or role.value,
        password="a-long-test-password-123",
        first_name=role.label.split()[0],
        last_name="Tester",
        email=f"{username or role.value}@test.invalid",
        agency=AGENCY.get(role, User.Agency.OCPA),
        **extra,
    )
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@pytest.fixture(autouse=True)
def settings_for_tests(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Each test gets its own keys in the shared Redis, so rate-limit counters never leak between tests.
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture(autouse=True)
def each_test_starts_in_the_default_language():
    """LocaleMiddleware leaves the last request's language active in the thread; a test that reads a
    translated label outside a request must not see the language an earlier test's page was in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login`` also verifies the session with the user's own authenticator (tests/mfa.py)."""
    from django.test import Client

    from tests.mfa import force_login_verified

    monkeypatch.setattr(Client, "force_login", force_login_verified)


@pytest.fixture
def intake_user(db):
    return make_user(Role.INTAKE)


@pytest.fixture
def investigator(db):
    return make_user(Role.INVESTIGATOR)


@pytest.fixture
def other_investigator(db):
    return make_user(Role.INVESTIGATOR, username="investigator2")


@pytest.fixture
def director(db):
    return make_user(Role.DIRECTOR)


def make_board_user(username, kind="member", term_start_on=datetime.date(2000, 1, 1), term_end_on=None):
    """A Board-role user with one membership term (issue 9 part A): kind "member" or "alternate"."""
    from oversight.governance.models import BoardMembership

    user = make_user(Role.BOARD, username=username)
    membership = BoardMembership(user=user, kind=kind, term_start_on=term_start_on, term_end_on=term_end_on)
    membership._change_reason = "Test arrangement"
    membership.save()
    return user


@pytest.fixture
def board_members(db):
    return [make_board_user(f"board{i}") for i in range(1, 4)]


@pytest.fixture
def board_alternates(db):
    return [make_board_user(f"alternate{i}", kind="alternate") for i in range(1, 3)]


@pytest.fixture
def liaison(db):
    return make_user(Role.LIAISON)


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, is_staff=True)


@pytest.fixture
def users_by_role(intake_user, investigator, director, board_members, liaison, admin_user):
    return {
        Role.INTAKE: intake_user,
        Role.INVESTIGATOR: investigator,
        Role.DIRECTOR: director,
        Role.BOARD: board_members[0],
        Role.LIAISON: liaison,
        Role.ADMIN: admin_user,
    }
