"""Discipline as the panel's decision (issue 9.7, R3.5): the statewide guide, proposals and their votes.

A member of the panel that decides discipline (or the Director) proposes, for one sustained allegation,
a misconduct category and sanction level from the guide, the factors found with their weight, and the
Just Cause rationale (35A.020 K). A level outside the category's mitigated..aggravated bounds is refused;
one other than the presumptive level needs written reasoning. Members vote; the proposal is adopted when
approvals reach the panel's frozen threshold (with quorum), never typed by one member. Adoption records the
``DisciplineDecision``: proposed discipline, final only after Loudermill (``discipline/loudermill.py``);
corrective action is not discipline and is final on adoption.

Which panel decides: the case's disciplinary panel once one is convened; before that (or where the bylaws
leave discipline to it) the hearings panel whose result sustained the allegation.
"""

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.chief import allegation_is_against_chief
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock
from investigations.mayor import case_close_after_board
from investigations.models import FindingOutcome
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .models import (
    DisciplineDecision,
    DisciplineGuide,
    DisciplineProposal,
    Panel,
    PanelResult,
    ProposalFactor,
    ProposalVote,
)
from .permissions import is_panel_member
from .results_told import ResultEvent, result_tell
from .services import NO_AUTHORITY_OVER_CHIEF

SUSTAINED = Q(finding=FindingOutcome.OUT_OF_POLICY) | Q(finding="", standing_finding=FindingOutcome.OUT_OF_POLICY)
DONE = (DisciplineDecision.Status.FINAL, DisciplineDecision.Status.WITHDRAWN)


# Selectors


def guide_in_force(*, on=None):
    """The guide edition in force on ``on`` (today): the latest effective by then, or None."""
    return DisciplineGuide.objects.filter(effective_on__lte=on or timezone.localdate()).first()


def sustained_results(case):
    """The decided panels' sustained results on allegations before the Board (never the Chief's)."""
    return PanelResult.objects.filter(SUSTAINED, panel__case=case, panel__status=Panel.Status.DECIDED).exclude(
        allegation__is_against_chief=True
    )


def discipline_panel_for(case):
    """The panel that decides discipline on ``case`` (see the module docstring), or None."""
    panel = case.panels.filter(kind=Panel.Kind.DISCIPLINARY).order_by("-convened_at").first()
    if panel is not None:
        return panel
    result = sustained_results(case).select_related("panel").order_by("-panel__decided_at").first()
    return result.panel if result else None


def can_propose_discipline(user, panel):
    return is_panel_member(user, panel) or has_role(user, Role.DIRECTOR)


def case_awaits_discipline(case):
    """R3.5: discipline is proposed and decided only while the case is at discipline."""
    return case.status == Case.Status.DISCIPLINE


def proposal_list_for_panel(panel):
    """The panel's proposals with their factors and vote counts, newest first, in constant queries."""
    return (
        DisciplineProposal.objects.filter(panel=panel)
        .select_related("allegation__employee", "allegation__allegation_type", "category", "level", "proposed_by")
        .prefetch_related(Prefetch("factors", ProposalFactor.objects.select_related("factor")))
        .annotate(
            approvals=Count("votes", filter=Q(votes__choice=ProposalVote.Choice.APPROVE)),
            rejections=Count("votes", filter=Q(votes__choice=ProposalVote.Choice.REJECT)),
            abstentions=Count("votes", filter=Q(votes__choice=ProposalVote.Choice.ABSTAIN)),
        )
    )


def proposal_votes_by_member(panel, member):
    """{proposal_id: choice} for one member's votes on a panel's proposals."""
    return dict(ProposalVote.objects.filter(proposal__panel=panel, member=member).values_list("proposal_id", "choice"))


def proposal_list_visible_to(*, user):
    qs = DisciplineProposal.objects.select_related("panel")
    if has_role(user, Role.DIRECTOR):
        return qs
    if has_role(user, Role.BOARD):
        return qs.filter(panel__members=user)
    return qs.none()


