from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.chief import allegation_is_against_chief, allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock, case_transition
from investigations.mayor import case_close_after_board
from investigations.models import Finding
from investigations.returns import investigation_reopen
from oversight.governance.models import BylawsSetting
from oversight.governance.selectors import bylaws_value
from oversight.history import save_audited

from .hearings import Tally, panel_tallies
from .models import Hearing, Panel, PanelResult, Vote
from .models.panels import NoFindingRule, VoteChoice
from .permissions import can_convene_panel, is_panel_member
from .results_told import ResultEvent, result_tell
from .seating import panel_convene  # noqa: F401  (moved to discipline/seating.py, issue 9.3)

# R1.7, 35A.020: the Chief of Police is not a Covered Employee.
NO_AUTHORITY_OVER_CHIEF = gettext_lazy(
    "The Board has no authority over the Chief of Police, who is not a Covered Employee (City Code 35A): "
    "findings on the Chief go to the Mayor."
)
# Issue 9.3: a preliminary panel votes on the case-handling decision (discipline/preliminary.py), not findings.
NOT_FINDINGS = gettext_lazy("A preliminary panel reviews the case-handling decision; it votes on no findings.")


def bylaws_in_force():
    """The numbers a panel convened now is bound by, for its whole life."""
    return {
        "threshold": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD),
        "quorum": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_QUORUM),
    }


@transaction.atomic
def vote_cast(*, panel, allegation, finding, actor, reason="Vote cast"):
    """Records or changes a member's own vote (a finding, or abstain) while the panel is open."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not is_panel_member(actor, panel):
        raise PermissionDenied
    if panel.status != Panel.Status.OPEN:
        raise RuleViolation(_("Voting on this panel is closed."))
    if panel.kind == Panel.Kind.PRELIMINARY:
        raise RuleViolation(NOT_FINDINGS)
    if allegation.case_id != panel.case_id:
        raise RuleViolation(_("That allegation is not part of this panel's case."))
    if allegation_is_against_chief(allegation):
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    if finding not in VoteChoice.values:
        raise ValidationError({"finding": _("Choose one of the four findings, or abstain.")})
    vote = Vote.objects.filter(panel=panel, allegation=allegation, member=actor).first()
    if vote and vote.finding == finding:
        return vote
    vote = vote or Vote(panel=panel, allegation=allegation, member=actor)
    vote.finding, vote.cast_at = finding, timezone.now()
    return save_audited(vote, actor=actor, reason=reason)


def tally(votes, panel_size, threshold, quorum):
    """(adopted finding, its votes), or ('', n) when quorum or the threshold is not met (R3.2: the bylaws
    decide). ``abstain`` counts toward quorum and for no finding."""
    result = Tally(size=panel_size, threshold=threshold, quorum=quorum, votes=tuple(votes))
    if not result.has_quorum:
        return "", 0
    return result.adopted, result.votes_for_adopted


def _no_finding_result(panel, allegation, reasons):
    """What follows an allegation with no finding adopted: the panel's tie rule, frozen at convening."""
    rule = panel.tie_rule or NoFindingRule.RETURN_TO_OCPA
    standing = ""
    if rule == NoFindingRule.INVESTIGATOR_FINDING_STANDS:
        finding = Finding.objects.filter(allegation=allegation).first()
        standing = finding.outcome if finding else ""
    return {"no_finding_rule": rule, "standing_finding": standing, "reasons": reasons.strip()}


@transaction.atomic
def panel_decide(*, panel, actor, reason="Panel voting closed", reasons=""):
    """Closes voting and records each allegation's result against the bylaws threshold; an allegation
    with no finding adopted follows the panel's tie rule (issue 9.3): the case returns to OCPA with the
    panel's ``reasons``, or the investigator's finding stands and the case goes on."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not (is_panel_member(actor, panel) or can_convene_panel(actor)):
        raise PermissionDenied
    if panel.status == Panel.Status.DECIDED:
        return panel
    if panel.kind == Panel.Kind.PRELIMINARY:
        raise RuleViolation(NOT_FINDINGS)
    case = case_lock(panel.case)
    tallies = panel_tallies(panel)  # the threshold and quorum frozen at convening (R3.2)
    results = []
    for allegation in allegations_for_board(case).order_by("pk"):
        t = tallies[allegation.pk]
        extra = {} if t.adopted else _no_finding_result(panel, allegation, reasons)
        results.append(
            PanelResult(
                panel=panel,
                allegation=allegation,
                finding=t.adopted,
                votes_for=t.votes_for_adopted,
                votes_cast=t.cast,
                panel_size=t.size,
                threshold=panel.threshold,
                **extra,
            )
        )
    returned = any(r.is_returned for r in results)
    if returned and not reasons.strip():
        raise ValidationError(
            {"reasons": _("No finding was adopted on at least one allegation: give the panel's reasons for OCPA.")}
        )
    for result in results:
        save_audited(result, actor=actor, reason=reason)
    panel.status, panel.decided_at = Panel.Status.DECIDED, timezone.now()
    save_audited(panel, actor=actor, reason=reason, update_fields=["status", "decided_at"])
    held = Hearing.objects.select_for_update().filter(
        panel=panel, status=Hearing.Status.SCHEDULED, starts_at__lte=panel.decided_at
    )
    for hearing in held:
        hearing.status = Hearing.Status.HELD
        save_audited(hearing, actor=actor, reason="Hearing held: the panel decided", update_fields=["status"])
    _case_after_results(case=case, results=results, actor=actor, reason=reason, reasons=reasons)
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=actor, about=panel)
    if not returned:
        from .appeals import appeal_window_open  # part E: the findings may be appealed from now (R3.7)

        appeal_window_open(panel=panel, actor=actor)
    return panel


def _case_after_results(*, case, results, actor, reason, reasons):
    """Returned to OCPA when any allegation's tie rule says so (the whole case goes back: its findings
    are heard again together); else discipline when one is sustained; else closed."""
    if any(r.is_returned for r in results):
        case_transition(case=case, to=Case.Status.INVESTIGATING, actor=actor, reason="Returned to OCPA by the panel")
        investigation_reopen(case=case, actor=actor, reasons=reasons)
    elif any(r.is_sustained for r in results):
        case_transition(case=case, to=Case.Status.DISCIPLINE, actor=actor, reason=reason)
    else:
        case_close_after_board(case=case, actor=actor, reason=reason)


# Discipline is proposed and adopted by the panel's vote (discipline/guide.py: discipline_propose,
# proposal_vote_cast) and becomes final after Loudermill (discipline/loudermill.py); part D of issue 9.
