from django.contrib import admin

from oversight.accounts.admin_policy import AdministratorHistoryAdmin

from .models import AllegationType

# Cases, complaints and everything in them are not in the admin site: the administrator runs the
# system and has no need to know a case (oversight/accounts/need_to_know.py). Staff read cases in the
# staff portal, where every read is logged (oversight/audit).


@admin.register(AllegationType)
class AllegationTypeAdmin(AdministratorHistoryAdmin):
    """Read-only: the Director edits allegation types in the staff portal, through its service (R1.6)."""

    list_display = ("name", "code", "mandatory_category", "is_active")
