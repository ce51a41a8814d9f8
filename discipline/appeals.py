"""Appeals of the Board's results (R3.7, issue 9.9): the window on the deadline engine, who may appeal
what and until when, filing (the filer on the status page, an officer's appeal entered by staff), the
appeals panel's votes and its decision.

The window is a clock of ``Deadline.Rule.APPEAL_WINDOW`` on the result's row: the hearings panel for its
findings, the ``DisciplineDecision`` for discipline. Its length is the appeal window the panel froze from
the bylaws when it was convened (``Panel.appeal_window_days``), counted in calendar days from the
decision; a last day that is not a business day runs to the next (oversight/calendar). The clock starts
when the result is recorded (``appeal_window_open``, called by ``finding_adopt`` and the discipline
adoption); results recorded before windows existed got theirs, from the result's own time, in migration
``0010_appeal_windows_backfill``. Reading the options (``_case_facts``) never starts one.
"""

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from intake.chief import allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Case, Complaint
from intake.services import case_lock, case_transition
from investigations.models import FindingOutcome
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_list_for
from oversight.calendar.services import deadline_start
from oversight.history import save_audited
from oversight.roster.models import Employee

from .models import Appeal, AppealVote, DisciplineDecision, Panel, PanelResult
from .outcomes import final_outcomes_refresh
from .results_told import ResultEvent, result_tell

APPEALABLE_PANELS = (Panel.Kind.HEARINGS, Panel.Kind.DISCIPLINARY)
OPEN_CASE_STATUSES = (Case.Status.DISCIPLINE, Case.Status.CLOSED, Case.Status.ON_APPEAL)


# Permissions (plain predicates, as in discipline/permissions.py).


def can_enter_appeal(user):
    """Staff who enter an officer's appeal: the Director and intake."""
    return has_role(user, Role.DIRECTOR, Role.INTAKE)


def can_manage_appeals(user):
    return has_role(user, Role.DIRECTOR)


def is_appeals_panel_member(user, appeal):
    panel = appeal.appeals_panel
    return panel is not None and has_role(user, Role.BOARD) and panel.members.filter(pk=user.pk).exists()


# The window.


def window_days(subject):
    """The appeal window's length for a result: the days its panel froze from the bylaws (R3.2, R3.7)."""
    panel = subject if isinstance(subject, Panel) else subject.panel
    return panel.appeal_window_days


def _window_starts_at(subject):
    if isinstance(subject, Panel):
        return subject.decided_at or timezone.now()
    return subject.final_at or subject.decided_at


def appeal_window_open(*, panel, actor, about=None):
    """Starts the appeal window on a Board result once: the panel's findings, or ``about`` (a
    DisciplineDecision) for discipline; the final outcomes record the Board's result. Idempotent."""
    subject = about or panel
    deadline = deadline_start(
        about=subject,
        rule=Deadline.Rule.APPEAL_WINDOW,
        starts_at=_window_starts_at(subject),
        actor=actor,
        reason="Board result recorded: appeal window opened",
    )
    final_outcomes_refresh(case=panel.case, actor=actor)
    return deadline


def window_text(deadline):
    """How the window was counted, in words: its length, its start and its last day."""
    last_counted = [step for step in deadline.explanation if step.get("counted")]
    rolled = len([step for step in deadline.explanation if step.get("counted") is False]) > 1
    text = _("%(days)s calendar days from the Board's decision on %(start)s; the last day is %(due)s.") % {
        "days": _days_of(deadline),
        "start": _day(deadline.starts_at),
        "due": _day(deadline.due_at),
    }
    if rolled and last_counted:
        text += " " + _("The last day fell on a weekend or holiday, so the window runs to the next business day.")
    return text


def _days_of(deadline):
    from oversight.calendar.rules import clock_length

    return clock_length(deadline)


def _day(moment):
    return formats.date_format(moment.astimezone(PACIFIC).date(), "DATE_FORMAT")


# Who may appeal what, until when.


