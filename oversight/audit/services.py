"""Role changes, and the retention purge of the logs (CJIS 5.4.1.1, 5.4.6).

Rules for role changes (README, "The administrator cannot hide"):

- only an Administrator changes roles, and never their own: the person who holds a power is not the
  one who grants it to themselves (separation of duties);
- the Administrator role is held alone: an account that runs the system reads no case, and an account
  that reads cases does not manage accounts. Adding itself or a second account to the Director group
  is therefore a change an Administrator can make only for another person, in the open;
- a case role matches the account's agency: OCPA's roles go to OCPA accounts, the Board's to CBPA
  accounts, and a records liaison is never an OCPA or Board account (35A: oversight independent of
  the police it oversees);
- every change names the roles granted and removed, gives a reason, is stored in an append-only
  RoleChange row with the client's address, and is told to every active Director and to the person.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from oversight.accounts.alerts import active_directors, staff_notify
from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .checks import MINIMUM_RETENTION_DAYS
from .models import RoleChange, SensitiveRead

Agency = User.Agency
ROLE_AGENCIES = {
    Role.INTAKE: {Agency.OCPA},
    Role.INVESTIGATOR: {Agency.OCPA},
    Role.DIRECTOR: {Agency.OCPA},
    Role.BOARD: {Agency.CBPA},
    Role.LIAISON: {Agency.PPB, Agency.CITY},
    Role.ADMIN: set(Agency.values),
}


def can_change_roles(actor, user):
    """An Administrator, for anyone but themselves."""
    return has_role(actor, Role.ADMIN) and actor.pk != user.pk


@transaction.atomic
def role_change(*, actor, user, grant=(), revoke=(), reason, client_address="", operator=""):
    """Grants and removes roles as one recorded change; tells the Directors and the person after commit.
    ``actor`` None is the operator's command on the server (``operator`` names who ran it)."""
    if actor is None and not operator.strip():
        raise PermissionDenied("A role change names who made it.")
    if actor is not None and not can_change_roles(actor, user):
        raise PermissionDenied(_("Only an administrator changes roles, and never their own."))
    grant, revoke = {Role(r) for r in grant}, {Role(r) for r in revoke}
    if not str(reason).strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if grant & revoke:
        raise ValidationError(_("A role cannot be granted and removed in the same change."))
    user = User.objects.select_for_update().get(pk=user.pk)
    held = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    grant, revoke = grant - held, revoke & held
    if not grant and not revoke:
        raise ValidationError(_("Nothing to change: the account already holds exactly these roles."))
    _check_roles(user, (held | grant) - revoke)
    user.groups.add(*_groups(grant))
    user.groups.remove(*_groups(revoke))
    _sync_staff_flag(user, (held | grant) - revoke, actor=actor, reason=reason)
    change = RoleChange.objects.create(
        actor=actor,
        operator=operator[:150],
        user=user,
        granted=sorted(grant),
        revoked=sorted(revoke),
        reason=str(reason).strip(),
        at=timezone.now(),
        client_address=client_address[:64],
    )
    transaction.on_commit(partial(_tell, change.pk))
    return change


def _groups(roles):
    return [Group.objects.get_or_create(name=role)[0] for role in sorted(roles)]


def _check_roles(user, roles):
    if Role.ADMIN in roles and len(roles) > 1:
        raise ValidationError(_("An administrator account holds no other role: it runs the system, not cases."))
    for role in roles:
        if user.agency not in ROLE_AGENCIES[role]:
            raise ValidationError(
                _("The role %(role)s is not for an account of %(agency)s.")
                % {"role": Role(role).label, "agency": user.get_agency_display()}
            )


def _sync_staff_flag(user, after, *, actor, reason):
    """The admin site is the Administrator's: Django's staff flag follows the role, never set by hand."""
    is_staff = Role.ADMIN in after
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        save_audited(user, actor=actor, reason=f"Role change: {reason}", update_fields=["is_staff"])


def _roles_text(roles):
    return ", ".join(str(Role(r).label) for r in roles) or "—"


def _tell(change_id):
    """Every active Director, and the person whose roles changed, is told."""
    change = RoleChange.objects.select_related("actor", "user").get(pk=change_id)
    with translation.override(settings.LANGUAGE_CODE):
        by = str(change.actor) if change.actor else _("the operator %(name)s") % {"name": change.operator}
        body = _(
            "%(by)s changed the roles of %(user)s.\nGranted: %(granted)s\nRemoved: %(revoked)s\n"
            "Reason: %(reason)s\nFrom address: %(address)s\nEvery role change is listed at %(url)s"
        ) % {
            "by": by,
            "user": change.user,
            "granted": _roles_text(change.granted),
            "revoked": _roles_text(change.revoked),
            "reason": change.reason,
            "address": change.client_address or "—",
            "url": f"{settings.SITE_URL.rstrip('/')}{reverse('audit:role-change-list')}",
        }
        subject = _("Roles changed: %(user)s") % {"user": change.user}
        _tell_directors_and(change.user, subject, body, actor=change.actor)


def _tell_directors_and(person, subject, body, *, actor):
    """Every active Director and the person: by e-mail where there is an address (out of band), and in
    their portal inbox either way."""
    directors = active_directors()
    for recipient in {u.pk: u for u in [*directors, person]}.values():
        staff_notify(recipient, subject=subject, body=body, actor=actor)


CREDENTIALS = {
    "password": _lazy("set a new password"),
    "api_token": _lazy("deleted the API token"),
}


def credentials_reset_tell(*, actor, user, what):
    """An administrator who sets someone's password (or deletes their API token) could act as them, or cut
    them off: the person and every Director are told at once, so it is never silent."""
    if actor.pk == user.pk:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Sign-in credentials changed: %(user)s") % {"user": user}
        body = _("%(by)s %(what)s of %(user)s on %(when)s. If this was not asked for, tell the Director.") % {
            "by": actor,
            "user": user,
            "what": CREDENTIALS[what],
            "when": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        }
        _tell_directors_and(user, subject, body, actor=actor)


# Retention (CJIS 5.4.6). The logs purged by age, with the column their age is read from; role changes
# and bylaws changes are few and kept for good.
PURGED = (
    (SensitiveRead, "at"),
    ("axes.AccessLog", "attempt_time"),
    ("axes.AccessFailureLog", "attempt_time"),
)


def _model(model):
    from django.apps import apps

    return apps.get_model(model) if isinstance(model, str) else model


def access_log_purge(*, now=None):
    """Deletes read and login log rows older than ACCESS_LOG_RETENTION_DAYS (never fewer than 365);
    the only deletion the tables' trigger allows, and only of rows older than this cutoff."""
    days = max(settings.ACCESS_LOG_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted = {}
    with transaction.atomic(), connection.cursor() as cursor:
        # Local to this transaction: the trigger lets through the deletion of rows older than this.
        cursor.execute("SELECT set_config('oversight.audit_purge_before', %s, true)", [cutoff.isoformat()])
        for model, column in PURGED:
            model = _model(model)
            deleted[model._meta.label] = model.objects.filter(**{f"{column}__lt": cutoff}).delete()[0]
    return deleted
