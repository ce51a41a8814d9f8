from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BylawsSetting
from .services import bylaws_setting_set


@admin.register(BylawsSetting)
class BylawsSettingAdmin(SimpleHistoryAdmin):
    list_display = ("key", "value", "adopted_on")

    def save_model(self, request, obj, form, change):
        bylaws_setting_set(
            key=obj.key,
            value=obj.value,
            adopted_on=obj.adopted_on,
            actor=request.user,
            reason="Changed in the administration site",
        )
