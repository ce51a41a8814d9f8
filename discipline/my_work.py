"""The Board's parts of the staff home (issue 12.1): a member's open panels with the votes still
theirs to cast, and the Director's cases waiting for a panel. Registered in apps.py."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intake.chief import AGAINST_CHIEF
from intake.models import Allegation, Case
from intake.sections import case_section_url
from oversight.accounts.my_work import ROWS_SHOWN, part, row

from .models import Panel, Vote


def _count(queryset, group):
    rows = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def board_panels_part(*, user, now):
    """The open panels I sit on, those with votes still mine to cast first (R1.7: never the
    allegations against the Chief). One query for the panels and one for the counts."""
    allegations = Allegation.objects.filter(case=OuterRef("case_id")).exclude(AGAINST_CHIEF)
    votes = Vote.objects.filter(panel=OuterRef("pk"), member=user)
    panels = (
        Panel.objects.filter(status=Panel.Status.OPEN, members=user)
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
