"""Other apps' admin pages under the Administrator's rules (oversight/accounts/admin_policy.py).

This app is last in INSTALLED_APPS, so every other app has registered its admin by now. Login and
access logs are read, never changed or deleted; schedules are read; API tokens are listed without
their keys and may be deleted (revoked), which tells the person and the Director. Django's groups are
the roles, changed only through the role-change page. (Second-factor devices are not in the admin
site at all: oversight/accounts/apps.py.)
"""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule
from rest_framework.authtoken.admin import TokenAdmin as BaseTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from oversight.accounts.admin_policy import AdministratorAdmin

from .services import credentials_reset_tell


def _replace(model, admin_class):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, admin_class)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class AccessAttemptAdmin(AdministratorAdmin, axes_admin.AccessAttemptAdmin):
    pass


class AccessLogAdmin(AdministratorAdmin, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(AdministratorAdmin, axes_admin.AccessFailureLogAdmin):
    pass


_replace(AccessAttempt, AccessAttemptAdmin)
_replace(AccessLog, AccessLogAdmin)
_replace(AccessFailureLog, AccessFailureLogAdmin)


class PeriodicTaskAdmin(AdministratorAdmin, beat_admin.PeriodicTaskAdmin):
    pass


_replace(PeriodicTask, PeriodicTaskAdmin)
for _model, _base in (
    (ClockedSchedule, beat_admin.ClockedScheduleAdmin),
    (CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (SolarSchedule, beat_admin.SolarScheduleAdmin),
    (IntervalSchedule, beat_admin.IntervalScheduleAdmin),
):
    _replace(_model, type(_base.__name__, (AdministratorAdmin, _base), {"__module__": __name__}))


class TokenAdmin(AdministratorAdmin, BaseTokenAdmin):
    """A PPB liaison's API token: the list leaves out the key (whoever reads it can call as the liaison).
    Deleting it revokes it, which is told to the liaison and to the Director."""

    may_delete = True
    list_display = ("user", "created")
    actions = None  # as DRF's: the list maps rows to users, not to tokens

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        credentials_reset_tell(actor=request.user, user=obj.user, what="api_token")


_replace(TokenProxy, TokenAdmin)
