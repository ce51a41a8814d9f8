"""The Board's results on a case as a party reads them (R3.9, issue 9.11): per allegation, what was
decided at each step (findings, discipline, Loudermill, appeal, final outcome), in the order it was
decided. Never a vote nor the name of a Board member who voted (R3.4: the public sees results only),
never an allegation against the Chief (R1.7: those end at the Mayor).

The filer's status page, the notices of ``results_told`` and the officer's notice all read here, so
what a party is told and what the status page shows are the same words. Each line's text is
rendered when it is read, in the language active then (the filer's, in a notice).

Each source is one query whatever the number of allegations, so the status page costs the same for
a case of one allegation or twenty.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.chief import allegations_for_board
from investigations.models import FindingOutcome

from .models import Appeal, DisciplineDecision, Loudermill, Panel, PanelResult, PostBoardProceeding
from .models.panels import NoFindingRule


class ResultEvent:
    FINDINGS = "findings"  # a hearings panel's results, or "no finding adopted" and what follows
    DISCIPLINE = "discipline"  # discipline adopted by a panel (proposed, before Loudermill)
    LOUDERMILL = "loudermill"  # the Loudermill outcome: imposed, modified or withdrawn
    APPEAL = "appeal"  # an appeals panel's decision (or an appeal refused as late)
    FINAL_OUTCOME = "final_outcome"  # a grievance, Civil Service Board or arbitration outcome

    ALL = (FINDINGS, DISCIPLINE, LOUDERMILL, APPEAL, FINAL_OUTCOME)
    # What a notice about each event is titled (public: the filer reads it).
    TITLES = {
        FINDINGS: gettext_lazy("The Board panel's findings"),
        DISCIPLINE: gettext_lazy("The discipline the Board panel decided"),
        LOUDERMILL: gettext_lazy("The outcome of the Loudermill hearing"),
        APPEAL: gettext_lazy("The decision on the appeal"),
        FINAL_OUTCOME: gettext_lazy("The final outcome after the Board"),
    }


@dataclass
class ResultLine:
    """One result on one allegation; ``template % params`` is rendered in the active language."""

    allegation_id: int
    at: datetime
    event: str
    template: str
    params: dict = field(default_factory=dict)

    @property
    def day(self):
        return formats.date_format(timezone.localtime(self.at), "DATE_FORMAT") if self.at else ""

    @property
    def text(self):
        return str(self.template) % {key: str(value) for key, value in self.params.items()}

    def __str__(self):
        return self.text


@dataclass
class AllegationResults:
    number: int
    title: str
    lines: list

    @property
    def label(self):
        # Public: names the kind of act, never the officer (the roster is not the filer's to read).
        return _("Allegation %(n)s: %(title)s") % {"n": self.number, "title": self.title}


# Translators: public. What follows a hearings panel that adopted no finding (issue 9.3).
NO_FINDING = gettext_lazy("%(panel)s: no finding was adopted; not enough members agreed, under the Board's bylaws.")
# Translators: public. What follows when no finding is adopted and the case returns to the Office.
RETURNED = gettext_lazy(
    "What follows: the case returns to the Office of Community-based Police Accountability for more work, "
    "with the panel's reasons, and a Board panel reviews it again."
)
# Translators: public. What follows when no finding is adopted and the investigator's finding stands.
STANDS = gettext_lazy("What follows: the investigator's finding stands: %(finding)s.")


def _finding(value):
    return FindingOutcome(value).label if value else ""


def _panel_results(allegation_ids):
    rows = (
        PanelResult.objects.filter(allegation_id__in=allegation_ids, panel__status=Panel.Status.DECIDED)
        .select_related("panel")
        .order_by("panel__decided_at", "pk")
    )
    for result in rows:
        panel = result.panel
        event = ResultEvent.APPEAL if panel.kind == Panel.Kind.APPEALS else ResultEvent.FINDINGS
        kind = panel.get_kind_display()
        if result.finding:
            # Translators: public. A Board panel's finding on one allegation; %(panel)s is its kind.
            template, params = gettext_lazy("%(panel)s finding: %(finding)s."), {"finding": _finding(result.finding)}
        elif result.no_finding_rule == NoFindingRule.INVESTIGATOR_FINDING_STANDS:
            template = _Join(NO_FINDING, STANDS)
            params = {"finding": _finding(result.standing_finding)}
        else:
            template, params = _Join(NO_FINDING, RETURNED), {}
        yield ResultLine(result.allegation_id, panel.decided_at, event, template, {"panel": kind, **params})


class _Join:
    """Two lazy sentences as one template, joined in the language active when rendered."""

    def __init__(self, *parts):
        self.parts = parts

    def __str__(self):
        return " ".join(str(part) for part in self.parts)


def _discipline(allegation_ids):
    rows = (
        DisciplineDecision.objects.filter(allegation_id__in=allegation_ids)
        .select_related("level")
        .order_by("decided_at", "pk")
    )
    for decision in rows:
        name = decision.level.name if decision.level_id else decision.get_action_display()
        if decision.is_corrective:
            # Translators: public. Corrective action (not discipline) adopted by a Board panel.
            template = gettext_lazy("Corrective action adopted by the Board panel: %(level)s.")
        else:
            # Translators: public. Discipline adopted by a Board panel; final only after the Loudermill hearing.
            template = gettext_lazy(
                "Discipline adopted by the Board panel: %(level)s. It is final only after the officer's "
                "Loudermill (due-process) hearing."
            )
        yield ResultLine(decision.allegation_id, decision.decided_at, ResultEvent.DISCIPLINE, template, {"level": name})


LOUDERMILL_OUTCOMES = {
    # Translators: public. The outcome of the officer's Loudermill hearing.
    Loudermill.Outcome.IMPOSED: gettext_lazy(
        "After the Loudermill hearing, the discipline was imposed as proposed: %(level)s."
    ),
    # Translators: public. The outcome of the officer's Loudermill hearing.
    Loudermill.Outcome.MODIFIED: gettext_lazy(
        "After the Loudermill hearing, the discipline was modified to: %(level)s."
    ),
    # Translators: public. The outcome of the officer's Loudermill hearing.
    Loudermill.Outcome.WITHDRAWN: gettext_lazy("After the Loudermill hearing, the discipline was withdrawn."),
}


def _loudermill(allegation_ids):
    rows = (
        Loudermill.objects.filter(decision__allegation_id__in=allegation_ids)
        .exclude(outcome="")
        .select_related("decision__level", "outcome_level")
        .order_by("decided_at", "pk")
    )
    for hearing in rows:
        level = hearing.outcome_level or hearing.decision.level
        name = level.name if level else hearing.decision.get_action_display()
        template = LOUDERMILL_OUTCOMES[hearing.outcome]
        at = hearing.decided_at
        yield ResultLine(hearing.decision.allegation_id, at, ResultEvent.LOUDERMILL, template, {"level": name})


APPEAL_OUTCOMES = {
    # Translators: public. An appeals panel's decision on an appealed Board result.
    Appeal.Outcome.AFFIRMED: gettext_lazy("The appeals panel affirmed the Board's result."),
    # Translators: public. An appeals panel's decision on an appealed Board result.
    Appeal.Outcome.MODIFIED: gettext_lazy("The appeals panel modified the Board's result."),
    # Translators: public. An appeals panel's decision on an appealed Board result.
    Appeal.Outcome.REVERSED: gettext_lazy("The appeals panel reversed the Board's result."),
}


def _appeals(allegation_ids):
    rows = (
        Appeal.objects.filter(allegation_id__in=allegation_ids)
        .exclude(status=Appeal.Status.WITHDRAWN)
        .order_by("filed_at", "pk")
    )
    for appeal in rows:
        params = {"day": formats.date_format(timezone.localtime(appeal.filed_at), "DATE_FORMAT")}
        if appeal.status == Appeal.Status.REFUSED:
            # Translators: public. An appeal refused, with the reason (e.g. filed after the window).
            template = _Join(
                gettext_lazy("An appeal filed on %(day)s was refused."), gettext_lazy("Reason: %(reason)s")
            )
            params["reason"] = appeal.refused_reason
            yield ResultLine(appeal.allegation_id, appeal.filed_at, ResultEvent.APPEAL, template, params)
        elif appeal.status == Appeal.Status.FILED:
            # Translators: public. An appeal waiting for the Board's appeals panel.
            template = gettext_lazy("An appeal was filed on %(day)s: an appeals panel of the Board will decide it.")
            yield ResultLine(appeal.allegation_id, appeal.filed_at, ResultEvent.APPEAL, template, params)
        else:
            parts = [APPEAL_OUTCOMES[appeal.outcome]]
            if appeal.new_finding:
                # Translators: public. The finding after an appeals panel's decision.
                parts.append(gettext_lazy("The finding is now: %(finding)s."))
                params["finding"] = _finding(appeal.new_finding)
            if appeal.new_level:
                # Translators: public. The discipline after an appeals panel's decision.
                parts.append(gettext_lazy("The discipline is now: %(level)s."))
                params["level"] = DisciplineDecision.Action(appeal.new_level).label
            yield ResultLine(appeal.allegation_id, appeal.decided_at, ResultEvent.APPEAL, _Join(*parts), params)


PROCEEDING_OUTCOMES = {
    # Translators: public. The outcome of a grievance, Civil Service Board appeal or arbitration of discipline.
    PostBoardProceeding.Outcome.UPHELD: gettext_lazy("%(kind)s: the discipline was upheld."),
    # Translators: public. The outcome of a grievance, Civil Service Board appeal or arbitration of discipline.
    PostBoardProceeding.Outcome.MODIFIED: gettext_lazy("%(kind)s: the discipline was modified to: %(level)s."),
    # Translators: public. The outcome of a grievance, Civil Service Board appeal or arbitration of discipline.
    PostBoardProceeding.Outcome.OVERTURNED: gettext_lazy("%(kind)s: the discipline was overturned."),
}


def _proceedings(allegation_ids):
    rows = (
        PostBoardProceeding.objects.filter(decision__allegation_id__in=allegation_ids)
        .exclude(outcome="")
        .select_related("decision")
        .order_by("decided_on", "pk")
    )
    for proceeding in rows:
        # A decision dated by day: after whatever else happened that day.
        at = timezone.make_aware(datetime.combine(proceeding.decided_on, time(23, 59)))
        params = {"kind": proceeding.get_kind_display(), "level": proceeding.get_resulting_level_display()}
        template = PROCEEDING_OUTCOMES[proceeding.outcome]
        yield ResultLine(proceeding.decision.allegation_id, at, ResultEvent.FINAL_OUTCOME, template, params)


# Each source: allegation ids -> ResultLines, one query each.
SOURCES = [_panel_results, _discipline, _loudermill, _appeals, _proceedings]


def case_results(case, *, employee=None):
    """[AllegationResults] for each allegation the Board may hear (never the Chief's), in the case's
    order, with its results oldest first; only ``employee``'s allegations when given (the officer's
    notice). An allegation with nothing decided yet has no lines. One query per source."""
    allegations = list(allegations_for_board(case).select_related("allegation_type").order_by("pk"))
    numbered = {a.pk: AllegationResults(n, a.allegation_type.name, []) for n, a in enumerate(allegations, 1)}
    if employee is not None:
        numbered = {a.pk: numbered[a.pk] for a in allegations if a.employee_id == employee.pk}
    ids = list(numbered)
    if not ids:
        return []
    lines = [line for source in SOURCES for line in source(ids)]
    for line in sorted(lines, key=lambda line: (line.at or timezone.now(), line.allegation_id)):
        numbered[line.allegation_id].lines.append(line)
    return list(numbered.values())


def has_results(results):
    return any(item.lines for item in results)


def results_text(results):
    """The results as plain text for a notice, in the active language."""
    blocks = []
    for item in results:
        if not item.lines:
            continue
        rows = [f"- {line.day}: {line.text}" for line in item.lines]
        blocks.append("\n".join([item.label, *rows]))
    return "\n\n".join(blocks)


def status_results_part(complaint):
    """The filer's status page part (intake/status.py): the Board's results on their case, shown once
    there is one; the page renders them in the filer's language."""
    results = case_results(complaint.case)
    return {"board_results": results if has_results(results) else None}
