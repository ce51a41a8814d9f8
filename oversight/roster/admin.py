from django.contrib import admin

from oversight.accounts.admin_policy import AdministratorHistoryAdmin

from .models import Employee


@admin.register(Employee)
class EmployeeAdmin(AdministratorHistoryAdmin):
    """The roster of Covered Employees: added and kept current here; an employee who leaves is made
    inactive, never deleted (allegations name them)."""

    may_add = True
    may_change = True
    list_display = ("badge_number", "last_name", "first_name", "rank", "unit", "is_covered", "is_active")
    search_fields = ("badge_number", "last_name", "first_name")
    list_filter = ("rank", "is_covered", "is_active")
