import math
from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from intake.chief import allegation_is_against_chief, allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock, case_transition
from investigations.mayor import case_close_after_board
from oversight.accounts.roles import Role, has_role
from oversight.governance.models import BylawsSetting
from oversight.governance.selectors import bylaws_value
from oversight.history import save_audited

from .models import DisciplineDecision, Panel, PanelResult, Vote
from .permissions import can_convene_panel, is_panel_member

# R1.7, 35A.020: the Chief of Police is not a Covered Employee.
NO_AUTHORITY_OVER_CHIEF = _lazy(
    "The Board has no authority over the Chief of Police, who is not a Covered Employee (City Code 35A): "
    "findings on the Chief go to the Mayor."
)


def bylaws_in_force():
    """The numbers a panel convened now is bound by, for its whole life."""
    return {
        "threshold": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD),
        "quorum": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_QUORUM),
    }


@transaction.atomic
def panel_convene(*, case, members, actor, reason, kind=Panel.Kind.HEARINGS):
    """Convenes a Board panel on a case whose investigation is complete (R3.1, R3.4)."""
    if not can_convene_panel(actor):
        raise PermissionDenied
    case = case_lock(case)
    open_panel = case.panels.filter(kind=kind, status=Panel.Status.OPEN).first()
    if open_panel:
        return open_panel
    if not allegations_for_board(case).exists():
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    if case.status != Case.Status.FINDINGS_READY:
        raise RuleViolation(_("A panel is convened once the investigation's findings are ready."))
    members = list(members)
    if not members or any(not has_role(m, Role.BOARD) for m in members):
        raise RuleViolation(_("Panels are made of Board members."))
    panel = Panel(case=case, kind=kind, convened_at=timezone.now(), convened_by=actor, **bylaws_in_force())
    panel = save_audited(panel, actor=actor, reason=reason)
    panel.members.set(members)
    case_transition(case=case, to=Case.Status.BOARD_REVIEW, actor=actor, reason=reason)
    return panel


@transaction.atomic
def vote_cast(*, panel, allegation, finding, actor, reason="Vote cast"):
    """Records or changes a member's vote while the panel is open."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not is_panel_member(actor, panel):
        raise PermissionDenied
    if panel.status != Panel.Status.OPEN:
        raise RuleViolation(_("Voting on this panel is closed."))
    if allegation.case_id != panel.case_id:
        raise RuleViolation(_("That allegation is not part of this panel's case."))
    if allegation_is_against_chief(allegation):
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    vote = Vote.objects.filter(panel=panel, allegation=allegation, member=actor).first()
    if vote and vote.finding == finding:
        return vote
    vote = vote or Vote(panel=panel, allegation=allegation, member=actor)
    vote.finding, vote.cast_at = finding, timezone.now()
    return save_audited(vote, actor=actor, reason=reason)


def tally(votes, panel_size, threshold, quorum):
    """The adopted finding, or '' when quorum or the threshold is not met (R3.2: the bylaws decide)."""
    if len(votes) < math.ceil(quorum * panel_size):
        return "", 0
    if not votes:
        return "", 0
    finding, count = Counter(votes).most_common(1)[0]
    return (finding, count) if count >= threshold * panel_size else ("", count)


@transaction.atomic
def panel_decide(*, panel, actor, reason="Panel voting closed"):
    """Closes voting and records each allegation's result against the bylaws threshold."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if not (is_panel_member(actor, panel) or can_convene_panel(actor)):
        raise PermissionDenied
    if panel.status == Panel.Status.DECIDED:
        return panel
    threshold, quorum = panel.threshold, panel.quorum  # frozen at convening (R3.2)
    size = panel.members.count()
    case = case_lock(panel.case)
    tallies = []
    for allegation in allegations_for_board(case):
        votes = list(Vote.objects.filter(panel=panel, allegation=allegation).values_list("finding", flat=True))
        finding, count = tally(votes, size, threshold, quorum)
        if not finding:
            # Closing without a result would end the case with nothing decided: voting stays open.
            raise RuleViolation(
                _("No finding has reached the bylaws threshold and quorum for “%(a)s” (%(n)s of %(size)s voted).")
                % {"a": allegation, "n": len(votes), "size": size}
            )
        tallies.append((allegation, finding, count, len(votes)))
    for allegation, finding, count, cast in tallies:
        save_audited(
            PanelResult(
                panel=panel,
                allegation=allegation,
                finding=finding,
                votes_for=count,
                votes_cast=cast,
                panel_size=size,
                threshold=threshold,
            ),
            actor=actor,
            reason=reason,
        )
    panel.status, panel.decided_at = Panel.Status.DECIDED, timezone.now()
    save_audited(panel, actor=actor, reason=reason, update_fields=["status", "decided_at"])
    if PanelResult.objects.filter(panel=panel, finding="out_of_policy").exists():
        case_transition(case=case, to=Case.Status.DISCIPLINE, actor=actor, reason=reason)
    else:
        case_close_after_board(case=case, actor=actor, reason=reason)
    return panel


@transaction.atomic
def discipline_decide(*, allegation, action, rationale, actor, reason="Discipline decided"):
    """Records the panel's discipline for a sustained allegation; the case closes with the last one (R3.5)."""
    case = case_lock(allegation.case)
    if allegation_is_against_chief(allegation):
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    result = (
        PanelResult.objects.select_related("panel")
        .filter(allegation=allegation, panel__status=Panel.Status.DECIDED)
        .order_by("-panel__decided_at")
        .first()
    )
    if result is None or not result.is_sustained:
        raise RuleViolation(_("Discipline is decided only for a sustained allegation."))
    if not (is_panel_member(actor, result.panel) or has_role(actor, Role.DIRECTOR)):
        raise PermissionDenied
    existing = DisciplineDecision.objects.filter(allegation=allegation).first()
    if existing:
        return existing
    if case.status != Case.Status.DISCIPLINE:
        raise RuleViolation(_("This case is not awaiting discipline."))
    decision = save_audited(
        DisciplineDecision(
            allegation=allegation,
            panel=result.panel,
            action=action,
            rationale=rationale,
            decided_by=actor,
            decided_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )
    pending = PanelResult.objects.filter(
        panel=result.panel, finding="out_of_policy", allegation__discipline__isnull=True
    )
    if not pending.exists():
        case_close_after_board(case=case, actor=actor, reason="Discipline decided on every sustained allegation")
    return decision
