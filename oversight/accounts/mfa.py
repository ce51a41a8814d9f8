"""Staff log in with a second factor (CJIS 5.6.2.2): a TOTP authenticator app, or a one-time recovery code.

django-otp holds the devices and does the cryptography (TOTP per RFC 6238, recovery codes as its static
tokens); this module decides who must use them and when. The flow: the password login
(``StaffLoginView``) starts an unverified session; ``SecondFactorMiddleware`` sends every staff page of
that session to the verify step (``accounts:mfa-verify``), or to enrolment when the account has no
authenticator yet; ``django_otp.login`` then marks the session verified. The session API refuses an
unverified session (``VerifiedSessionAuthentication``); token-authenticated calls (PPB's integration,
R6.4, tokens an administrator issues) and public pages are not asked for a code.

Every account is a staff account that reaches case content or police records (roles.py), so with
MFA_REQUIRED (the default) every account enrols; with it off, accounts that enrolled still verify.
Wrong codes count as failed logins (throttle.py) and each device also slows down after a failure
(django-otp's exponential back-off), so codes cannot be guessed without limit.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import device_classes, user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication

from oversight.history import save_audited
from oversight.middleware import _is_public

from .alerts import staff_notify
from .models import User
from .roles import Role, has_role

logger = logging.getLogger(__name__)

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# New recovery codes wait here for the one page that shows them, once.
NEW_CODES_SESSION_KEY = "mfa_new_recovery_codes"


class SecondFactorThrottled(Exception):
    """The device refuses codes until ``until`` after recent wrong ones (django-otp's back-off)."""

    def __init__(self, until):
        super().__init__(until)
        self.until = until


# Who must verify, and whether this request has


def second_factor_required(user):
    return bool(settings.MFA_REQUIRED) or user_has_device(user)


def second_factor_pending(request):
    """True for a signed-in session that still owes its second factor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
    return not (is_verified and is_verified()) and second_factor_required(user)


class SecondFactorMiddleware:
    """Sends every staff page of an unverified session to the verify step (or enrolment).

    Public views (``@public``) and the MFA pages themselves pass; so do API views, whose session
    authentication refuses an unverified session itself (``VerifiedSessionAuthentication``) and
    answers 403 rather than a redirect to an HTML page. Must sit after django_otp's OTPMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "second_factor_exempt", False) or getattr(view_func, "cls", None) is not None:
            return None
        if _is_public(getattr(request, "resolver_match", None)) or not second_factor_pending(request):
            return None
        return redirect_to_login(request.get_full_path(), reverse("accounts:mfa-verify"))


class VerifiedSessionAuthentication(SessionAuthentication):
    """DRF's session authentication, except that a session still owing its second factor is no login."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and second_factor_pending(request._request):
            return None
        return result


class VerifiedSessionScheme(SessionScheme):
    """The API schema describes it as the session cookie it is."""

    target_class = VerifiedSessionAuthentication


# Selectors


def authenticator_get(user, *, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Services


def _audit(user, *, actor, reason):
    """A history row on the account: devices are django-otp's rows, which keep no history."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    save_audited(locked, actor=actor, reason=reason)


def _throttle_check(device):
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorThrottled(info.get("locked_until"))


def authenticator_enrolment_start(*, user):
    """The account's authenticator still to be confirmed: the same one until then, so a reload keeps its QR code."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)  # one pending authenticator, even on a double load
        device = authenticator_get(user, confirmed=False)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def authenticator_enrolment_confirm(*, user, code):
    """Confirms the pending authenticator with a code it shows; returns (device, new recovery codes), or
    None for a wrong code. Raises SecondFactorThrottled while the device waits after wrong codes."""
    pending = authenticator_get(user, confirmed=False)
    if pending is None:
        return None
    _throttle_check(pending)
    with transaction.atomic():
        device = otp_verify_token(user, pending.persistent_id, _digits(code))
        if device is None:
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        _audit(user, actor=user, reason="Second factor enrolled: authenticator app and recovery codes")
    logger.info("second factor enrolled for user %s", user.pk)
    return device, codes


def recovery_codes_issue(*, user):
    """Replaces the account's recovery codes with new ones; the old ones stop working."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        _audit(user, actor=user, reason="Recovery codes replaced")
    return codes


def _recovery_codes_replace(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, user, code, recovery=False):
    """The device that accepted the code (an authenticator code, or a recovery code, which is then used
    up), or None. Raises SecondFactorThrottled while the device waits after wrong codes."""
    if recovery:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
        code = "".join(code.split()).replace("-", "").lower()
    else:
        device = authenticator_get(user)
        code = _digits(code)
    if device is None or not code:
        return None
    _throttle_check(device)
    return otp_verify_token(user, device.persistent_id, code)


def _digits(code):
    return "".join(str(code).split())


def second_factor_reset(*, user, actor, reason):
    """Removes every second-factor device of the account, so it enrols again at its next request (its
    sessions lose their verification at once). By the Director or an administrator, never on oneself;
    recorded in the account's history with the reason, and the account holder is told."""
    if not has_role(actor, Role.DIRECTOR, Role.ADMIN):
        raise PermissionDenied
    if actor.pk == user.pk:
        raise ValidationError(_("Ask another Director or administrator to reset your own second factor."))
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the reset.")})
    with transaction.atomic():
        for model in device_classes():
            model.objects.filter(user=user).delete()
        _audit(user, actor=actor, reason=f"Second factor reset: {reason.strip()}")
        _tell_holder_of_reset(user, actor=actor, reason=reason.strip())
    logger.warning("second factor of user %s reset by user %s", user.pk, actor.pk)


def _tell_holder_of_reset(user, *, actor, reason):
    staff_notify(
        user,
        actor=actor,
        subject=_("Your second factor for the Oversight System was reset"),
        body=_(
            "%(actor)s reset the second factor of your account %(username)s. Reason: %(reason)s\n"
            "At your next login you will set up your authenticator app again. If you did not ask for "
            "this, tell the Director."
        )
        % {"actor": actor, "username": user.get_username(), "reason": reason},
    )


# For the demo command (mfa_code) and the tests: never used by a login.


def authenticator_next_code(device, *, now=None):
    """The code the authenticator shows now or, if that one was used already, the next one the device
    still accepts (its tolerance is one step). Raises ValueError when none is left for this step."""
    step_now = (int(time.time() if now is None else now) - device.t0) // device.step + device.drift
    step = max(step_now, device.last_t + 1)
    if step > step_now + device.tolerance:
        raise ValueError("every code for this time step was used; wait for the next one")
    return str(hotp(device.bin_key, step, digits=device.digits)).zfill(device.digits)
