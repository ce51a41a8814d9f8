from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Employee


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ("badge_number", "last_name", "first_name", "rank", "unit", "is_covered", "is_active")
    search_fields = ("badge_number", "last_name", "first_name")
    list_filter = ("rank", "is_covered", "is_active")
