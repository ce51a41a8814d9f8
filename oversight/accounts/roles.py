"""Roles are Django groups; every permission rule in the system is built on these names."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    INTAKE = "intake_staff", _("Intake staff")
    INVESTIGATOR = "investigator", _("Investigator")
    DIRECTOR = "director", _("Director")
    BOARD = "board_member", _("Board member")
    LIAISON = "ppb_liaison", _("PPB liaison")
    ADMIN = "administrator", _("Administrator")


OCPA_STAFF = (Role.INTAKE, Role.INVESTIGATOR, Role.DIRECTOR)


def user_roles(user):
    """The set of role names the user holds (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_cache = cached
    return cached


def has_role(user, *roles):
    return bool(user_roles(user).intersection(roles))


def role_required(*roles):
    """View decorator: anonymous visitors go to the login page; other roles get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator


def public(view):
    """Marks a view that anyone may see, so the permission matrix knows it is meant."""
    view.allowed_roles = "public"
    return view
