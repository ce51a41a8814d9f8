"""The second factor in tests: a real authenticator device and the code it shows now.

``client.force_login(user)`` in every test also passes the second factor with the user's own device
(conftest.py), as a login through the verify page would; the MFA tests (tests/test_mfa.py) and the
browser logins (tests/e2e/login.py) go through the real pages with ``current_code``.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts.mfa import AUTHENTICATOR_NAME, authenticator_next_code

_force_login_without_second_factor = Client.force_login


def authenticator(user):
    """The user's confirmed authenticator, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def current_code(user):
    """A code the user's authenticator accepts now (a later step's if this one's was used)."""
    device = authenticator(user)
    device.refresh_from_db()
    return authenticator_next_code(device)


def force_login_verified(client, user, backend=None):
    _force_login_without_second_factor(client, user, backend)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()


def force_login_unverified(client, user):
    """A session that passed the password only."""
    _force_login_without_second_factor(client, user)
