"""After the Board (R3.8, issue 9.10): grievances, Civil Service Board appeals and arbitration of the
discipline the Board decided, each tracked to its outcome; and the final outcome of each allegation kept
beside the Board's, so "discipline reduced after the Board" is a query, not a search.

``FinalOutcome`` is derived, never typed: ``final_outcomes_refresh`` recomputes each allegation's row from
its sources (the hearings panel's finding, the discipline decided, the appeals heard, the proceedings
decided, in the order they were decided) and saves only a row that changed, with history and a reason.
Every service here and in discipline/appeals.py that changes one of those sources calls it.
"""

from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.chief import allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Case
from investigations.models import FindingOutcome
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.history import save_audited
from oversight.uploads import inspect_upload
from oversight.uploads.storage import discarded_on_failure, upload_store

from .models import Appeal, DisciplineDecision, FinalOutcome, Panel, PanelResult, PostBoardProceeding
from .results_told import ResultEvent, result_tell

LEVELS = list(DisciplineDecision.Action.values)
SET_BY_KIND = {
    PostBoardProceeding.Kind.GRIEVANCE: FinalOutcome.SetBy.GRIEVANCE,
    PostBoardProceeding.Kind.CIVIL_SERVICE_BOARD: FinalOutcome.SetBy.CIVIL_SERVICE_BOARD,
    PostBoardProceeding.Kind.ARBITRATION: FinalOutcome.SetBy.ARBITRATION,
}


def level_rank(level):
    """1 for the lightest kind of action up to 6 for termination; 0 for none."""
    return LEVELS.index(level) + 1 if level in LEVELS else 0


def decision_level(decision):
    """The kind of action the Board decided, after Loudermill; "" when withdrawn or none."""
    if decision is None or decision.status == DisciplineDecision.Status.WITHDRAWN:
        return ""
    level = decision.final_level or decision.level
    return level.action if level else decision.action


def can_record_proceeding(user):
    return has_role(user, Role.DIRECTOR)


# Final outcomes.


def _day_end(day):
    return datetime.combine(day, time(12, 0), tzinfo=PACIFIC)


def _computed(allegation, result, decision, appeals, proceedings):
    """The row's values from its sources, each later change applied over the earlier."""
    board_finding = result.finding if result else ""
    board_level = decision_level(decision)
    values = {
        "board_finding": board_finding,
        "final_finding": board_finding,
        "board_level": board_level,
        "final_level": board_level,
        "set_by": FinalOutcome.SetBy.BOARD,
        "set_at": max(filter(None, [result and result.panel.decided_at, decision and decision.decided_at])),
    }
    changes = [(a.decided_at, "appeal", a) for a in appeals] + [
        (_day_end(p.decided_on), "proceeding", p) for p in proceedings
    ]
    for at, source, row in sorted(changes, key=lambda c: c[0]):
        if source == "appeal":
            _apply_appeal(values, row)
        else:
            _apply_proceeding(values, row)
        values["set_at"] = at
    if values["final_finding"] != FindingOutcome.OUT_OF_POLICY:
        values["final_level"] = ""  # discipline falls with the sustained finding it rested on
    values["board_level_rank"] = level_rank(values["board_level"])
    values["final_level_rank"] = level_rank(values["final_level"])
    return values


def _apply_appeal(values, appeal):
    values["set_by"] = FinalOutcome.SetBy.APPEAL
    if appeal.outcome == Appeal.Outcome.AFFIRMED:
        return
    if appeal.decision_id:
        values["final_level"] = appeal.new_level if appeal.outcome == Appeal.Outcome.MODIFIED else ""
    else:
        values["final_finding"] = appeal.new_finding


def _apply_proceeding(values, proceeding):
    values["set_by"] = SET_BY_KIND[proceeding.kind]
    if proceeding.outcome == PostBoardProceeding.Outcome.MODIFIED:
        values["final_level"] = proceeding.resulting_level
    elif proceeding.outcome == PostBoardProceeding.Outcome.OVERTURNED:
        values["final_level"] = ""


