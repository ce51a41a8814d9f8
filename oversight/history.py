"""The one way services save a historied row: validated, with the acting user and a reason (R6.1)."""

from django.core.exceptions import ValidationError


def save_audited(obj, *, actor, reason, update_fields=None):
    """Validates and saves obj so that its history row names the actor and the reason."""
    if not reason or not str(reason).strip():
        raise ValidationError({"reason": "A reason is required for every change."})
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = str(reason)[:100]
    obj.full_clean()
    if update_fields and obj.pk:
        obj.save(update_fields=update_fields)
    else:
        obj.save()
    return obj
