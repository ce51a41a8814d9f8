"""Who may do what in Django's admin site (README, "The administrator cannot hide").

Every model in the admin is registered with a subclass of ``AdministratorAdmin``: the site is the
Administrator role's, never decided by Django's per-user permissions or the superuser flag, and each
model says what may be added, changed or deleted (nothing, unless it says so). History is read, never
written back. ``tests/audit/test_admin_site.py`` checks that every registered model follows this.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .roles import Role, has_role


class AdministratorAdmin(admin.ModelAdmin):
    """Seen by the Administrator role only; adds, changes and deletes only what ``may_*`` allow."""

    may_add = False
    may_change = False
    may_delete = False
    actions = ()  # bulk actions only where a subclass names them (the site's bulk delete needs may_delete)

    @staticmethod
    def _administrator(request):
        return has_role(request.user, Role.ADMIN)

    def has_module_permission(self, request):
        return self._administrator(request)

    def has_view_permission(self, request, obj=None):
        return self._administrator(request)

    def has_add_permission(self, request, *args):
        return self.may_add and self._administrator(request)

    def has_change_permission(self, request, obj=None):
        return self.may_change and self._administrator(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_delete and self._administrator(request)


class AdministratorHistoryAdmin(AdministratorAdmin, SimpleHistoryAdmin):
    """With the model's history to read. simple-history's "revert" form saves an old version over the
    row when posted (bypassing the services, whatever button it shows): here it only shows it."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
