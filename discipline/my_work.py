"""The Board's parts of the staff home (issue 12.1, issue 9.11): a member's open panels with the votes
still theirs to cast (findings, discipline proposals, appeals), their hearings coming up and packets
to read; the Director's panels to convene by kind, hearings to schedule, Loudermills pending, appeals
waiting for a panel and proceedings after the Board still open. Registered in apps.py; each part runs
a query or two whatever the number of rows."""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intake.chief import AGAINST_CHIEF
from intake.models import Allegation, Case
from intake.sections import case_section_url
from oversight.accounts.my_work import ROWS_SHOWN, part, row
from oversight.audit.models import SensitiveRead

from .models import Appeal, DisciplineDecision, DisciplineProposal, Hearing, Panel, PostBoardProceeding, Vote

# Panels whose members vote on each allegation's finding; a disciplinary panel votes on proposals, an
# appeals panel on appeals (their votes are in board_votes_part), a preliminary panel on the case-handling
# decision (discipline/preliminary.py, board_preliminary_part).
FINDINGS_KINDS = (Panel.Kind.HEARINGS,)


def _count(queryset, group):
    rows = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def board_panels_part(*, user, now):
    """The open panels I sit on, those with votes still mine to cast first (R1.7: never the
    allegations against the Chief). One query for the panels and one for the counts."""
    allegations = Allegation.objects.filter(case=OuterRef("case_id")).exclude(AGAINST_CHIEF)
    votes = Vote.objects.filter(panel=OuterRef("pk"), member=user)
    panels = (
        Panel.objects.filter(status=Panel.Status.OPEN, members=user, kind__in=FINDINGS_KINDS)
        .select_related("case")
        .annotate(to_vote=_count(allegations, "case") - _count(votes, "panel"))
        .order_by(F("to_vote").desc(), "convened_at", "pk")
    )
    counts = panels.order_by().aggregate(n=Count("pk"), voting=Count("pk", filter=Q(to_vote__gt=0)))
    if not counts["n"]:
        return None
    rows = []
    for panel in panels[:ROWS_SHOWN]:
        label = f"{panel.case.number}: {panel.get_kind_display()}"
        detail = (
            ngettext("%(n)s vote still yours to cast", "%(n)s votes still yours to cast", panel.to_vote)
            % {"n": panel.to_vote}
            if panel.to_vote > 0
            else _("You have voted on every allegation")
        )
        rows.append(row(label, reverse("discipline:panel-detail", args=[panel.pk]), detail))
    title = _("My panels open for votes: %(n)s waiting for my vote") % {"n": counts["voting"]}
    return part(
        title,
        rows,
        count=counts["n"],
        late=0,
        more_url=reverse("discipline:panel-list"),
        more_label=_("Board panels and hearings"),
    )


def director_panels_to_convene_part(*, user, now):
    """Cases whose findings are ready for the Board and that have no panel yet, oldest first."""
    cases = Case.objects.filter(status=Case.Status.FINDINGS_READY).order_by(
        F("investigation__completed_at").asc(nulls_last=True), "pk"
    )
    count = cases.count()
    if not count:
        return None
    rows = []
    for case in cases.annotate(completed_at=F("investigation__completed_at")).only("pk", "number")[:ROWS_SHOWN]:
        day = timezone.localtime(case.completed_at).date().isoformat() if case.completed_at else ""
        detail = _("Findings ready since %(day)s: convene a panel") % {"day": day}
        rows.append(row(case.number, case_section_url(case.pk, "board"), detail))
    return part(_("Panels to convene"), rows, count=count, late=0)


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(value):
    return formats.date_format(value, "DATE_FORMAT")


def board_hearings_part(*, user, now):
    """The hearings I sit on that are still to come, soonest first, each saying whether I have opened
    its packet (the packet's reads are logged: issue 9.5)."""
    opened = SensitiveRead.objects.filter(
        user=user, kind=SensitiveRead.Kind.HEARING_PACKET, object_id=OuterRef("panel_id")
    )
    hearings = (
        Hearing.objects.filter(status=Hearing.Status.SCHEDULED, starts_at__gte=now, panel__members=user)
        .select_related("panel__case")
        .annotate(packet_opened=Exists(opened))
        .order_by("starts_at", "pk")
    )
    counts = hearings.order_by().aggregate(n=Count("pk"), unread=Count("pk", filter=Q(packet_opened=False)))
    if not counts["n"]:
        return None
    rows = []
    for hearing in hearings[:ROWS_SHOWN]:
        panel = hearing.panel
        where = hearing.place or _("online")
        detail = _("%(when)s, %(where)s") % {"when": _local(hearing.starts_at), "where": where}
        if not hearing.packet_opened:
            detail += ". " + _("Packet not opened yet")
        label = f"{panel.case.number}: {panel.get_kind_display()}"
        rows.append(row(label, reverse("discipline:panel-detail", args=[panel.pk]), detail))
    title = _("Hearings coming up: %(n)s packets still to read") % {"n": counts["unread"]}
    return part(title, rows, count=counts["n"], late=0)