def final_outcomes_refresh(*, case, actor, reason="Final outcome updated"):
    """Recomputes the final outcome of each allegation of the case that has a Board result; saves only
    the rows that changed. Returns the rows."""
    results = {}
    for row in (
        PanelResult.objects.filter(panel__case=case, panel__kind__in=(Panel.Kind.HEARINGS, Panel.Kind.DISCIPLINARY))
        .exclude(finding="")
        .select_related("panel")
        .order_by("panel__decided_at", "pk")
    ):
        results[row.allegation_id] = row
    decisions = {
        d.allegation_id: d
        for d in DisciplineDecision.objects.filter(allegation__case=case).select_related("level", "final_level")
    }
    appeals, proceedings = {}, {}
    for appeal in Appeal.objects.filter(case=case, status=Appeal.Status.HEARD):
        appeals.setdefault(appeal.allegation_id, []).append(appeal)
    for proceeding in PostBoardProceeding.objects.filter(decision__allegation__case=case).exclude(outcome=""):
        proceedings.setdefault(proceeding.decision.allegation_id, []).append(proceeding)
    existing = {row.allegation_id: row for row in FinalOutcome.objects.filter(allegation__case=case)}
    rows = []
    for allegation in allegations_for_board(case):
        result = results.get(allegation.pk)
        if result is None:
            continue
        values = _computed(
            allegation,
            result,
            decisions.get(allegation.pk),
            appeals.get(allegation.pk, []),
            proceedings.get(allegation.pk, []),
        )
        row = existing.get(allegation.pk) or FinalOutcome(allegation=allegation)
        if row.pk and all(getattr(row, k) == v for k, v in values.items()):
            rows.append(row)
            continue
        for name, value in values.items():
            setattr(row, name, value)
        rows.append(save_audited(row, actor=actor, reason=reason))
    return rows


def final_outcomes_reduced_after_board():
    """Allegations whose discipline ended lighter than the Board decided (appeal, grievance, Civil
    Service Board or arbitration): the reports issue counts them."""
    return FinalOutcome.objects.filter(final_level_rank__lt=F("board_level_rank")).select_related(
        "allegation__case", "allegation__allegation_type"
    )


def final_outcome_list_visible_to(*, user):
    qs = FinalOutcome.objects.select_related("allegation__case", "allegation__allegation_type").order_by(
        "-set_at", "-pk"
    )
    return qs if has_role(user, Role.DIRECTOR) else qs.none()


# Proceedings after the Board.


def _store_document(document):
    if document is None:
        return None, "", ""
    _type, _size, digest = inspect_upload(document, max_bytes=settings.RECORDS_MAX_UPLOAD_BYTES)
    return upload_store(document, "board-decisions"), document.name[-200:], digest


def _check_outcome(outcome, decided_on, resulting_level):
    errors = {}
    if outcome and not decided_on:
        errors["decided_on"] = _("An outcome needs the date it was decided.")
    if outcome == PostBoardProceeding.Outcome.MODIFIED and not resulting_level:
        errors["resulting_level"] = _("A modified outcome needs the resulting discipline.")
    if resulting_level and outcome != PostBoardProceeding.Outcome.MODIFIED:
        errors["resulting_level"] = _("Only a modified outcome has a resulting discipline.")
    if errors:
        raise ValidationError(errors)


def proceeding_record(
    *,
    decision,
    kind,
    filed_on,
    actor,
    reason="Proceeding after the Board recorded",
    heard_on=None,
    decided_on=None,
    outcome="",
    resulting_level="",
    notes="",
    document=None,
):
    """Records a grievance, Civil Service Board appeal or arbitration of the Board's discipline (the
    Director), with its outcome if already known; the decision document is checked by its content."""
    if not can_record_proceeding(actor):
        raise PermissionDenied
    _check_outcome(outcome, decided_on, resulting_level)
    if decision.status == DisciplineDecision.Status.WITHDRAWN:
        raise RuleViolation(_("Withdrawn discipline cannot be grieved or arbitrated."))
    stored, name, digest = _store_document(document)
    with discarded_on_failure([stored] if stored else []), transaction.atomic():
        proceeding = PostBoardProceeding(
            kind=kind,
            decision=decision,
            filed_on=filed_on,
            heard_on=heard_on,
            decided_on=decided_on,
            outcome=outcome,
            resulting_level=resulting_level,
            notes=notes,
            recorded_by=actor,
            document_name=name,
            document_sha256=digest,
        )
        if stored:
            proceeding.document.name = stored
        save_audited(proceeding, actor=actor, reason=reason)
        if outcome:
            _after_outcome(proceeding, actor=actor, reason=reason)
    return proceeding


