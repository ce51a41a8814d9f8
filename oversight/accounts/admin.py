from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from oversight.audit.services import credentials_reset_tell

from .admin_policy import AdministratorHistoryAdmin
from .models import User
from .roles import Role


@admin.register(User)
class UserAdmin(AdministratorHistoryAdmin, BaseUserAdmin):
    """Accounts: the Administrator adds them, edits names, agency and certification, deactivates them.

    Roles (groups), the staff and superuser flags and per-user permissions are not fields here: roles
    change only through the audited role-change page (oversight/audit), which sets the staff flag."""

    may_add = True
    may_change = True
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Agency and certification"), {"fields": ("agency", "ppb_records_certified_until")}),
        (_("Status and roles"), {"fields": ("is_active", "roles", "last_login", "date_joined")}),
    )
    readonly_fields = ("roles", "last_login", "date_joined")
    list_display = ("username", "email", "first_name", "last_name", "agency", "role_list", "is_active")
    list_filter = ("is_active", "agency", "groups")
    filter_horizontal = ()

    def user_change_password(self, request, id, form_url=""):  # noqa: A002 - Django's own argument name
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            credentials_reset_tell(actor=request.user, user=user, what="password")
        return response

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("Roles"))
    def role_list(self, user):
        return ", ".join(str(Role(g.name).label) for g in user.groups.all() if g.name in Role.values) or "—"

    @admin.display(description=_("Roles"))
    def roles(self, user):
        if user.pk is None:
            return _("Save the account first, then give it its roles.")
        url = reverse("audit:role-change-form", args=[user.pk])
        return format_html('{} · <a href="{}">{}</a>', self.role_list(user), url, _("Change roles"))
