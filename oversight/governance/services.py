from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.audit.models import BylawsChange
from oversight.history import save_audited

from .models import BylawsSetting
from .permissions import can_record_bylaws


def _check_vote(*, key, value, vote_on, adopting_body, reason):
    errors = {} if str(reason).strip() else {"reason": _("Give the reason: the amendment and the meeting.")}
    if key == BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD and value <= Decimal("0.5"):
        # At one half or less two findings could both pass (a tie): a result must be unambiguous.
        errors["value"] = _("The threshold must be more than one half of the panel.")
    if vote_on is None:
        errors["vote_on"] = _("Give the date of the vote that adopted the change.")
    elif vote_on > timezone.localdate():
        errors["vote_on"] = _("The vote cannot be in the future.")
    if adopting_body not in BylawsChange.AdoptingBody.values:
        errors["adopting_body"] = _("Name the body that adopted the change.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bylaws_setting_set(*, key, value, vote_on, adopting_body, actor, reason, client_address=""):
    """Records a bylaws number adopted by a vote, entered by the Director, with the vote, the body and why.
    Panels already convened keep the numbers they were convened under (discipline.Panel)."""
    if not can_record_bylaws(actor):
        raise PermissionDenied(_("The Director records the bylaws changes the Board adopted."))
    _check_vote(key=key, value=value, vote_on=vote_on, adopting_body=adopting_body, reason=reason)
    row = BylawsSetting.objects.select_for_update().filter(key=key).first() or BylawsSetting(key=key)
    if row.pk and (row.value, row.adopted_on) == (value, vote_on):
        return row  # the same vote recorded twice
    before = row.value if row.pk else None
    row.value, row.adopted_on = value, vote_on
    body = BylawsChange.AdoptingBody(adopting_body)
    save_audited(row, actor=actor, reason=f"Vote of {vote_on.isoformat()} ({body.value}): {reason}")
    BylawsChange.objects.create(
        key=key,
        value_before=before,
        value=value,
        vote_on=vote_on,
        adopting_body=body,
        reason=str(reason).strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
        client_address=client_address[:64],
    )
    return row
