"""The second-factor pages: verify, enrol, recovery codes, and the Director's or administrator's reset."""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials, get_lockout_response
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from oversight.forms import AccessibleForm

from . import mfa
from .models import User
from .roles import Role, role_required
from .throttle import login_attempts_reset

CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*", "maxlength": 8}
)


class CodeForm(AccessibleForm):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        help_text=gettext_lazy("The 6 digits the app shows now for the Oversight System."),
        widget=CODE_WIDGET,
        max_length=8,
    )


class RecoveryCodeForm(AccessibleForm):
    recovery_code = forms.CharField(
        label=gettext_lazy("Recovery code"),
        help_text=gettext_lazy("One of the recovery codes you kept when you set up the app. Each works once."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
        max_length=20,
    )


class ResetForm(AccessibleForm):
    user = forms.ModelChoiceField(
        label=gettext_lazy("Account"), queryset=User.objects.filter(is_active=True).order_by("username")
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("For example: lost phone, reported in person on 3 May. Kept in the account's history."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _with_next(name, next_url):
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url}, safe='/')}" if next_url else url


def _locked_response(request):
    """Ends the unverified session of a pair that is locked (CJIS 5.5.3) and says so."""
    credentials = get_credentials(request.user.get_username())
    logout(request)
    return get_lockout_response(request, None, credentials)


def _throttled_message(error):
    return _("Too many wrong codes. Wait until %(time)s, then try again.") % {
        "time": time_format(localtime(error.until), "H:i:s")
    }


def _check(request, form, *, field, recovery):
    """Verifies the form's code; a wrong one is logged and counted as a failed login."""
    try:
        device = mfa.second_factor_verify(user=request.user, code=form.cleaned_data[field], recovery=recovery)
    except mfa.SecondFactorThrottled as error:
        form.add_error(field, _throttled_message(error))
        return None
    if device is None:
        user_login_failed.send(
            sender=__name__, credentials=get_credentials(request.user.get_username()), request=request
        )
        form.add_error(field, _("That code did not work. Check it and try again."))
    return device


def _second_factor_page(view):
    view = login_required(view)
    view.second_factor_exempt = True
    view.allowed_roles = "any staff"
    return view


@_second_factor_page
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of a login: a code from the authenticator, or a recovery code."""
    next_url = _next_url(request)
    if not mfa.second_factor_pending(request):
        return redirect(next_url or "accounts:home")
    if mfa.authenticator_get(request.user) is None:
        return redirect(_with_next("accounts:mfa-enrol", next_url))
    if AxesProxyHandler.is_locked(request, get_credentials(request.user.get_username())):
        return _locked_response(request)
    code_form, recovery_form = CodeForm(), RecoveryCodeForm()
    if request.method == "POST":
        recovery = "recovery_code" in request.POST
        form = RecoveryCodeForm(request.POST) if recovery else CodeForm(request.POST)
        if recovery:
            recovery_form = form
        else:
            code_form = form
        if form.is_valid():
            device = _check(request, form, field="recovery_code" if recovery else "code", recovery=recovery)
            if getattr(request, "axes_locked_out", False):
                return _locked_response(request)
            if device is not None:
                otp_login(request, device)
                login_attempts_reset(request, request.user)
                if recovery:
                    left = mfa.recovery_codes_left(request.user)
                    messages.warning(
                        request,
                        _("You used a recovery code; %(left)s left. Make new ones on the recovery codes page.")
                        % {"left": left},
                    )
                return redirect(next_url or "accounts:home")
    context = {"code_form": code_form, "recovery_form": recovery_form, "next": next_url}
    return render(request, "accounts/mfa_verify.html", context)


def _qr_svg(device):
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    # Made here from the device's own URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


@_second_factor_page
@require_http_methods(["GET", "POST"])
def enrol(request):
    """First login: set up the authenticator app, confirm it with a code, then keep the recovery codes."""
    next_url = _next_url(request)
    if mfa.authenticator_get(request.user) is not None:
        return redirect(_with_next("accounts:mfa-verify", next_url))
    device = mfa.authenticator_enrolment_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = mfa.authenticator_enrolment_confirm(user=request.user, code=form.cleaned_data["code"])
        except mfa.SecondFactorThrottled as error:
            form.add_error("code", _throttled_message(error))
        else:
            if done is None:
                form.add_error("code", _("That code did not work. Check the time on your phone and try again."))
            else:
                otp_login(request, done[0])
                login_attempts_reset(request, request.user)
                request.session[mfa.NEW_CODES_SESSION_KEY] = done[1]
                return redirect(_with_next("accounts:recovery-codes", next_url))
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "next": next_url,
    }
    return render(request, "accounts/mfa_enrol.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes are shown once, right after they are made; here one makes new ones."""
    if request.method == "POST":
        request.session[mfa.NEW_CODES_SESSION_KEY] = mfa.recovery_codes_issue(user=request.user)
        return redirect("accounts:recovery-codes")
    context = {
        "new_codes": request.session.pop(mfa.NEW_CODES_SESSION_KEY, None),
        "left": mfa.recovery_codes_left(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/mfa_recovery_codes.html", context)


recovery_codes.allowed_roles = "any staff"


@role_required(Role.DIRECTOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def reset(request):
    """The Director or an administrator resets a colleague's second factor (a lost phone)."""
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["user"]
        try:
            mfa.second_factor_reset(user=target, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The second factor of %(user)s was reset. They set it up again at their next login.")
                % {"user": target.get_username()},
            )
            return redirect("accounts:mfa-reset")
    return render(request, "accounts/mfa_reset.html", {"form": form})
