from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Agency and certification", {"fields": ("agency", "ppb_records_certified_until")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "agency", "is_active")
