"""A case the Board returns to OCPA (issue 9.3): the investigation reopens for more work.

The 180-day clock (R2.3, 35A.050) is not restarted and not reopened. It ran from commencement to the
first completion and was met or breached then; the published counts read that outcome and never
recompute it (DEADLINES.md). The returned work is recorded here, with the panel's reasons, in the
investigation's history; when OCPA completes again past day 180, investigation_complete asks why,
and the return is that reason.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.accounts.alerts import staff_notify
from oversight.history import save_audited

from .models import Investigation


@transaction.atomic
def investigation_reopen(*, case, actor, reasons, reason="Returned by a Board panel"):
    """Reopens a completed investigation on a case the Board returned to OCPA, and tells its investigator.
    Call it once the case is back in ``investigating`` (the Board's service moves the case)."""
    investigation = Investigation.objects.select_for_update().select_related("investigator").get(case=case)
    if investigation.status == Investigation.Status.OPEN:
        return investigation
    if case.status != Case.Status.INVESTIGATING:
        raise RuleViolation(_("The case must be back with OCPA before its investigation reopens."))
    investigation.status, investigation.completed_at = Investigation.Status.OPEN, None
    save_audited(investigation, actor=actor, reason=reason[:100], update_fields=["status", "completed_at"])
    staff_notify(
        investigation.investigator,
        actor=actor,
        about=investigation,
        subject=_("Case %(n)s is back with you from a Board panel") % {"n": case.number},
        body=_(
            "A Board panel adopted no finding on case %(n)s and, as the bylaws provide, returned it to OCPA "
            "for more work. The panel's reasons:\n\n%(reasons)s"
        )
        % {"n": case.number, "reasons": reasons},
    )
    return investigation
