"""A preliminary panel's own decision (issue 9.3): its review of the case-handling decision (R1.8) while
the case awaits or is under investigation.

- ``preliminary_vote_cast``: a seated member concurs, or asks the Director to reconsider (with reasons);
- ``preliminary_decide``: the votes measured against the panel's frozen quorum and threshold, counted by
  the one ``Tally`` the findings use; a request to reconsider is put to the Director at once;
- ``preliminary_answer``: the Director changes the decision through intake's decide path (R1.9: only
  while ``decision_may_change``) or keeps it, with reasons; the panel is told either way.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intake.chief import allegations_for_board
from intake.exceptions import RuleViolation
from intake.filer_notices import decision_notify_filers
from intake.models import Case
from intake.permissions import can_decide_reconsideration
from intake.reconsideration import decision_may_change
from intake.selectors import complaint_list_shown_to
from intake.services import case_lock, decision_apply
from oversight.accounts.my_work import ROWS_SHOWN, part, row
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_alert_directors, notice_send

from .hearings import panel_seat_list, panel_tally
from .models import Panel, PanelSeat, PreliminaryPosition, PreliminaryReview, PreliminaryVote
from .models.panels import NoFindingRule
from .permissions import can_convene_panel, is_panel_member

NOT_PRELIMINARY = gettext_lazy("Only a preliminary panel reviews the case-handling decision.")


def _panel_locked(panel):
    panel = Panel.objects.select_for_update().select_related("case").get(pk=panel.pk)
    if panel.kind != Panel.Kind.PRELIMINARY:
        raise RuleViolation(NOT_PRELIMINARY)
    return panel


# ---- selectors -------------------------------------------------------------------------------------


def preliminary_tally(panel, *, size=None):
    """The seated members' positions against the panel's frozen quorum and threshold (``hearings.Tally``)."""
    positions = PreliminaryVote.objects.filter(panel=panel, member__in=panel.members.all()).values_list(
        "position", flat=True
    )
    return panel_tally(panel, positions, panel.members.count() if size is None else size)


def preliminary_tally_words(tally):
    """ "2 of 3 members have voted; 2 must vote; 2 must agree. Concur: 1; reconsider: 1." """
    text = "; ".join(
        [
            ngettext("%(cast)s of %(size)s member has voted", "%(cast)s of %(size)s members have voted", tally.size)
            % {"cast": tally.cast, "size": tally.size},
            ngettext("%(n)s must vote", "%(n)s must vote", tally.quorum_needed) % {"n": tally.quorum_needed},
            ngettext("%(n)s must agree", "%(n)s must agree", tally.adopt_needed) % {"n": tally.adopt_needed},
        ]
    )
    counts = dict(tally.counts)
    positions = "; ".join(
        _("%(position)s: %(n)s") % {"position": label, "n": counts.get(value, 0)}
        for value, label in PreliminaryPosition.choices
    )
    return f"{text}. {positions}."


def preliminary_page_context(panel, user):
    """What the preliminary panel's page shows the user: the decision under review and its reasons, the
    complaints' narratives (never contact details), the allegations, each member's vote, the tally and
    the review. Nothing from the investigation: no statement, compelled or not, reaches this page."""
    case = panel.case
    members = list(panel.members.order_by("last_name", "pk"))
    votes = {v.member_id: v for v in PreliminaryVote.objects.filter(panel=panel)}
    seats = panel_seat_list(panel)
    return {
        "panel": panel,
        "case": case,
        "members": members,
        "votes": [{"member": m, "vote": votes.get(m.pk)} for m in members],
        "my_vote": votes.get(user.pk),
        "recused": [s for s in seats if s.status != PanelSeat.Status.SEATED],
        "tally": preliminary_tally(panel, size=len(members)),
        "review": PreliminaryReview.objects.filter(panel=panel).select_related("answered_by").first(),
        "complaints": complaint_list_shown_to(user=user, case=case),
        "allegations": list(allegations_for_board(case).select_related("allegation_type", "employee").order_by("pk")),
    }


def preliminary_review_list_pending():
    """Requests to reconsider the Director has not answered, oldest first."""
    return (
        PreliminaryReview.objects.filter(outcome=PreliminaryReview.Outcome.RECONSIDER, answer="")
        .select_related("panel__case")
        .order_by("decided_at", "pk")
    )


def director_preliminary_reviews_part(*, user, now):
    """My work: preliminary panels' requests to reconsider a case-handling decision, waiting for my answer."""
    pending = preliminary_review_list_pending()
    count = pending.count()
    if not count:
        return None
    rows = [
        row(
            review.panel.case.number,
            reverse("discipline:panel-detail", args=[review.panel_id]),
            _("The preliminary panel asks you to reconsider the case-handling decision: answer it"),
        )
        for review in pending[:ROWS_SHOWN]
    ]
    return part(_("Preliminary reviews waiting for my answer"), rows, count=count, late=0)


