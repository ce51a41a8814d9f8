"""Rules, bylaws, policies and procedures (issue 10 part A; 35A.010 C/D, R4.2): the services.

How the days count (the ``comment_period`` and ``urgent_lapse`` clocks, oversight/calendar/rules.py
``period_of_days``): 35A.010 C asks for input "not less than 30 days" and lets an urgent rule be "in
effect no longer than 90 days". Days are Pacific calendar days; every day counts, weekends and
holidays too, since comments are taken online every day; the day a period opens is its day 1, as a
published notice reads ("open 1 to 30 June"), and the period ends at the end of its 30th day. So input
opened on day 0 runs through the end of day 29, the Board may adopt from day 30 (the vote's date must
be day 30 or later), and an urgent rule in effect from day 0 is in effect through day 89 and lapses
as day 90 begins. A last day is never moved to a business day: moving it would make an urgent rule
last longer than the law allows. The Office opens a period in the morning when it can: the opening
day counts whole.

Who adopts: the Board, by a vote recorded by the Director and checked against the bylaws
(``board_vote_check``); for an administrative rule the Board recommends and the City Administrator
adopts (the Director records the decision with its date and reference). Urgent adoption (the Board's,
never for an administrative rule) and the City Administrator's temporary rules take effect at once,
open input at the same time and start the 90-day clock; the deadline sweep warns the Director at 14
and 7 days and, at the end, lapses the version unless it was adopted after input meanwhile.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from oversight.accounts.alerts import active_directors, staff_notice_item
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.rules import BREACH, register_reminder_handler
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_meet, deadline_start
from oversight.history import save_audited

from .comments import register_commentable
from .models import DocumentDecision, DocumentVersion, GovernanceDocument
from .votes import board_vote_check

Status = DocumentVersion.Status
Kind = GovernanceDocument.Kind
Decision = DocumentDecision.Kind


def can_write_documents(user):
    """The Director records the Board's documents, votes and the City Administrator's decisions."""
    return has_role(user, Role.DIRECTOR)


def can_read_documents(user):
    """The Board and the Director read every version, drafts included; the public reads public ones."""
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def _require_writer(actor):
    if not can_write_documents(actor):
        raise PermissionDenied(_("The Director records the Board's rules, bylaws, policies and procedures."))


def _require_reason(reason, errors=None):
    errors = {} if errors is None else errors
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    return errors


def _locked(version):
    return DocumentVersion.objects.select_for_update().select_related("document").get(pk=version.pk)


def _move(version, target, *, actor, reason, fields=()):
    if target not in DocumentVersion.TRANSITIONS[version.status]:
        raise ValidationError(
            _("A version that is %(now)s cannot become %(target)s.")
            % {"now": version.get_status_display().lower(), "target": Status(target).label.lower()}
        )
    version.status = target
    return save_audited(version, actor=actor, reason=reason, update_fields=["status", *fields])


# Documents and drafts


@transaction.atomic
def document_create(*, actor, kind, title, reason, slug=""):
    """Creates a document (no text yet: its versions hold it). The same title and kind again returns it."""
    _require_writer(actor)
    title = str(title or "").strip()
    slug = slugify(slug or title)[:80]
    errors = _require_reason(reason)
    if kind not in Kind.values:
        errors["kind"] = _("Choose the kind of document.")
    if not title:
        errors["title"] = _("Give the document a title.")
    elif not slug:
        errors["slug"] = _("Give the document an address of letters, digits and hyphens.")
    if errors:
        raise ValidationError(errors)
    existing = GovernanceDocument.objects.filter(slug=slug).first()
    if existing is not None:
        if (existing.kind, existing.title) == (kind, title):
            return existing
        raise ValidationError({"slug": _("Another document already has this address.")})
    return save_audited(GovernanceDocument(kind=kind, title=title, slug=slug), actor=actor, reason=reason)


@transaction.atomic
def version_draft(*, actor, document, text, reason, change_summary=""):
    """Writes the document's draft: a new numbered version, or the text of the draft already open.
    The same text again changes nothing."""
    _require_writer(actor)
    document = GovernanceDocument.objects.select_for_update().get(pk=document.pk)
    text, change_summary = str(text or "").strip(), str(change_summary or "").strip()
    errors = _require_reason(reason)
    if not text:
        errors["text"] = _("Give the text of the version.")
    if errors:
        raise ValidationError(errors)
    draft = document.versions.filter(status=Status.DRAFT).first()
    if draft is not None:
        if (draft.text, draft.change_summary) == (text, change_summary):
            return draft
        draft.text, draft.change_summary = text, change_summary
        return save_audited(draft, actor=actor, reason=reason, update_fields=["text", "change_summary"])
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion(document=document, number=number, text=text, change_summary=change_summary)
    version.drafted_by = actor
    return save_audited(version, actor=actor, reason=reason)


# Community input (35A.010 C)


def comment_period_of(version):
    return deadline_for(version, Deadline.Rule.COMMENT_PERIOD)


def lapse_clock_of(version):
    return deadline_for(version, Deadline.Rule.URGENT_LAPSE)


def _open_input(version, *, actor, reason, now):
    version.comment_opened_at = now
    deadline_start(
        about=version,
        rule=Deadline.Rule.COMMENT_PERIOD,
        starts_at=now,
        actor=actor,
        reason=f"Community input opened: {reason}",
    )


@transaction.atomic
def version_open_for_comment(*, actor, version, reason):
    """Opens a draft for community input: the public may comment, and the 30-day clock starts."""
    _require_writer(actor)
    version = _locked(version)
    if version.status == Status.OPEN_FOR_COMMENT:
        return version
    if _require_reason(reason):
        raise ValidationError(_require_reason(reason))
    if version.document.versions.filter(status=Status.OPEN_FOR_COMMENT).exists():
        raise ValidationError(_("Another version of this document is open for comment: withdraw it first."))
    _open_input(version, actor=actor, reason=reason, now=timezone.now())
    return _move(version, Status.OPEN_FOR_COMMENT, actor=actor, reason=reason, fields=["comment_opened_at"])


def _pacific_day(moment):
    return moment.astimezone(PACIFIC).date()


def explanation_text(deadline):
    """The clock's day-by-day explanation in one paragraph."""
    return "; ".join(f"{step['date']}: {step['reason']}" for step in deadline.explanation)