def proceeding_decide(
    *,
    proceeding,
    outcome,
    decided_on,
    actor,
    reason="Proceeding decided",
    resulting_level="",
    heard_on=None,
    notes=None,
    document=None,
):
    """Records the outcome of an open proceeding (upheld, modified, overturned) with its date and
    document; the final outcome follows. Recording the same outcome again changes nothing."""
    if not can_record_proceeding(actor):
        raise PermissionDenied
    _check_outcome(outcome, decided_on, resulting_level)
    stored, name, digest = _store_document(document)
    with discarded_on_failure([stored] if stored else []), transaction.atomic():
        proceeding = PostBoardProceeding.objects.select_for_update().get(pk=proceeding.pk)
        if proceeding.outcome == outcome and proceeding.decided_on == decided_on:
            return proceeding
        if proceeding.outcome:
            raise RuleViolation(_("This proceeding's outcome is already recorded."))
        proceeding.outcome, proceeding.decided_on, proceeding.resulting_level = outcome, decided_on, resulting_level
        proceeding.heard_on = heard_on or proceeding.heard_on
        if notes is not None:
            proceeding.notes = notes
        if stored:
            proceeding.document.name, proceeding.document_name, proceeding.document_sha256 = stored, name, digest
        save_audited(proceeding, actor=actor, reason=reason)
        _after_outcome(proceeding, actor=actor, reason=reason)
    return proceeding


def _after_outcome(proceeding, *, actor, reason):
    case = proceeding.decision.allegation.case
    final_outcomes_refresh(case=case, actor=actor, reason=reason)
    result_tell(case=case, event=ResultEvent.FINAL_OUTCOME, actor=actor, about=proceeding)


def proceeding_list_visible_to(*, user):
    qs = PostBoardProceeding.objects.select_related(
        "decision__allegation__case", "decision__allegation__allegation_type"
    ).order_by("-filed_on", "-pk")
    return qs if can_record_proceeding(user) else qs.none()


def proceeding_list_for_case(case, *, user):
    """The case's proceedings after the Board that the user may see, oldest first."""
    visible = proceeding_list_visible_to(user=user)
    return list(visible.filter(decision__allegation__case=case).order_by("filed_on", "pk"))


def final_outcome_list_for_case(case, *, user):
    """The case's final outcomes the user may see."""
    return list(final_outcome_list_visible_to(user=user).filter(allegation__case=case).order_by("allegation_id"))


# Closed-case reviews (35A.050 H, issue 10).


def case_rights_exhausted(case, *, now=None):
    """True when the investigation is complete, discipline was decided or not (the case is closed), no
    appeal or proceeding is open, and every appeal window has passed: a "closed investigation" in the
    sense of 35A.050 H, whose officers' grievance and appeal rights are exhausted."""
    now = now or timezone.now()
    investigation = getattr(case, "investigation", None)
    if investigation is None or investigation.completed_at is None or case.status != Case.Status.CLOSED:
        return False
    if Appeal.objects.filter(case=case, status=Appeal.Status.FILED).exists():
        return False
    if PostBoardProceeding.objects.filter(decision__allegation__case=case, outcome="").exists():
        return False
    return not _windows_of(case).filter(due_at__gte=now).exists()


def _windows_of(case):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    panel_ct = ContentType.objects.get_for_model(Panel)
    decision_ct = ContentType.objects.get_for_model(DisciplineDecision)
    panels = Panel.objects.filter(case=case).values("pk")
    decisions = DisciplineDecision.objects.filter(allegation__case=case).values("pk")
    return Deadline.objects.filter(rule=Deadline.Rule.APPEAL_WINDOW).filter(
        Q(about_type=panel_ct, about_id__in=panels) | Q(about_type=decision_ct, about_id__in=decisions)
    )