def board_votes_part(*, user, now):
    """Discipline proposals and appeals before panels I sit on that still wait for my vote, oldest first."""
    proposals = (
        DisciplineProposal.objects.filter(status=DisciplineProposal.Status.OPEN, panel__members=user)
        .exclude(votes__member=user)
        .select_related("panel__case", "level")
        .order_by("proposed_at", "pk")
    )
    appeals = (
        Appeal.objects.filter(status=Appeal.Status.FILED, appeals_panel__members=user)
        .exclude(votes__member=user)
        .select_related("case")
        .order_by("filed_at", "pk")
    )
    count = proposals.count() + appeals.count()
    if not count:
        return None
    proposal_rows = list(proposals[:ROWS_SHOWN])
    appeal_rows = list(appeals[: ROWS_SHOWN - len(proposal_rows)]) if len(proposal_rows) < ROWS_SHOWN else []
    rows = [
        row(
            proposal.panel.case.number,
            reverse("discipline:panel-detail", args=[proposal.panel_id]),
            _("Proposed discipline: %(level)s") % {"level": proposal.level.name},
        )
        for proposal in proposal_rows
    ] + [
        row(
            appeal.case.number,
            reverse("discipline:appeal-detail", args=[appeal.pk]),
            _("Appeal filed on %(day)s") % {"day": _day(timezone.localtime(appeal.filed_at))},
        )
        for appeal in appeal_rows
    ]
    title = _("Votes on discipline and appeals still mine to cast: %(n)s") % {"n": count}
    return part(title, rows, count=count, late=0)


def director_appeals_part(*, user, now):
    """Appeals filed in time that wait for an appeals panel, oldest first (R3.7)."""
    appeals = Appeal.objects.filter(status=Appeal.Status.FILED, appeals_panel__isnull=True).select_related("case")
    count = appeals.count()
    if not count:
        return None
    rows = [
        row(
            appeal.case.number,
            reverse("discipline:appeal-detail", args=[appeal.pk]),
            _("Appeal filed on %(day)s: convene an appeals panel") % {"day": _day(timezone.localtime(appeal.filed_at))},
        )
        for appeal in appeals.order_by("filed_at", "pk")[:ROWS_SHOWN]
    ]
    return part(
        _("Appeals waiting for an appeals panel"),
        rows,
        count=count,
        late=0,
        more_url=reverse("discipline:appeal-list"),
        more_label=_("All appeals"),
    )


def director_hearings_to_schedule_part(*, user, now):
    """Open hearings panels with no hearing scheduled or held, oldest first (issue 9.5)."""
    booked = Hearing.objects.filter(panel=OuterRef("pk"), status__in=[Hearing.Status.SCHEDULED, Hearing.Status.HELD])
    panels = (
        Panel.objects.filter(status=Panel.Status.OPEN)
        .exclude(Exists(booked))
        .select_related("case")
        .order_by("convened_at", "pk")
    )
    count = panels.count()
    if not count:
        return None
    rows = [
        row(
            f"{panel.case.number}: {panel.get_kind_display()}",
            reverse("discipline:panel-detail", args=[panel.pk]),
            _("Convened on %(day)s: schedule its hearing") % {"day": _day(timezone.localtime(panel.convened_at))},
        )
        for panel in panels[:ROWS_SHOWN]
    ]
    return part(_("Hearings to schedule"), rows, count=count, late=0)


def director_loudermills_part(*, user, now):
    """Discipline adopted and not yet final: the Loudermill notice to send, or the outcome to record
    after its hearing (R3.6); those whose hearing has passed without an outcome first."""
    decisions = (
        DisciplineDecision.objects.filter(status=DisciplineDecision.Status.PROPOSED, is_corrective=False)
        .select_related("allegation__case", "loudermill")
        .order_by(F("loudermill__hearing_at").asc(nulls_first=True), "decided_at", "pk")
    )
    count = decisions.count()
    if not count:
        return None
    rows = []
    for decision in decisions[:ROWS_SHOWN]:
        hearing = getattr(decision, "loudermill", None)
        if hearing is None:
            detail = _("Adopted on %(day)s: send the Loudermill notice") % {
                "day": _day(timezone.localtime(decision.decided_at))
            }
        else:
            detail = _("Loudermill hearing %(when)s: record the outcome") % {"when": _local(hearing.hearing_at)}
        url = reverse("discipline:loudermill-detail", args=[decision.pk])
        rows.append(row(decision.allegation.case.number, url, detail))
    return part(
        _("Loudermills pending"),
        rows,
        count=count,
        late=0,
        more_url=reverse("discipline:loudermill-list"),
        more_label=_("All Loudermills pending"),
    )


def director_proceedings_part(*, user, now):
    """Grievances, Civil Service Board appeals and arbitrations with no outcome yet, oldest first (R3.8)."""
    proceedings = (
        PostBoardProceeding.objects.filter(outcome="")
        .select_related("decision__allegation__case")
        .order_by("filed_on", "pk")
    )
    count = proceedings.count()
    if not count:
        return None
    rows = []
    for proceeding in proceedings[:ROWS_SHOWN]:
        case = proceeding.decision.allegation.case
        detail = _("%(kind)s filed on %(day)s: record its outcome") % {
            "kind": proceeding.get_kind_display(),
            "day": _day(proceeding.filed_on),
        }
        rows.append(row(case.number, case_section_url(case.pk, "discipline"), detail))
    return part(_("Proceedings after the Board still open"), rows, count=count, late=0)