def input_ended_check(version, *, on):
    """Refuses an act dated `on` while the version's community input period runs (35A.010 C)."""
    deadline = comment_period_of(version)
    if deadline is None:
        raise ValidationError(_("This version has not been open for community input."))
    last_day = _pacific_day(deadline.due_at)
    if on <= last_day:
        raise ValidationError(
            {
                "vote_on": _(
                    "Refused: the community input period runs until the end of %(last)s (30 days from "
                    "%(opened)s, the day it opened counting as day 1); the Board may adopt from %(first)s. "
                    "How the days count: %(steps)s."
                )
                % {
                    "last": last_day.isoformat(),
                    "opened": _pacific_day(deadline.starts_at).isoformat(),
                    "first": (last_day + datetime.timedelta(days=1)).isoformat(),
                    "steps": explanation_text(deadline),
                }
            }
        )
    return deadline


def _vote(*, vote_on, votes_yes, votes_no, votes_abstain, errors):
    vote_errors, seated = board_vote_check(vote_on=vote_on, yes=votes_yes, no=votes_no, abstain=votes_abstain)
    errors.update(vote_errors)
    return seated


def _decision(version, kind, *, actor, reason, decided_on, reference="", vote=None, seated=None):
    vote = vote or {}
    row = DocumentDecision(
        version=version,
        kind=kind,
        decided_on=decided_on,
        reference=str(reference or "").strip(),
        reason=str(reason).strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
        seated_members=seated,
        **vote,
    )
    return save_audited(row, actor=actor, reason=reason)


def _close_comment_clock(version, *, actor):
    deadline = comment_period_of(version)
    if deadline is not None and deadline.met_at is None:
        # Met at its own end (or now, if ended early): reaching the end of input is never a breach.
        deadline_meet(
            deadline=deadline,
            actor=actor,
            reason="Community input closed",
            now=min(timezone.now(), deadline.due_at),
        )


def _meet_lapse_clock(version, *, actor, reason):
    deadline = lapse_clock_of(version)
    if deadline is not None and deadline.met_at is None:
        deadline_meet(deadline=deadline, actor=actor, reason=reason)


