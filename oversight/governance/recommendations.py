"""Policy recommendations to PPB (R4.1, 35A.050 C; issue 10 part C): who may do what, PPB's clock,
and one service per move of ``PolicyRecommendation.TRANSITIONS``.

- Drafted by the Board or a sub-committee (or by a sentinel event review's final report, part D),
  adopted by a recorded Board vote checked against the bylaws (``board_vote_check``).
- Sent to PPB: the answer falls due RECOMMENDATION_RESPONSE_DAYS calendar days later (a setting frozen
  on the row) on the deadline engine; the liaison is reminded 7 days before, the Director told at breach.
- Answered by the PPB liaison (portal or API): accepted, rejected or modified, with an explanation.
- A rejected one may go to City Council by a Board vote; the Director records Council's vote with its
  date and reference. When Council sides with the Board the recommendation binds PPB.
- Implementation updates, by the liaison or the Director, until done.
Reads are in ``recommendations_selectors``.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.alerts import active_directors, staff_notice_item
from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.rules import BREACH, batch_memo, register_clock_length, register_reminder_handler
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_meet, deadline_start
from oversight.history import save_audited
from oversight.notices.services import notice_send

from .models import PolicyRecommendation, RecommendationUpdate, SubCommittee
from .votes import board_vote_check

Status = PolicyRecommendation.Status
RULE = Deadline.Rule.RECOMMENDATION_RESPONSE
STAGES = [value for value in PolicyRecommendation.Implementation.values if value != "none"]


# Who may do what (plain predicates; views, the API and the services ask the same ones).


def can_draft_recommendation(user):
    """The Board drafts (a member, or the Director recording what the Board or a sub-committee drafted)."""
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def can_view_recommendations(user):
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def can_record_recommendation(user):
    """Votes of the Board and of City Council are recorded by the Office (there is no Council login)."""
    return has_role(user, Role.DIRECTOR)


def can_answer_recommendation(user):
    """PPB answers through its liaison, and nobody else does (R4.1, R6.2)."""
    return has_role(user, Role.LIAISON) and user.agency == User.Agency.PPB


def can_update_implementation(user):
    return can_answer_recommendation(user) or has_role(user, Role.DIRECTOR)


# The clock: its length frozen on the row, and who hears about it.


def response_days(recommendation):
    """The days PPB has to answer, as frozen on the recommendation when it was sent."""
    return recommendation.response_days


def ppb_liaisons():
    return User.objects.filter(groups__name=Role.LIAISON, agency=User.Agency.PPB, is_active=True).order_by("pk")


def directors():
    return active_directors()


def _due_day(deadline):
    return deadline.due_at.astimezone(PACIFIC).date().isoformat()


def response_clock_notices(deadline, kind):
    """7 days before: each PPB liaison; at breach: each Director."""
    recommendation = deadline.about
    values = {"n": recommendation.pk, "title": recommendation.title, "due": _due_day(deadline)}
    if kind == BREACH:
        subject = _("Recommendation %(n)s: PPB's answer is overdue") % values
        body = _("PPB has not answered policy recommendation %(n)s, “%(title)s”, due %(due)s (R4.1).") % values
        return [staff_notice_item(user, subject, body) for user in batch_memo("directors", lambda: list(directors()))]
    subject = _("Recommendation %(n)s: PPB's answer is due in 7 days") % values
    body = _("PPB's answer to policy recommendation %(n)s, “%(title)s”, is due %(due)s (R4.1).") % values
    return [staff_notice_item(user, subject, body) for user in batch_memo("ppb-liaisons", lambda: list(ppb_liaisons()))]


register_clock_length(RULE, response_days)
register_reminder_handler(RULE, response_clock_notices)


def _tell(users, recommendation, event, subject, body, actor):
    """One notice per person per event of a recommendation: a repeated call logs nothing new."""
    for user in users:
        notice_send(
            actor=actor,
            about=recommendation,
            dedupe_key=f"recommendation:{recommendation.pk}:{event}:user{user.pk}",
            **staff_notice_item(user, subject, body),
        )


# Shared checks.


def _reason(reason, errors):
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    return errors


def _lock(recommendation):
    return PolicyRecommendation.objects.select_for_update().get(pk=recommendation.pk)


def _check_move(recommendation, to):
    if to not in PolicyRecommendation.TRANSITIONS[recommendation.status]:
        raise ValidationError(
            _("A recommendation that is “%(now)s” cannot become “%(to)s”.")
            % {"now": recommendation.get_status_display(), "to": Status(to).label}
        )


def _check_day(errors, field, day, *, after=None, after_message=""):
    if day is None:
        errors[field] = _("Give the date.")
    elif day > timezone.localdate():
        errors[field] = _("The date cannot be in the future.")
    elif after is not None and day < after:
        errors[field] = after_message


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


# The services, one per move.


@transaction.atomic
def recommendation_draft(*, actor, title, text, rationale, reason, subcommittee=None, sentinel_review=None):
    """Records a draft by the full Board, a sub-committee (``subcommittee``) or a sentinel event review
    (``sentinel_review``, called by part D). The same draft twice returns the first."""
    if not can_draft_recommendation(actor):
        raise PermissionDenied(_("The Board drafts policy recommendations."))
    title, text, rationale = (str(v or "").strip() for v in (title, text, rationale))
    errors = _reason(reason, {})
    for field, value in (("title", title), ("text", text), ("rationale", rationale)):
        if not value:
            errors[field] = _("This field is required.")
    if subcommittee is not None and sentinel_review is not None:
        errors["subcommittee"] = _("A recommendation comes from a sub-committee or a sentinel review, not both.")
    if subcommittee is not None:
        subcommittee = SubCommittee.objects.get(pk=subcommittee.pk)  # its dissolution as recorded, not as held
    if subcommittee is not None and subcommittee.dissolved_on and subcommittee.dissolved_on < timezone.localdate():
        errors["subcommittee"] = _("This sub-committee has been dissolved.")
    if errors:
        raise ValidationError(errors)
    origin = PolicyRecommendation.Origin.BOARD
    if subcommittee is not None:
        origin = PolicyRecommendation.Origin.SUBCOMMITTEE
    elif sentinel_review is not None:
        origin = PolicyRecommendation.Origin.SENTINEL_REVIEW
    same = PolicyRecommendation.objects.filter(
        title=title, text=text, origin=origin, subcommittee=subcommittee, sentinel_review=sentinel_review
    ).first()
    if same is not None:
        return same
    recommendation = PolicyRecommendation(
        title=title,
        text=text,
        rationale=rationale,
        origin=origin,
        subcommittee=subcommittee,
        sentinel_review=sentinel_review,
        drafted_at=timezone.now(),
        drafted_by=actor,
    )
    return save_audited(recommendation, actor=actor, reason=reason)


@transaction.atomic
def recommendation_adopt(*, actor, recommendation, vote_on, votes_yes, votes_no, votes_abstain, reason):
    """Records the Board's vote adopting a draft; refused unless the tally meets the bylaws' quorum and
    threshold on the day of the vote (``board_vote_check``). The same vote twice changes nothing."""
    if not can_record_recommendation(actor):
        raise PermissionDenied(_("The Director records the Board's votes."))
    recommendation = _lock(recommendation)
    if recommendation.status != Status.DRAFT and recommendation.vote_on == vote_on:
        return recommendation
    _check_move(recommendation, Status.ADOPTED)
    errors, seated = board_vote_check(vote_on=vote_on, yes=votes_yes, no=votes_no, abstain=votes_abstain)
    if errors := _reason(reason, errors):
        raise ValidationError(errors)
    recommendation.vote_on, recommendation.seated_members = vote_on, seated
    recommendation.votes_yes, recommendation.votes_no, recommendation.votes_abstain = votes_yes, votes_no, votes_abstain
    recommendation.status, recommendation.adopted_at = Status.ADOPTED, timezone.now()
    fields = ["vote_on", "seated_members", "votes_yes", "votes_no", "votes_abstain", "status", "adopted_at"]
    return save_audited(recommendation, actor=actor, reason=reason, update_fields=fields)


@transaction.atomic
def recommendation_send(*, actor, recommendation, reason):
    """Sends an adopted recommendation to PPB: PPB's answer falls due RECOMMENDATION_RESPONSE_DAYS
    calendar days later (frozen on the row) on the deadline engine; each PPB liaison is told."""
    if not can_record_recommendation(actor):
        raise PermissionDenied(_("The Director sends the Board's recommendations to PPB."))
    recommendation = _lock(recommendation)
    if recommendation.sent_at is not None:
        return recommendation
    _check_move(recommendation, Status.SENT_TO_PPB)
    if errors := _reason(reason, {}):
        raise ValidationError(errors)
    recommendation.status, recommendation.sent_at = Status.SENT_TO_PPB, timezone.now()
    recommendation.response_days = settings.RECOMMENDATION_RESPONSE_DAYS
    save_audited(recommendation, actor=actor, reason=reason, update_fields=["status", "sent_at", "response_days"])
    deadline = deadline_start(
        about=recommendation,
        rule=RULE,
        starts_at=recommendation.sent_at,
        actor=actor,
        reason="Policy recommendation sent to PPB",
    )
    values = {"n": recommendation.pk, "title": recommendation.title, "due": _due_day(deadline)}
    subject = _("Policy recommendation %(n)s for PPB's answer") % values
    body = (
        _(
            "The Community Board for Police Accountability sends PPB policy recommendation %(n)s, “%(title)s”. "
            "PPB's answer (accepted, rejected or modified, with an explanation) is due %(due)s. Answer it in the "
            "PPB portal or through the API."
        )
        % values
    )
    _tell(ppb_liaisons(), recommendation, "sent", subject, body, actor)
    return recommendation


@transaction.atomic
def recommendation_answer(*, actor, recommendation, answer, explanation, reason=""):
    """PPB's answer through its liaison: accepted, rejected or modified, with an explanation. Stops the
    clock (late or not) and tells each Director. The same answer twice changes nothing."""
    if not can_answer_recommendation(actor):
        raise PermissionDenied(_("Only PPB's liaison answers a recommendation for PPB."))
    recommendation = _lock(recommendation)
    explanation = str(explanation or "").strip()
    if recommendation.status != Status.SENT_TO_PPB and (recommendation.answer, recommendation.answer_explanation) == (
        answer,
        explanation,
    ):
        return recommendation
    _check_move(recommendation, Status.ANSWERED)
    errors = {}
    if answer not in PolicyRecommendation.Answer.values:
        errors["answer"] = _("Choose accepted, rejected or modified.")
    if not explanation:
        errors["explanation"] = _("Explain PPB's answer.")
    if errors:
        raise ValidationError(errors)
    recommendation.answer, recommendation.answer_explanation = answer, explanation
    recommendation.answered_at, recommendation.answered_by = timezone.now(), actor
    recommendation.status = Status.ANSWERED
    fields = ["answer", "answer_explanation", "answered_at", "answered_by", "status"]
    save_audited(recommendation, actor=actor, reason=reason or f"PPB answered: {answer}", update_fields=fields)
    deadline = deadline_for(recommendation, RULE)
    if deadline is not None:
        deadline_meet(deadline=deadline, actor=actor, reason="PPB answered the recommendation")
    values = {"n": recommendation.pk, "title": recommendation.title, "answer": recommendation.get_answer_display()}
    subject = _("PPB answered recommendation %(n)s: %(answer)s") % values
    body = _("PPB answered policy recommendation %(n)s, “%(title)s”: %(answer)s.") % values
    _tell(directors(), recommendation, "answered", f"{subject}", f"{body}\n\n{explanation}", actor)
    return recommendation


@transaction.atomic
def recommendation_council_request(*, actor, recommendation, vote_on, votes_yes, votes_no, votes_abstain, reason):
    """Records the Board's vote asking City Council to decide a recommendation PPB rejected (R4.1)."""
    if not can_record_recommendation(actor):
        raise PermissionDenied(_("The Director records the Board's votes."))
    recommendation = _lock(recommendation)
    if recommendation.council_requested_at is not None and recommendation.council_request_vote_on == vote_on:
        return recommendation
    _check_move(recommendation, Status.COUNCIL_REQUESTED)
    if recommendation.answer != PolicyRecommendation.Answer.REJECTED:
        raise ValidationError(_("Only a recommendation PPB rejected goes to City Council."))
    errors, seated = board_vote_check(vote_on=vote_on, yes=votes_yes, no=votes_no, abstain=votes_abstain)
    if not errors and vote_on < _local_day(recommendation.answered_at):
        errors["vote_on"] = _("The vote cannot come before PPB's answer.")
    if errors := _reason(reason, errors):
        raise ValidationError(errors)
    recommendation.council_request_vote_on = vote_on
    recommendation.council_request_votes_yes = votes_yes
    recommendation.council_request_votes_no = votes_no
    recommendation.council_request_votes_abstain = votes_abstain
    recommendation.council_request_seated_members = seated
    recommendation.council_requested_at, recommendation.status = timezone.now(), Status.COUNCIL_REQUESTED
    fields = [
        "council_request_vote_on",
        "council_request_votes_yes",
        "council_request_votes_no",
        "council_request_votes_abstain",
        "council_request_seated_members",
        "council_requested_at",
        "status",
    ]
    return save_audited(recommendation, actor=actor, reason=reason, update_fields=fields)


