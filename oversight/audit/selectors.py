"""The Director's reads of the logs: filtered, newest first, a constant number of queries for any size."""

from oversight.accounts.roles import Role, has_role

from .filters import RoleChangeFilter, SensitiveReadFilter
from .models import RoleChange, SensitiveRead


def _for_director(user, queryset):
    return queryset if has_role(user, Role.DIRECTOR) else queryset.none()


def sensitive_read_list_filtered(*, user, params):
    """Reads of sensitive material, with the filterset (bound to ``params``) that chose them."""
    rows = _for_director(user, SensitiveRead.objects.select_related("user").order_by("-at", "-pk"))
    filters = SensitiveReadFilter(params, queryset=rows)
    return (filters.qs if filters.is_valid() else rows.none()), filters


def role_change_list_filtered(*, user, params):
    rows = _for_director(user, RoleChange.objects.select_related("actor", "user").order_by("-at", "-pk"))
    filters = RoleChangeFilter(params, queryset=rows)
    return (filters.qs if filters.is_valid() else rows.none()), filters