def _take_effect(version, *, actor, reason, effective_on, fields=()):
    """Makes `version` the copy in force: the version in force before it is superseded."""
    previous = version.document.versions.select_for_update().filter(status=Status.ADOPTED).exclude(pk=version.pk)
    previous = previous.first()
    if previous is not None:
        previous.ended_on = effective_on
        _move(
            previous,
            Status.SUPERSEDED,
            actor=actor,
            reason=f"Replaced by v{version.number}: {reason}",
            fields=["ended_on"],
        )
        if previous.is_urgent and previous.input_closed_at is None:
            # Replaced by a version adopted by the Board: the urgent one no longer runs towards its lapse.
            _meet_lapse_clock(previous, actor=actor, reason=f"Replaced by v{version.number}")
        version.replaced = previous
    version.effective_on = effective_on
    version.ended_on = None
    fields = ["effective_on", "ended_on", "replaced", *fields]
    return _move(version, Status.ADOPTED, actor=actor, reason=reason, fields=fields)


def _check_adoptable(version, *, administrator=False):
    """The version may be adopted after input: open for comment, or urgent and still in input."""
    if version.status == Status.ADOPTED and not version.is_in_trial:
        return "done"
    if version.status != Status.OPEN_FOR_COMMENT and not version.is_in_trial:
        raise ValidationError(_("Only a version open for comment, or urgent and in input, can be adopted."))
    if version.document.adopted_by_administrator != administrator:
        raise ValidationError(
            _("The Board recommends administrative rules; the City Administrator adopts them.")
            if version.document.adopted_by_administrator
            else _("Only administrative rules are adopted by the City Administrator.")
        )
    return None


@transaction.atomic
def version_adopt(*, actor, version, vote_on, votes_yes, votes_no, votes_abstain, reason, effective_on=None):
    """The Board adopts a version after community input, by a vote the bylaws' numbers accept. Refused
    while the input period runs. Supersedes the copy in force; an urgent version adopted after input no
    longer lapses."""
    _require_writer(actor)
    version = _locked(version)
    if _check_adoptable(version) == "done":
        return version
    errors = _require_reason(reason)
    seated = _vote(vote_on=vote_on, votes_yes=votes_yes, votes_no=votes_no, votes_abstain=votes_abstain, errors=errors)
    if errors:
        raise ValidationError(errors)
    input_ended_check(version, on=vote_on)
    vote = {"vote_on": vote_on, "votes_yes": votes_yes, "votes_no": votes_no or 0, "votes_abstain": votes_abstain or 0}
    _decision(
        version, Decision.BOARD_ADOPTION, actor=actor, reason=reason, decided_on=vote_on, vote=vote, seated=seated
    )
    return _adopt_after_input(version, actor=actor, reason=reason, effective_on=effective_on or vote_on)


def _adopt_after_input(version, *, actor, reason, effective_on):
    version.input_closed_at = timezone.now()
    _close_comment_clock(version, actor=actor)
    if version.status == Status.ADOPTED:  # urgent or temporary, now through input: it stays in force
        save_audited(version, actor=actor, reason=reason, update_fields=["input_closed_at"])
        _meet_lapse_clock(version, actor=actor, reason="Adopted after community input")
        return version
    return _take_effect(version, actor=actor, reason=reason, effective_on=effective_on, fields=["input_closed_at"])


def _start_trial(version, *, actor, reason, effective_on):
    """Urgent or temporary: in effect at once, input open at the same time, 90 days at most."""
    now = timezone.now()
    if version.comment_opened_at is None:
        _open_input(version, actor=actor, reason=reason, now=now)
    version.is_urgent = True
    starts_at = (
        now
        if effective_on >= _pacific_day(now)
        else datetime.datetime.combine(effective_on, datetime.time(12), tzinfo=PACIFIC)
    )
    deadline_start(
        about=version, rule=Deadline.Rule.URGENT_LAPSE, starts_at=starts_at, actor=actor, reason=f"In effect: {reason}"
    )
    fields = ["comment_opened_at", "is_urgent"]
    return _take_effect(version, actor=actor, reason=reason, effective_on=effective_on, fields=fields)


def _check_trial_start(version, *, administrator):
    if version.status == Status.ADOPTED and version.is_urgent:
        return "done"
    if version.status not in (Status.DRAFT, Status.OPEN_FOR_COMMENT):
        raise ValidationError(_("Only a draft or a version open for comment can take effect at once."))
    if version.document.adopted_by_administrator != administrator:
        raise ValidationError(
            _("An administrative rule takes effect at once only as the City Administrator's temporary rule.")
            if version.document.adopted_by_administrator
            else _("Only administrative rules are the City Administrator's temporary rules.")
        )
    return None


