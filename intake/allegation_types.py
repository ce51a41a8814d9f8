"""The Office's list of allegation types, edited in the staff portal with history (R1.6)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from oversight.history import save_audited

from .exceptions import RuleViolation
from .models import AllegationType
from .permissions import can_edit_allegation_types


@transaction.atomic
def allegation_type_create(*, name, actor, mandatory_category="", reason="Allegation type added"):
    """Adds a type; its code is made once from the name and never changes, so a rename keeps old data."""
    if not can_edit_allegation_types(actor):
        raise PermissionDenied
    code = slugify(name)[:48]
    if not code or AllegationType.objects.filter(code=code).exists():
        raise RuleViolation(_("An allegation type with this name already exists."))
    return save_audited(
        AllegationType(code=code, name=name, mandatory_category=mandatory_category), actor=actor, reason=reason
    )


@transaction.atomic
def allegation_type_update(*, allegation_type, name, is_active, mandatory_category, actor, reason):
    """Renames, deactivates or re-activates a type; allegations already made keep it."""
    if not can_edit_allegation_types(actor):
        raise PermissionDenied
    allegation_type = AllegationType.objects.select_for_update().get(pk=allegation_type.pk)
    changed = {"name": name, "is_active": is_active, "mandatory_category": mandatory_category}
    changed = {k: v for k, v in changed.items() if getattr(allegation_type, k) != v}
    if not changed:
        return allegation_type
    if "mandatory_category" in changed and allegation_type.allegation_set.exists():
        # Cases were decided by this category (R1.8): changing it would re-decide them silently.
        raise RuleViolation(
            _("This type is used in allegations, so its mandatory category cannot change. Add a new type instead.")
        )
    for field, value in changed.items():
        setattr(allegation_type, field, value)
    return save_audited(allegation_type, actor=actor, reason=reason, update_fields=list(changed))