def board_preliminary_part(*, user, now):
    """My work: the open preliminary panels I sit on, those still waiting for my vote first."""
    mine = PreliminaryVote.objects.filter(panel=OuterRef("pk"), member=user)
    panels = (
        Panel.objects.filter(status=Panel.Status.OPEN, kind=Panel.Kind.PRELIMINARY, members=user)
        .select_related("case")
        .annotate(has_voted=Exists(mine))
        .order_by("has_voted", "convened_at", "pk")
    )
    counts = panels.order_by().aggregate(n=Count("pk"), waiting=Count("pk", filter=Q(has_voted=False)))
    if not counts["n"]:
        return None
    rows = [
        row(
            f"{panel.case.number}: {panel.get_kind_display()}",
            reverse("discipline:panel-detail", args=[panel.pk]),
            _("You have voted") if panel.has_voted else _("Your vote on the case-handling decision is still to cast"),
        )
        for panel in panels[:ROWS_SHOWN]
    ]
    title = _("Preliminary panels: %(n)s waiting for my vote") % {"n": counts["waiting"]}
    return part(title, rows, count=counts["n"], late=0)


# ---- services --------------------------------------------------------------------------------------


@transaction.atomic
def preliminary_vote_cast(*, panel, member, position, reasons, actor, reason="Preliminary vote cast"):
    """Records or changes a seated member's own vote while the preliminary panel is open; a vote to
    reconsider carries its reasons (they are what the Director answers)."""
    panel = _panel_locked(panel)
    if getattr(member, "pk", member) != actor.pk or not is_panel_member(actor, panel):
        raise PermissionDenied
    if panel.status != Panel.Status.OPEN:
        raise RuleViolation(_("Voting on this panel is closed."))
    if position not in PreliminaryPosition.values:
        raise ValidationError({"position": _("Concur with the decision, or ask the Director to reconsider it.")})
    reasons = str(reasons or "").strip()
    if position == PreliminaryPosition.RECONSIDER and not reasons:
        raise ValidationError({"reasons": _("Say why the Director should reconsider the case-handling decision.")})
    vote = PreliminaryVote.objects.filter(panel=panel, member=actor).first()
    if vote and (vote.position, vote.reasons) == (position, reasons):
        return vote
    vote = vote or PreliminaryVote(panel=panel, member=actor)
    vote.position, vote.reasons, vote.cast_at = position, reasons, timezone.now()
    return save_audited(vote, actor=actor, reason=reason)


def _reasons_for(panel, outcome):
    """The reasons of the members who voted for the outcome, each under their name."""
    votes = PreliminaryVote.objects.filter(panel=panel, position=outcome, member__in=panel.members.all())
    votes = votes.exclude(reasons="").select_related("member").order_by("cast_at", "pk")
    return "\n\n".join(f"{v.member.get_full_name() or v.member.username}: {v.reasons}" for v in votes)


@transaction.atomic
def preliminary_decide(*, panel, actor, reason="Preliminary review decided"):
    """Closes voting and records the panel's review: concur or reconsider when one reaches the frozen
    threshold with quorum, else no decision under the panel's tie rule (the decision stands). A request
    to reconsider is put to the Director. Deciding twice returns the first review."""
    panel = _panel_locked(panel)
    if not (is_panel_member(actor, panel) or can_convene_panel(actor)):
        raise PermissionDenied
    if panel.status == Panel.Status.DECIDED:
        # None only for a preliminary panel decided before it had a review of its own.
        return PreliminaryReview.objects.filter(panel=panel).first()
    case = case_lock(panel.case)
    tally = preliminary_tally(panel)
    outcome = tally.adopted or PreliminaryReview.Outcome.NO_DECISION
    now = timezone.now()
    review = PreliminaryReview(
        panel=panel,
        decision_reviewed=case.decision,
        decision_reason_reviewed=case.decision_reason,
        outcome=outcome,
        reasons=_reasons_for(panel, outcome) if tally.adopted else "",
        votes_for=tally.votes_for_adopted,
        votes_cast=tally.cast,
        panel_size=tally.size,
        threshold=panel.threshold,
        no_decision_rule="" if tally.adopted else (panel.tie_rule or NoFindingRule.RETURN_TO_OCPA),
        decided_at=now,
        decided_by=actor,
    )
    if Panel.Status.DECIDED not in Panel.TRANSITIONS[panel.status]:
        raise RuleViolation(_("Voting on this panel is closed."))
    save_audited(review, actor=actor, reason=reason)
    panel.status, panel.decided_at = Panel.Status.DECIDED, now
    save_audited(panel, actor=actor, reason=reason, update_fields=["status", "decided_at"])
    if outcome == PreliminaryReview.Outcome.RECONSIDER:
        _tell_directors(review)
    return review