@transaction.atomic
def version_adopt_urgent(*, actor, version, vote_on, votes_yes, votes_no, votes_abstain, reason):
    """The Board adopts a bylaws, policy or procedure version in an urgent situation: in effect at once
    for at most 90 days, open for input at the same time; it lapses unless adopted after input."""
    _require_writer(actor)
    version = _locked(version)
    if _check_trial_start(version, administrator=False) == "done":
        return version
    errors = _require_reason(reason)
    seated = _vote(vote_on=vote_on, votes_yes=votes_yes, votes_no=votes_no, votes_abstain=votes_abstain, errors=errors)
    if errors:
        raise ValidationError(errors)
    vote = {"vote_on": vote_on, "votes_yes": votes_yes, "votes_no": votes_no or 0, "votes_abstain": votes_abstain or 0}
    _decision(version, Decision.BOARD_URGENT, actor=actor, reason=reason, decided_on=vote_on, vote=vote, seated=seated)
    return _start_trial(version, actor=actor, reason=reason, effective_on=vote_on)


# Administrative rules: the Board recommends, the City Administrator adopts (35A.010 C)


@transaction.atomic
def version_recommend(*, actor, version, vote_on, votes_yes, votes_no, votes_abstain, reason):
    """The Board recommends an administrative rule to the City Administrator after community input."""
    _require_writer(actor)
    version = _locked(version)
    if version.decisions.filter(kind=Decision.BOARD_RECOMMENDATION).exists():
        return version
    if version.status != Status.OPEN_FOR_COMMENT and not version.is_in_trial:
        raise ValidationError(_("Only a version open for comment, or temporary and in input, can be recommended."))
    if not version.document.adopted_by_administrator:
        raise ValidationError(_("Only administrative rules are recommended to the City Administrator."))
    errors = _require_reason(reason)
    seated = _vote(vote_on=vote_on, votes_yes=votes_yes, votes_no=votes_no, votes_abstain=votes_abstain, errors=errors)
    if errors:
        raise ValidationError(errors)
    input_ended_check(version, on=vote_on)
    vote = {"vote_on": vote_on, "votes_yes": votes_yes, "votes_no": votes_no or 0, "votes_abstain": votes_abstain or 0}
    kind = Decision.BOARD_RECOMMENDATION
    _decision(version, kind, actor=actor, reason=reason, decided_on=vote_on, vote=vote, seated=seated)
    return version


