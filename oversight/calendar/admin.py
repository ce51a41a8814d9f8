from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CityDay, Deadline
from .services import city_day_remove, city_day_set


@admin.register(CityDay)
class CityDayAdmin(SimpleHistoryAdmin):
    """Administrators confirm the City's closure days here; open clocks are re-timed."""

    list_display = ("date", "name", "kind")

    def save_model(self, request, obj, form, change):
        day, changed = city_day_set(
            date=obj.date,
            name=obj.name,
            kind=obj.kind,
            actor=request.user,
            reason="Changed in the administration site",
        )
        obj.pk = day.pk
        if changed:
            self.message_user(request, f"{len(changed)} running deadline(s) were re-timed.")

    def delete_model(self, request, obj):
        city_day_remove(day=obj, actor=request.user, reason="Removed in the administration site")


@admin.register(Deadline)
class DeadlineAdmin(SimpleHistoryAdmin):
    list_display = ("rule", "about_type", "about_id", "starts_at", "due_at", "met_at", "breached_at")
    list_filter = ("rule",)
    readonly_fields = [f.name for f in Deadline._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
