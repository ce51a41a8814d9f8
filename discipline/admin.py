"""The statewide discipline guide in the admin site (R3.5): the administrator keeps its editions,
sanction levels, misconduct categories and factors. Every save goes through ``guide_entry_save``, so
each change is in the history with the administrator and a reason; nothing is deleted (panels' decisions
point at the levels they adopted). Panels, votes and decisions are case content: not here."""

from django.contrib import admin

from oversight.accounts.admin_policy import AdministratorHistoryAdmin

from .guide import guide_entry_save
from .models import DisciplineGuide, GuideFactor, MisconductCategory, SanctionLevel

REASON = "Changed in the administration site"


class GuideEntryAdmin(AdministratorHistoryAdmin):
    may_add = may_change = True

    def save_model(self, request, obj, form, change):
        guide_entry_save(obj=obj, actor=request.user, reason=REASON if change else "Added in the administration site")


@admin.register(DisciplineGuide)
class DisciplineGuideAdmin(GuideEntryAdmin):
    list_display = ("title", "effective_on", "is_confirmed")


@admin.register(SanctionLevel)
class SanctionLevelAdmin(GuideEntryAdmin):
    list_display = ("guide", "rank", "name", "action", "is_corrective")
    list_filter = ("guide",)


@admin.register(MisconductCategory)
class MisconductCategoryAdmin(GuideEntryAdmin):
    list_display = ("guide", "name", "mitigated", "presumptive", "aggravated")
    list_filter = ("guide",)
    list_select_related = ("guide", "mitigated", "presumptive", "aggravated")


@admin.register(GuideFactor)
class GuideFactorAdmin(GuideEntryAdmin):
    list_display = ("guide", "kind", "name")
    list_filter = ("guide", "kind")
