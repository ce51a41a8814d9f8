from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AllegationType, Case


@admin.register(AllegationType)
class AllegationTypeAdmin(SimpleHistoryAdmin):
    """Read-only: the Director edits allegation types in the staff portal, through its service (R1.6)."""

    list_display = ("name", "code", "mandatory_category", "is_active")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    """Read-only: cases change only through the staff portal's services."""

    list_display = ("number", "status", "decision", "received_at")
    search_fields = ("number",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