def _site_url(name, *args):
    return f"{settings.SITE_URL.rstrip('/')}{reverse(name, args=args)}"


def _tell_directors(review):
    case = review.panel.case
    with translation.override(settings.LANGUAGE_CODE):
        notice_alert_directors(
            subject=_("A preliminary panel asks you to reconsider the decision on %(number)s")
            % {"number": case.number},
            body=_(
                "The preliminary panel on case %(number)s asks the Director to reconsider the case-handling "
                "decision (%(decision)s), with its reasons. Answer on the panel's page: %(url)s"
            )
            % {
                "number": case.number,
                "decision": review.get_decision_reviewed_display(),
                "url": _site_url("discipline:panel-detail", review.panel_id),
            },
            dedupe_key=f"preliminary-review-{review.pk}",
            about=case,
        )


@transaction.atomic
def preliminary_answer(*, review, changed, new_decision, reason, actor):
    """The Director's answer to a preliminary panel's request to reconsider: a change goes through
    intake's decide path (refused once the decision can no longer change, R1.9) and the filers are told
    the new decision; either way the answer and its reason are recorded and the panel is told."""
    if not can_decide_reconsideration(actor):
        raise PermissionDenied
    review = PreliminaryReview.objects.select_for_update().select_related("panel__case").get(pk=review.pk)
    if review.answer:
        return review
    if review.outcome != PreliminaryReview.Outcome.RECONSIDER:
        raise RuleViolation(_("Only a preliminary panel's request to reconsider is answered."))
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the Director's answer.")})
    case = case_lock(review.panel.case)
    if changed:
        case = _decision_change(review, case, new_decision, reason, actor)
    review.answer = PreliminaryReview.Answer.CHANGED if changed else PreliminaryReview.Answer.UNCHANGED
    review.new_decision = case.decision if changed else ""
    review.answer_reason, review.answered_by, review.answered_at = reason, actor, timezone.now()
    fields = ["answer", "new_decision", "answer_reason", "answered_by", "answered_at"]
    save_audited(review, actor=actor, reason="Director answered the preliminary panel", update_fields=fields)
    _tell_members(review, actor)
    return review


def _decision_change(review, case, new_decision, reason, actor):
    if not decision_may_change(case):
        raise RuleViolation(_("The decision can no longer change: the case has moved on."))
    if not new_decision or new_decision == case.decision:
        raise ValidationError({"new_decision": _("Choose the new case-handling decision.")})
    # The history reason (100 characters) names the panel before the Director's own words.
    why = f"Reconsidered at the request of preliminary panel {review.panel_id} (R1.9): {reason}"
    case = decision_apply(case=case, decision=new_decision, reason=why, actor=actor)
    decision_notify_filers(case=case, actor=actor)
    return case


def _tell_members(review, actor):
    case = review.panel.case
    with translation.override(settings.LANGUAGE_CODE):
        if review.answer == PreliminaryReview.Answer.CHANGED:
            body = _("The Director changed the case-handling decision on %(number)s to: %(decision)s.")
        else:
            body = _("The Director kept the case-handling decision on %(number)s: %(decision)s.")
        body = body % {"number": case.number, "decision": Case.Decision(case.decision).label}
        body += "\n\n" + _("Reason: %(reason)s") % {"reason": review.answer_reason}
        subject = _("The Director answered your preliminary panel on %(number)s") % {"number": case.number}
        for member in review.panel.members.order_by("pk"):
            notice_send(
                recipient_user=member,
                recipient_name=member.get_full_name() or member.username,
                channel=Notice.Channel.PORTAL,
                subject=subject,
                body=body,
                actor=actor,
                about=case,
                dedupe_key=f"preliminary-answer-{review.pk}-{member.pk}",
            )
