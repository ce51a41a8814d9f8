"""Deleting a staff account would make simple-history SET NULL its name on every history row it
wrote, an UPDATE the database refuses anyway; this says why, before the database does."""

from django.db.models import ProtectedError
from django.utils.translation import gettext as _


def refuse_user_delete(sender, instance, **kwargs):
    """Staff accounts are deactivated, never deleted: history names who made each change."""
    raise ProtectedError(
        _("Staff accounts are deactivated, never deleted: history names who made each change. Clear “Active” instead."),
        {instance},
    )