@transaction.atomic
def recommendation_council_decide(*, actor, recommendation, outcome, vote_on, reference, reason):
    """Records City Council's vote (date and reference). When Council sides with the Board the
    recommendation binds PPB and each PPB liaison is told."""
    if not can_record_recommendation(actor):
        raise PermissionDenied(_("The Director records City Council's vote."))
    recommendation = _lock(recommendation)
    reference = str(reference or "").strip()
    if recommendation.council_decided_at is not None and (
        recommendation.council_outcome,
        recommendation.council_vote_on,
        recommendation.council_reference,
    ) == (outcome, vote_on, reference):
        return recommendation
    _check_move(recommendation, Status.COUNCIL_DECIDED)
    errors = _reason(reason, {})
    if outcome not in PolicyRecommendation.CouncilOutcome.values:
        errors["outcome"] = _("Choose what Council decided.")
    if not reference:
        errors["reference"] = _("Give Council's reference, such as the resolution or agenda item number.")
    _check_day(
        errors,
        "vote_on",
        vote_on,
        after=recommendation.council_request_vote_on,
        after_message=_("Council's vote cannot come before the Board asked for it."),
    )
    if errors:
        raise ValidationError(errors)
    recommendation.council_outcome, recommendation.council_vote_on = outcome, vote_on
    recommendation.council_reference, recommendation.council_decided_at = reference, timezone.now()
    recommendation.status = Status.COUNCIL_DECIDED
    fields = ["council_outcome", "council_vote_on", "council_reference", "council_decided_at", "status"]
    save_audited(recommendation, actor=actor, reason=reason, update_fields=fields)
    if recommendation.binds_ppb:
        values = {"n": recommendation.pk, "title": recommendation.title, "ref": reference}
        subject = _("Recommendation %(n)s now binds PPB (City Council)") % values
        body = (
            _(
                "City Council sided with the Board on policy recommendation %(n)s, “%(title)s” (%(ref)s). "
                "It binds PPB: record its implementation in the PPB portal until it is done."
            )
            % values
        )
        _tell(ppb_liaisons(), recommendation, "council-binds", subject, body, actor)
    return recommendation