def _check_administrator_decision(decided_on, reference, reason):
    errors = _require_reason(reason)
    if decided_on is None:
        errors["decided_on"] = _("Give the date of the City Administrator's decision.")
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("The decision cannot be in the future.")
    if not str(reference or "").strip():
        errors["reference"] = _("Give the reference of the City Administrator's decision.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def version_administrator_adopt(*, actor, version, decided_on, reference, reason, effective_on=None):
    """Records the City Administrator's adoption of an administrative rule the Board recommended."""
    _require_writer(actor)
    version = _locked(version)
    if _check_adoptable(version, administrator=True) == "done":
        return version
    _check_administrator_decision(decided_on, reference, reason)
    recommendation = version.decisions.filter(kind=Decision.BOARD_RECOMMENDATION).first()
    if recommendation is None:
        raise ValidationError(_("The Board has not recommended this version yet."))
    if decided_on < recommendation.decided_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the Board's recommendation.")})
    kind = Decision.ADMINISTRATOR_ADOPTION
    _decision(version, kind, actor=actor, reason=reason, decided_on=decided_on, reference=reference)
    return _adopt_after_input(version, actor=actor, reason=reason, effective_on=effective_on or decided_on)


@transaction.atomic
def version_administrator_adopt_temporary(*, actor, version, decided_on, reference, reason):
    """Records a temporary administrative rule of the City Administrator: in effect at once for at most
    90 days, open for input at the same time; it lapses unless adopted after input."""
    _require_writer(actor)
    version = _locked(version)
    if _check_trial_start(version, administrator=True) == "done":
        return version
    _check_administrator_decision(decided_on, reference, reason)
    kind = Decision.ADMINISTRATOR_TEMPORARY
    _decision(version, kind, actor=actor, reason=reason, decided_on=decided_on, reference=reference)
    return _start_trial(version, actor=actor, reason=reason, effective_on=decided_on)


@transaction.atomic
def version_withdraw(*, actor, version, reason):
    """Withdraws a draft or a version open for comment; its input closes."""
    _require_writer(actor)
    version = _locked(version)
    if version.status == Status.WITHDRAWN:
        return version
    if _require_reason(reason):
        raise ValidationError(_require_reason(reason))
    _close_comment_clock(version, actor=actor)
    return _move(version, Status.WITHDRAWN, actor=actor, reason=reason)


@transaction.atomic
def version_lapse(*, version, reason, actor=None):
    """An urgent or temporary version not adopted after input lapses (35A.010 C: at most 90 days); the
    version it replaced, if still the latest, is in force again. Idempotent; returns the restored one."""
    version = _locked(version)
    if not version.is_in_trial:
        return None
    version.ended_on = timezone.localdate()
    _close_comment_clock(version, actor=actor)
    _move(version, Status.LAPSED, actor=actor, reason=reason, fields=["ended_on"])
    restored = None
    if version.replaced_id:
        restored = DocumentVersion.objects.select_for_update().get(pk=version.replaced_id)
        if restored.status == Status.SUPERSEDED:
            restored.ended_on = None
            _move(restored, Status.ADOPTED, actor=actor, reason=f"v{version.number} lapsed", fields=["ended_on"])
    return restored


# The sweep's handlers (oversight/calendar/rules.py): notices to the Director, and the lapse itself.


def _directors():
    from oversight.calendar.rules import batch_memo

    def load():
        return list(active_directors())

    return batch_memo("directors", load)


def comment_period_notices(deadline, kind):
    """At its end the input period closes (met at its own end, never a breach); the Director is told."""
    version = deadline.about
    met = deadline_meet(deadline=deadline, actor=None, reason="Community input period ended", now=deadline.due_at)
    deadline.met_at = met.met_at
    if version.status not in (Status.OPEN_FOR_COMMENT, Status.ADOPTED):
        return []
    last = _pacific_day(deadline.due_at)
    subject = _("%(title)s v%(n)s: community input period ended") % {"title": version.document, "n": version.number}
    body = _(
        "The 30 days of community input on %(title)s v%(n)s ended on %(last)s. The Board may act from %(first)s."
    ) % {
        "title": version.document,
        "n": version.number,
        "last": last.isoformat(),
        "first": (last + datetime.timedelta(days=1)).isoformat(),
    }
    return [staff_notice_item(d, subject, body) for d in _directors()]


def urgent_lapse_notices(deadline, kind):
    """Warnings at 14 and 7 days; at the end the version lapses by itself and the Director is told."""
    version = deadline.about
    names = {"title": version.document, "n": version.number}
    if kind == BREACH:
        restored = version_lapse(version=version, reason="90 days in effect without adoption after input")
        version.refresh_from_db()
        if version.status != Status.LAPSED:
            return []
        # The clock is over: stopped here, so it stays out of the lists of running clocks.
        met = deadline_meet(deadline=deadline, actor=None, reason="Lapsed at 90 days")
        deadline.met_at, deadline.breached_at = met.met_at, met.breached_at
        subject = _("%(title)s v%(n)s lapsed at 90 days") % names
        body = _("%(title)s v%(n)s was not adopted after community input within 90 days and has lapsed.") % names
        if restored is not None:
            body += " " + _("Version %(n)s is in force again.") % {"n": restored.number}
        return [staff_notice_item(d, subject, body) for d in _directors()]
    if not version.is_in_trial:
        return []
    days = kind.removeprefix("warning_").removesuffix("d")
    last = _pacific_day(deadline.due_at)
    subject = _("%(title)s v%(n)s lapses in %(days)s days") % {**names, "days": days}
    body = _(
        "%(title)s v%(n)s is in effect through %(last)s only, unless adopted after community input before then."
    ) % {**names, "last": last.isoformat()}
    return [staff_notice_item(d, subject, body) for d in _directors()]


register_reminder_handler(Deadline.Rule.COMMENT_PERIOD, comment_period_notices, select_related=("document",))
register_reminder_handler(Deadline.Rule.URGENT_LAPSE, urgent_lapse_notices, select_related=("document",))


# Public comment (part B's component): a version is commentable while it takes input.


def version_public_url(version):
    return reverse("participate:document-version", args=[version.document.slug, version.number])


register_commentable(
    "document-version",
    DocumentVersion,
    is_open=lambda version: version.is_open_for_input,
    title=lambda version: f"{version.document} v{version.number}",
    public_url=version_public_url,
    is_public=lambda version: version.status in DocumentVersion.PUBLIC_STATUSES,
)
