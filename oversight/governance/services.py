from django.core.exceptions import PermissionDenied
from django.db import transaction

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .models import BylawsSetting


@transaction.atomic
def bylaws_setting_set(*, key, value, adopted_on, actor, reason):
    """Records a bylaws change the Board adopted, with who entered it and why."""
    if not has_role(actor, Role.ADMIN, Role.BOARD):
        raise PermissionDenied("Only the Board or an administrator records bylaws changes.")
    row = BylawsSetting.objects.select_for_update().filter(key=key).first() or BylawsSetting(key=key)
    row.value = value
    row.adopted_on = adopted_on
    return save_audited(row, actor=actor, reason=reason)