@transaction.atomic
def recommendation_implementation_update(*, actor, recommendation, stage, note, update_on, reason=""):
    """A dated implementation note (planned, in progress, done) on a recommendation PPB accepted or
    modified, or that Council made binding; "done" closes it. The same note twice is returned once."""
    if not can_update_implementation(actor):
        raise PermissionDenied(_("PPB's liaison or the Director records implementation."))
    recommendation = _lock(recommendation)
    note = str(note or "").strip()
    same = recommendation.updates.filter(stage=stage, note=note, update_on=update_on).first()
    if same is not None:
        return same
    if recommendation.status == Status.IMPLEMENTED:
        raise ValidationError(_("This recommendation is already implemented."))
    if not recommendation.may_be_implemented:
        raise ValidationError(
            _("Implementation is recorded once PPB accepted or modified it, or City Council made it binding.")
        )
    errors = {}
    if stage not in STAGES:
        errors["stage"] = _("Choose planned, in progress or done.")
    if not note:
        errors["note"] = _("Say what was done or planned.")
    _check_day(
        errors,
        "update_on",
        update_on,
        after=_local_day(recommendation.answered_at),
        after_message=_("The update cannot come before PPB's answer."),
    )
    if errors:
        raise ValidationError(errors)
    reason = reason or f"Implementation: {stage}"
    update = save_audited(
        RecommendationUpdate(
            recommendation=recommendation,
            stage=stage,
            note=note,
            update_on=update_on,
            recorded_by=actor,
            recorded_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )
    recommendation.implementation = stage
    fields = ["implementation"]
    if stage == PolicyRecommendation.Implementation.DONE:
        _check_move(recommendation, Status.IMPLEMENTED)
        recommendation.status = Status.IMPLEMENTED
        fields.append("status")
    save_audited(recommendation, actor=actor, reason=reason, update_fields=fields)
    return update


def subcommittees_open():
    """Sub-committees not dissolved, for the draft form."""
    today = timezone.localdate()
    return SubCommittee.objects.exclude(dissolved_on__lt=today).order_by("name")


def _register_my_work():
    """The liaison's answers due and the Office's next steps on the staff home (issue 12.1)."""
    from oversight.accounts.my_work import register_my_work_part

    from .recommendations_selectors import director_recommendations_part, liaison_recommendations_part

    register_my_work_part(Role.LIAISON, 10, liaison_recommendations_part)
    register_my_work_part(Role.DIRECTOR, 60, director_recommendations_part)


_register_my_work()
