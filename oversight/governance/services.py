from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .models import BylawsSetting


@transaction.atomic
def bylaws_setting_set(*, key, value, adopted_on, actor, reason):
    """Records a bylaws change the Board adopted, with who entered it and why."""
    if not has_role(actor, Role.ADMIN, Role.BOARD):
        raise PermissionDenied("Only the Board or an administrator records bylaws changes.")
    if key == BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD and value <= Decimal("0.5"):
        # At one half or less two findings could both pass (a tie): a result must be unambiguous.
        raise ValidationError({"value": _("The threshold must be more than one half of the panel.")})
    row = BylawsSetting.objects.select_for_update().filter(key=key).first() or BylawsSetting(key=key)
    row.value = value
    row.adopted_on = adopted_on
    return save_audited(row, actor=actor, reason=reason)
