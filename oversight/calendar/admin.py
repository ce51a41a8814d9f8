from django.contrib import admin

from oversight.accounts.admin_policy import AdministratorHistoryAdmin

from .models import CityDay
from .services import city_day_remove, city_day_set

# Deadlines are not in the admin site: each names the case or request it times (the staff portal shows
# them to those who may see the case).


@admin.register(CityDay)
class CityDayAdmin(AdministratorHistoryAdmin):
    """Administrators confirm the City's closure days here; open clocks are re-timed."""

    may_add = may_change = may_delete = True
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

    def delete_queryset(self, request, queryset):
        # The bulk delete too goes through the service, so every removal re-times clocks and is recorded.
        for day in queryset:
            self.delete_model(request, day)