def proposal_get_for(*, user, pk):
    proposal = proposal_list_visible_to(user=user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def decision_list_visible_to(*, user):
    """Discipline decisions: the Director sees all; a Board member those of panels they sit on."""
    qs = DisciplineDecision.objects.select_related(
        "allegation__employee", "allegation__allegation_type", "allegation__case", "category", "level", "final_level"
    ).order_by("-decided_at", "-pk")
    if has_role(user, Role.DIRECTOR):
        return qs
    if has_role(user, Role.BOARD):
        return qs.filter(panel__in=Panel.objects.filter(members=user).values("pk"))
    return qs.none()


def decision_get_for(*, user, pk):
    decision = decision_list_visible_to(user=user).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def panel_discipline_rows(panel, user):
    """The panel page's discipline part: each sustained allegation with its decision (and Loudermill), its
    proposals with vote counts and the user's own vote; empty when this panel does not decide discipline.
    A fixed number of queries, whatever the number of allegations, proposals and votes."""
    case = panel.case
    deciding = discipline_panel_for(case)
    if deciding is None or deciding.pk != panel.pk:
        return []
    results = sustained_results(case).select_related("allegation__employee", "allegation__allegation_type")
    decisions = {
        d.allegation_id: d
        for d in DisciplineDecision.objects.filter(allegation__case=case).select_related(
            "level", "final_level", "category", "loudermill"
        )
    }
    by_allegation = {}
    for proposal in proposal_list_for_panel(panel):
        by_allegation.setdefault(proposal.allegation_id, []).append(proposal)
    mine = proposal_votes_by_member(panel, user)
    rows = []
    for result in results.order_by("allegation_id").distinct("allegation_id"):
        proposals = by_allegation.get(result.allegation_id, [])
        open_one = next((p for p in proposals if p.status == DisciplineProposal.Status.OPEN), None)
        rows.append(
            {
                "allegation": result.allegation,
                "decision": decisions.get(result.allegation_id),
                "open": open_one,
                "my_vote": mine.get(open_one.pk) if open_one else None,
                "closed": [p for p in proposals if p.status == DisciplineProposal.Status.REJECTED],
            }
        )
    return rows


def votes_needed(panel):
    """(approvals to adopt, votes for quorum) on ``panel``, from its frozen shares (R3.2)."""
    size = panel.members.count()
    return math.ceil(panel.threshold * size), math.ceil(panel.quorum * size), size


# Services


def _check_proposal(*, category, level, just_cause, reasoning, factors):
    errors = {}
    if level.guide_id != category.guide_id or not category.allows(level):
        errors["level"] = _("The level must lie within the category's bounds: from %(low)s to %(high)s.") % {
            "low": category.mitigated.name,
            "high": category.aggravated.name,
        }
    elif level.pk != category.presumptive_id and not reasoning.strip():
        errors["reasoning"] = _("A level other than the presumptive one (%(level)s) needs written reasoning.") % {
            "level": category.presumptive.name
        }
    if not just_cause.strip():
        errors["just_cause"] = _("Give the Just Cause rationale (City Code 35A.020 K).")
    if any(factor.guide_id != category.guide_id for factor, _weight in factors):
        errors["factors"] = _("Every factor must come from the same guide as the category.")
    if errors:
        raise ValidationError(errors)


def _allegation_for_discipline(allegation):
    """Locks the case and checks the allegation may receive discipline now; returns (case, panel)."""
    case = case_lock(allegation.case)
    if allegation_is_against_chief(allegation):
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    if not sustained_results(case).filter(allegation=allegation).exists():
        raise RuleViolation(_("Discipline is decided only for a sustained allegation."))
    if not case_awaits_discipline(case):
        raise RuleViolation(_("This case is not awaiting discipline."))
    return case, discipline_panel_for(case)


@transaction.atomic
def discipline_propose(
    *, allegation, category, level, just_cause, actor, reasoning="", factors=(), reason="Discipline proposed"
):
    """Records a proposal within the guide for a sustained allegation, open for the panel's votes (R3.5).
    ``factors``: (GuideFactor, weight) pairs. Idempotent for the same proposer, category and level."""
    case, panel = _allegation_for_discipline(allegation)
    if not can_propose_discipline(actor, panel):
        raise PermissionDenied
    if DisciplineDecision.objects.filter(allegation=allegation).exists():
        raise RuleViolation(_("The panel has already adopted discipline on this allegation."))
    open_one = DisciplineProposal.objects.filter(allegation=allegation, status=DisciplineProposal.Status.OPEN).first()
    if open_one and (open_one.proposed_by_id, open_one.category_id, open_one.level_id) == (
        actor.pk,
        category.pk,
        level.pk,
    ):
        return open_one
    if open_one:
        raise RuleViolation(_("A proposal on this allegation is open for votes: the panel decides it first."))
    factors = list(factors)
    _check_proposal(category=category, level=level, just_cause=just_cause, reasoning=reasoning, factors=factors)
    proposal = save_audited(
        DisciplineProposal(
            panel=panel,
            allegation=allegation,
            category=category,
            level=level,
            is_corrective=level.is_corrective,
            just_cause=just_cause.strip(),
            reasoning=reasoning.strip(),
            proposed_by=actor,
            proposed_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )
    for factor, weight in factors:
        save_audited(ProposalFactor(proposal=proposal, factor=factor, weight=weight), actor=actor, reason=reason)
    return proposal


@transaction.atomic
def proposal_vote_cast(*, proposal, choice, actor, reason="Vote on proposed discipline"):
    """Records a member's own vote on an open proposal; the vote that reaches the threshold adopts it."""
    proposal = DisciplineProposal.objects.select_for_update().select_related("panel").get(pk=proposal.pk)
    if not is_panel_member(actor, proposal.panel):
        raise PermissionDenied
    vote = ProposalVote.objects.filter(proposal=proposal, member=actor).first()
    if vote and vote.choice == choice:
        return vote
    if proposal.status != DisciplineProposal.Status.OPEN:
        raise RuleViolation(_("Voting on this proposal is closed."))
    vote = vote or ProposalVote(proposal=proposal, member=actor)
    vote.choice, vote.cast_at = choice, timezone.now()
    save_audited(vote, actor=actor, reason=reason)
    _proposal_settle(proposal, actor=actor)
    return vote


def _proposal_settle(proposal, *, actor):
    """Adopts the proposal once approvals reach the threshold with quorum; closes it as not adopted once
    the members yet to vote could no longer bring it there."""
    to_adopt, for_quorum, size = votes_needed(proposal.panel)
    choices = list(proposal.votes.values_list("choice", flat=True))
    approvals = choices.count(ProposalVote.Choice.APPROVE)
    if approvals >= to_adopt and len(choices) >= for_quorum:
        status = DisciplineProposal.Status.ADOPTED
    elif approvals + (size - len(choices)) < to_adopt:
        status = DisciplineProposal.Status.REJECTED
    else:
        return
    proposal.status, proposal.closed_at = status, timezone.now()
    why = _("%(n)s of %(size)s members approved; %(need)s needed") % {"n": approvals, "size": size, "need": to_adopt}
    save_audited(proposal, actor=actor, reason=f"{proposal.get_status_display()}: {why}")
    if status == DisciplineProposal.Status.ADOPTED:
        _decision_record(proposal, actor=actor, reason=f"Adopted by the panel's vote: {why}")


def _decision_record(proposal, *, actor, reason):
    corrective = proposal.is_corrective
    now = timezone.now()
    decision = save_audited(
        DisciplineDecision(
            allegation=proposal.allegation,
            panel=proposal.panel,
            proposal=proposal,
            category=proposal.category,
            level=proposal.level,
            action=proposal.level.action,
            rationale=proposal.just_cause,
            is_corrective=corrective,
            # Corrective action is not discipline: no Loudermill, final when adopted (R3.6).
            status=DisciplineDecision.Status.FINAL if corrective else DisciplineDecision.Status.PROPOSED,
            final_level=proposal.level if corrective else None,
            final_at=now if corrective else None,
            decided_by=actor,
            decided_at=now,
        ),
        actor=actor,
        reason=reason,
    )
    case = proposal.allegation.case
    result_tell(case=case, event=ResultEvent.DISCIPLINE, actor=actor, about=decision)
    from .appeals import appeal_window_open  # part E: adopted discipline may be appealed from now (R3.7)

    appeal_window_open(panel=decision.panel, about=decision, actor=actor)
    case_close_if_discipline_done(case=case, actor=actor)
    return decision


def case_close_if_discipline_done(*, case, actor):
    """Closes a case awaiting discipline once every sustained allegation's discipline is final or
    withdrawn (R3.6: discipline is not final without Loudermill). Call inside the recording transaction."""
    case = case_lock(case)
    if case.status != Case.Status.DISCIPLINE:
        return case
    sustained = sustained_results(case).values("allegation_id")
    pending = sustained.exclude(allegation__discipline__status__in=DONE)
    if pending.exists():
        return case
    return case_close_after_board(
        case=case, actor=actor, reason="Discipline final or withdrawn on every sustained allegation"
    )


def guide_entry_save(*, obj, actor, reason):
    """Saves a guide edition, level, category or factor the administrator edited, with history (R3.5).
    Only administrators keep the guide; panels already decided keep the levels they adopted."""
    if not has_role(actor, Role.ADMIN):
        raise PermissionDenied
    return save_audited(obj, actor=actor, reason=reason)