@dataclass
class AppealOption:
    """One result a party may appeal (or may not, and why)."""

    allegation: object
    concerns: str  # "findings" or "discipline"
    subject: object  # the Panel or the DisciplineDecision
    panel: Panel
    due_at: datetime | None
    may_appeal: bool
    why_not: str = ""
    appeal: Appeal | None = None
    window: Deadline | None = None
    party: object = None

    @property
    def label(self):
        if self.concerns == "discipline":
            return _("The discipline decided on “%(a)s”") % {"a": self.allegation.allegation_type}
        return _("The Board's finding on “%(a)s”") % {"a": self.allegation.allegation_type}

    @property
    def key(self):
        return f"{self.concerns}:{self.allegation.pk}"


def _board_results(case):
    """{allegation_id: the latest decided result of a hearings or disciplinary panel with a finding}."""
    rows = (
        PanelResult.objects.filter(panel__case=case, panel__kind__in=APPEALABLE_PANELS, panel__status="decided")
        .exclude(finding="")
        .select_related("panel")
        .order_by("panel__decided_at", "pk")
    )
    return {row.allegation_id: row for row in rows}


def appeal_options(*, case, party, now=None, facts=None):
    """Who may appeal what, until when, or why not: ``party`` is the filer's Complaint or an officer
    (roster Employee). The filer appeals the Board's findings; the officer their own sustained findings
    and the discipline decided on them. Allegations against the Chief never come here (R1.7).
    ``facts`` (from ``_case_facts``) lets a caller asking for several parties read the case once."""
    now = now or timezone.now()
    facts = facts or _case_facts(case)
    is_filer = isinstance(party, Complaint)
    allegations = [a for a in facts["allegations"] if is_filer or a.employee_id == party.pk]
    filed = _appeals_by_party(facts["appeals"], party)
    options, windows = [], facts["windows"]
    for allegation in allegations:
        allegation_options = []
        result = facts["results"].get(allegation.pk)
        if result is None:
            continue
        if is_filer or result.is_sustained:
            allegation_options.append(_option(allegation, "findings", result.panel, result.panel, filed, now, windows))
        decision = facts["decisions"].get(allegation.pk)
        if not is_filer and decision is not None and decision.status != DisciplineDecision.Status.WITHDRAWN:
            allegation_options.append(_option(allegation, "discipline", decision, decision.panel, filed, now, windows))
        for option in allegation_options:
            option.party = party
        options += allegation_options
    return options


def appeal_options_for_officers(*, case, now=None):
    """Every officer's appeal options on the case, for staff entering an officer's appeal."""
    facts = _case_facts(case)
    employees = Employee.objects.filter(pk__in={a.employee_id for a in facts["allegations"]}).order_by("pk")
    return [
        option for employee in employees for option in appeal_options(case=case, party=employee, now=now, facts=facts)
    ]


def _case_facts(case):
    """What the appeal options of any party on the case are made of, in a fixed number of queries:
    the Board's allegations, results, decisions, appeals, and every appeal window already running."""
    results = _board_results(case)
    decisions = {
        d.allegation_id: d for d in DisciplineDecision.objects.filter(allegation__case=case).select_related("panel")
    }
    subjects = [r.panel for r in results.values()] + list(decisions.values())
    windows = {}
    for model in {type(s) for s in subjects}:
        by_pk = deadline_list_for([s for s in subjects if isinstance(s, model)])
        for pk, deadlines in by_pk.items():
            for deadline in deadlines:
                if deadline.rule == Deadline.Rule.APPEAL_WINDOW:
                    windows[(model.__name__, pk)] = deadline
    return {
        "allegations": list(allegations_for_board(case).select_related("allegation_type").order_by("pk")),
        "results": results,
        "decisions": decisions,
        "appeals": list(Appeal.objects.filter(case=case).exclude(status=Appeal.Status.WITHDRAWN)),
        "windows": windows,
    }


def _appeals_by_party(appeals, party):
    if isinstance(party, Complaint):
        mine = [a for a in appeals if a.complaint_id == party.pk]
    else:
        mine = [a for a in appeals if a.employee_id == party.pk]
    return {(a.allegation_id, "discipline" if a.decision_id else "findings"): a for a in mine}


def _option(allegation, concerns, subject, panel, filed, now, windows):
    window = windows.get((type(subject).__name__, subject.pk))  # one per result, read once by _case_facts
    option = AppealOption(allegation, concerns, subject, panel, window and window.due_at, True, window=window)
    option.appeal = filed.get((allegation.pk, concerns))
    if window is None:  # cannot happen since results open their window; refuse rather than guess a date
        option.may_appeal = False
        option.why_not = _("No time to appeal is recorded for this result. Ask the Office.")
    elif option.appeal is not None:
        option.may_appeal = False
        option.why_not = _("An appeal was filed on %(d)s.") % {"d": _day(option.appeal.filed_at)}
    elif now > window.due_at:
        option.may_appeal = False
        option.why_not = _("The time to appeal ended on %(d)s.") % {"d": _day(window.due_at)}
    return option


# Filing.


def _late_reason(window, filed_at):
    return _("This appeal was filed on %(filed)s, after the time to appeal ended. The window was %(how)s") % {
        "filed": _day(filed_at),
        "how": window_text(window),
    }


@transaction.atomic
def appeal_file(
    *, case, allegation, grounds, actor, complaint=None, employee=None, concerns="findings", reason="Appeal filed"
):
    """Files an appeal of a Board result by the filer (``complaint``) or an officer (``employee``, entered
    by staff). A late appeal is kept, refused, with the reason (the due date and how it was counted); a
    timely one moves the case to ``on_appeal``. Filing the same appeal twice returns the first."""
    if (complaint is None) == (employee is None):
        raise ValidationError(_("An appeal is filed by the filer or by the officer."))
    if employee is not None and not can_enter_appeal(actor):
        raise PermissionDenied
    case = case_lock(case)
    party = complaint or employee
    option = next(
        (
            o
            for o in appeal_options(case=case, party=party)
            if o.allegation.pk == allegation.pk and o.concerns == concerns
        ),
        None,
    )
    if option is None:
        raise RuleViolation(_("There is no Board result on this allegation that you may appeal."))
    if option.appeal is not None:
        return option.appeal
    if option.window is None:
        raise RuleViolation(option.why_not)
    if not str(grounds).strip():
        raise ValidationError({"grounds": _("Say why you appeal.")})
    if case.status not in OPEN_CASE_STATUSES:
        raise RuleViolation(_("This case cannot be appealed at its present stage."))
    appeal = Appeal(
        case=case,
        panel=option.panel,
        allegation=allegation,
        decision=option.subject if concerns == "discipline" else None,
        appellant=Appeal.Appellant.FILER if complaint else Appeal.Appellant.OFFICER,
        complaint=complaint,
        employee=employee,
        grounds=grounds,
        filed_at=timezone.now(),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if appeal.filed_at > option.window.due_at:
        appeal.status, appeal.refused_reason = Appeal.Status.REFUSED, _late_reason(option.window, appeal.filed_at)
        save_audited(appeal, actor=actor, reason="Appeal refused: filed after the window")
        result_tell(case=case, event=ResultEvent.APPEAL, actor=actor, about=appeal)
        return appeal
    save_audited(appeal, actor=actor, reason=reason)
    case_transition(case=case, to=Case.Status.ON_APPEAL, actor=actor, reason=reason)
    return appeal


@transaction.atomic
def appeal_withdraw(*, appeal, actor, reason):
    """The appellant withdraws (recorded by the Director); the case goes on as if it had not been filed."""
    if not can_manage_appeals(actor):
        raise PermissionDenied
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.status == Appeal.Status.WITHDRAWN:
        return appeal
    if appeal.status != Appeal.Status.FILED:
        raise RuleViolation(_("Only an appeal still waiting for its decision can be withdrawn."))
    appeal.status = Appeal.Status.WITHDRAWN
    save_audited(appeal, actor=actor, reason=reason, update_fields=["status"])
    _case_after_appeals(appeal.case, actor=actor, reason=reason)
    return appeal


# The appeals panel.


@transaction.atomic
def appeals_panel_convene(*, appeal, members, actor, reason, alternates=()):
    """Convenes the appeals panel on the appeal's case through the one convening service (none of its
    members sat on an earlier panel of the case: discipline/seating.py) and gives it every appeal of the
    case that waits for a panel."""
    from .services import panel_convene

    if not can_manage_appeals(actor):
        raise PermissionDenied
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.appeals_panel_id:
        return appeal.appeals_panel
    if appeal.status != Appeal.Status.FILED:
        raise RuleViolation(_("Only a filed appeal goes to an appeals panel."))
    panel = panel_convene(
        case=appeal.case, kind=Panel.Kind.APPEALS, members=members, actor=actor, reason=reason, alternates=alternates
    )
    waiting = Appeal.objects.select_for_update().filter(
        case=appeal.case, status=Appeal.Status.FILED, appeals_panel__isnull=True
    )
    for each in waiting:
        each.appeals_panel = panel
        save_audited(each, actor=actor, reason=reason, update_fields=["appeals_panel"])
    return panel


@transaction.atomic
def appeal_vote_cast(*, appeal, outcome, actor, reason="Vote cast on an appeal"):
    """Records or changes an appeals panel member's own vote while the appeal waits for its decision."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("appeals_panel").get(pk=appeal.pk)
    if not is_appeals_panel_member(actor, appeal):
        raise PermissionDenied
    if appeal.status != Appeal.Status.FILED or appeal.appeals_panel.status != Panel.Status.OPEN:
        raise RuleViolation(_("Voting on this appeal is closed."))
    if outcome not in Appeal.Outcome.values:
        raise ValidationError({"outcome": _("Choose affirm, modify or reverse.")})
    vote = AppealVote.objects.filter(appeal=appeal, member=actor).first()
    if vote and vote.outcome == outcome:
        return vote
    vote = vote or AppealVote(appeal=appeal, member=actor)
    vote.outcome, vote.cast_at = outcome, timezone.now()
    return save_audited(vote, actor=actor, reason=reason)


def appeal_tally(appeal, panel=None):
    """(outcome adopted or "", votes for it, votes cast, seated, votes needed) under the panel's frozen
    quorum and threshold, shares of its seated members (R3.2)."""
    panel = panel or appeal.appeals_panel
    seated = panel.members.count()
    votes = list(AppealVote.objects.filter(appeal=appeal).values_list("outcome", flat=True))
    needed = max(1, math.ceil(panel.threshold * seated))
    if not votes or len(votes) < math.ceil(panel.quorum * seated):
        return "", 0, len(votes), seated, needed
    outcome, count = Counter(votes).most_common(1)[0]
    return (outcome if count >= needed else ""), count, len(votes), seated, needed


def _check_decision(appeal, outcome, new_finding, new_level):
    errors = {}
    if outcome != Appeal.Outcome.AFFIRMED:
        if appeal.decision_id:
            if outcome == Appeal.Outcome.MODIFIED and not new_level:
                errors["new_level"] = _("A modified discipline needs its new level.")
        elif not new_finding:
            errors["new_finding"] = _("A modified or reversed finding needs the new finding.")
        elif new_finding == PanelResult.objects.get(panel=appeal.panel, allegation=appeal.allegation).finding:
            errors["new_finding"] = _("The new finding is the one appealed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def appeal_decide(*, appeal, decision_text, actor, new_finding="", new_level="", reason="Appeal decided"):
    """Records the appeals panel's decision from its members' votes (affirmed, modified or reversed),
    updates the final outcome and tells the parties; when no appeal of the case is left, the case closes
    or, if a sustained allegation now needs discipline, returns to ``discipline``."""
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("appeals_panel", "panel").get(pk=appeal.pk)
    if not (is_appeals_panel_member(actor, appeal) or can_manage_appeals(actor)):
        raise PermissionDenied
    if appeal.status == Appeal.Status.HEARD:
        return appeal
    if appeal.status != Appeal.Status.FILED or appeal.appeals_panel is None:
        raise RuleViolation(_("This appeal is not before an appeals panel."))
    outcome, count, cast, seated, needed = appeal_tally(appeal)
    if not outcome:
        raise RuleViolation(
            _(
                "No decision has reached the panel's threshold and quorum "
                "(%(cast)s of %(seated)s voted; %(needed)s must agree)."
            )
            % {"cast": cast, "seated": seated, "needed": needed}
        )
    if not str(decision_text).strip():
        raise ValidationError({"decision_text": _("Write the panel's decision.")})
    _check_decision(appeal, outcome, new_finding, new_level)
    appeal.status, appeal.outcome, appeal.decision_text = Appeal.Status.HEARD, outcome, decision_text
    appeal.new_finding = new_finding if outcome != Appeal.Outcome.AFFIRMED and not appeal.decision_id else ""
    appeal.new_level = new_level if outcome == Appeal.Outcome.MODIFIED and appeal.decision_id else ""
    appeal.decided_at = timezone.now()
    save_audited(appeal, actor=actor, reason=reason)
    _panel_close_if_done(appeal.appeals_panel, actor=actor, reason=reason)
    case = case_lock(appeal.case)
    final_outcomes_refresh(case=case, actor=actor, reason=reason)
    result_tell(case=case, event=ResultEvent.APPEAL, actor=actor, about=appeal)
    _case_after_appeals(case, actor=actor, reason=reason)
    return appeal


def _panel_close_if_done(panel, *, actor, reason):
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.status == Panel.Status.OPEN and not panel.appeals_heard.filter(status=Appeal.Status.FILED).exists():
        panel.status, panel.decided_at = Panel.Status.DECIDED, timezone.now()
        save_audited(panel, actor=actor, reason=reason, update_fields=["status", "decided_at"])


def _case_after_appeals(case, *, actor, reason):
    """Once no appeal of the case waits: back to ``discipline`` if a sustained allegation has no
    discipline decided, else closed."""
    from .models import FinalOutcome

    case = case_lock(case)
    if case.status != Case.Status.ON_APPEAL or case.appeals.filter(status=Appeal.Status.FILED).exists():
        return case
    # Discipline not yet final (none decided, or proposed and awaiting Loudermill) goes on in `discipline`.
    sustained = FinalOutcome.objects.filter(allegation__case=case, final_finding=FindingOutcome.OUT_OF_POLICY).exclude(
        allegation__discipline__status__in=(DisciplineDecision.Status.FINAL, DisciplineDecision.Status.WITHDRAWN)
    )
    if sustained.exists():
        return case_transition(case=case, to=Case.Status.DISCIPLINE, actor=actor, reason=reason)
    return case_transition(case=case, to=Case.Status.CLOSED, actor=actor, reason=reason, closed_at=timezone.now())


# Selectors.


def appeal_list_visible_to(*, user):
    """Appeals the user may see: every one for the Director and intake; a Board member those before
    an appeals panel they sit on."""
    qs = Appeal.objects.select_related("case", "allegation__allegation_type", "appeals_panel").order_by(
        "-filed_at", "-pk"
    )
    if has_role(user, Role.DIRECTOR, Role.INTAKE):
        return qs
    if has_role(user, Role.BOARD):
        return qs.filter(appeals_panel__members=user)
    return qs.none()


def appeal_get_for(*, user, pk):
    from django.http import Http404

    appeal = appeal_list_visible_to(user=user).filter(pk=pk).first()
    if appeal is None:
        raise Http404
    return appeal


def appeals_waiting_for_panel():
    """Filed appeals with no appeals panel yet, oldest first (the Director's list)."""
    return (
        Appeal.objects.filter(status=Appeal.Status.FILED, appeals_panel__isnull=True)
        .select_related("case", "allegation__allegation_type")
        .order_by("filed_at", "pk")
    )


def appeal_list_for_case(case, *, user):
    """The case's appeals the user may see (``appeal_list_visible_to``), oldest first."""
    return list(
        appeal_list_visible_to(user=user)
        .filter(case=case)
        .select_related("allegation__allegation_type", "appeals_panel", "complaint", "employee")
        .order_by("filed_at", "pk")
    )


def appeal_votes_by_member(appeal):
    return {vote.member_id: vote for vote in AppealVote.objects.filter(appeal=appeal).select_related("member")}


def officer_for(allegation):
    """The roster officer of an allegation, or None for an unidentified officer."""
    return Employee.objects.filter(pk=allegation.employee_id).first() if allegation.employee_id else None


def appeal_list_to_vote(*, user):
    """Appeals before an open appeals panel the user sits on, without their vote yet (their "my work")."""
    return (
        Appeal.objects.filter(
            status=Appeal.Status.FILED, appeals_panel__status=Panel.Status.OPEN, appeals_panel__members=user
        )
        .exclude(votes__member=user)
        .select_related("case", "allegation__allegation_type")
        .order_by("filed_at", "pk")
    )
