"""Panel kinds and their ways in, seating by rotation, conflicts and recusal (issue 9.3 and 9.4; R3.1-R3.3,
City Code 35A.020 I).

Rules kept here:
- each panel kind has its own way in (the case status it is convened on, and where the case goes);
- a panel freezes its body's bylaws numbers when it is convened (R3.2);
- members are offered by rotation: least recently seated first, ties by name; never anyone with a declared
  conflict in the case; for an appeals panel never anyone who held a seat on an earlier panel of the case;
- ``Panel.members`` (the M2M that case visibility and need-to-know read) is kept equal to the members whose
  seat is ``seated``: a recused member loses sight of the case at once;
- a recused member's votes on the panel are withdrawn: deleted through ``seat_recuse``, each deletion a
  history row naming the actor and the reason.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intake.chief import allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Allegation, Case, Complaint
from intake.services import case_lock, case_transition
from oversight.accounts.roles import Role, has_role
from oversight.governance.models import BylawsSetting
from oversight.governance.selectors import BodyRules, board_members_eligible, body_rules, bylaws_value
from oversight.history import save_audited

from .models import ConflictDeclaration, Panel, PanelSeat, PreliminaryVote, Vote
from .permissions import can_convene_panel

# R1.7, 35A.020: the Chief of Police is not a Covered Employee.
NO_AUTHORITY_OVER_CHIEF = gettext_lazy(
    "The Board has no authority over the Chief of Police, who is not a Covered Employee (City Code 35A): "
    "findings on the Chief go to the Mayor."
)
CONFLICT_DECLARED = "Conflict declared"


@dataclass(frozen=True)
class WayIn:
    """What a panel kind decides, the case statuses it is convened on, and where convening moves the case."""

    decides: str
    statuses: tuple
    moves_to: str | None
    refusal: str


WAYS_IN = {
    Panel.Kind.PRELIMINARY: WayIn(
        gettext_lazy(
            "Preliminary panel: a review before the investigation ends, for example of the case-handling "
            "decision. Convened while the case awaits or is under investigation; the case status does not change."
        ),
        (Case.Status.AWAITING_INVESTIGATION, Case.Status.INVESTIGATING),
        None,
        gettext_lazy("A preliminary panel is convened while the case awaits or is under investigation."),
    ),
    Panel.Kind.HEARINGS: WayIn(
        gettext_lazy(
            "Hearings panel: decides the findings on each allegation. Convened once the investigation's findings "
            "are ready; the case goes before the Board."
        ),
        (Case.Status.FINDINGS_READY,),
        Case.Status.BOARD_REVIEW,
        gettext_lazy("A panel is convened once the investigation's findings are ready."),
    ),
    Panel.Kind.DISCIPLINARY: WayIn(
        gettext_lazy(
            "Disciplinary panel: decides discipline or corrective action for sustained allegations. Convened "
            "while the case awaits discipline; the case status does not change."
        ),
        (Case.Status.DISCIPLINE,),
        None,
        gettext_lazy("A disciplinary panel is convened while the case awaits discipline."),
    ),
    Panel.Kind.APPEALS: WayIn(
        gettext_lazy(
            "Appeals panel: hears an appeal and affirms, modifies or reverses. Convened while the case is on "
            "appeal; none of its members may have sat on an earlier panel of the case."
        ),
        (Case.Status.ON_APPEAL,),
        None,
        gettext_lazy("An appeals panel is convened while the case is on appeal."),
    ),
}


def panel_kinds_open_for(case):
    """The panel kinds that may be convened on the case now: its status is their way in and none is open."""
    open_kinds = set(case.panels.filter(status=Panel.Status.OPEN).values_list("kind", flat=True))
    return [kind for kind, way in WAYS_IN.items() if case.status in way.statuses and kind not in open_kinds]


# ---- conflicts (selectors) -------------------------------------------------------------------------


def _conflicts_in_force():
    return ConflictDeclaration.objects.filter(withdrawn_at__isnull=True)


def _applies_to_case_q(case_ref):
    """Q on ConflictDeclaration: it applies to the case (a Case, a pk or an OuterRef to a case pk)."""
    officers = Allegation.objects.filter(case_id=case_ref, employee__isnull=False).values("employee_id")
    return Q(case_id=case_ref) | Q(complaint__case_id=case_ref) | Q(employee_id__in=officers)


def conflicted_member_ids(case):
    """Ids of the Board members with a conflict in force that applies to the case."""
    case_id = getattr(case, "pk", case)
    return set(_conflicts_in_force().filter(_applies_to_case_q(case_id)).values_list("member_id", flat=True))


def case_ids_conflicted_for(member):
    """A queryset of the pks of the cases in which the member has a declared conflict in force."""
    mine = _conflicts_in_force().filter(member=member)
    return Case.objects.filter(
        Q(pk__in=mine.values("case_id"))
        | Q(pk__in=Complaint.objects.filter(pk__in=mine.values("complaint_id")).values("case_id"))
        | Q(pk__in=Allegation.objects.filter(employee_id__in=mine.values("employee_id")).values("case_id"))
    ).values("pk")


def conflict_list_for(*, user):
    """The user's own declarations, in force first, newest first."""
    return (
        ConflictDeclaration.objects.filter(member=user)
        .select_related("employee", "case", "complaint__case")
        .order_by(F("withdrawn_at").desc(nulls_first=True), "-declared_at", "-pk")
    )


# ---- rotation (selectors) --------------------------------------------------------------------------


def panel_candidates(*, case, kind, on=None, alternates=False):
    """Eligible members (or alternates) for a panel of this kind on the case, by rotation: least recently
    seated first (never seated first), ties by name. Never anyone with a conflict in the case; for an appeals
    panel never anyone who held a seat on an earlier panel of the case."""
    on = on or timezone.localdate()
    last_seated = PanelSeat.objects.filter(member=OuterRef("pk")).order_by("-seated_at").values("seated_at")[:1]
    qs = board_members_eligible(on=on, body=kind, alternates=alternates).exclude(pk__in=conflicted_member_ids(case))
    if kind == Panel.Kind.APPEALS:
        qs = qs.exclude(pk__in=PanelSeat.objects.filter(panel__case_id=case.pk).values("member_id"))
    return qs.annotate(last_seated_at=Subquery(last_seated)).order_by(
        F("last_seated_at").asc(nulls_first=True), "last_name", "first_name", "username"
    )


def panel_rules(panel):
    """The bylaws numbers frozen on the panel, as ``BodyRules`` (plain words with ``plain_words()``)."""
    return BodyRules(
        body=panel.kind,
        size=panel.size,
        quorum=panel.quorum,
        threshold=panel.threshold,
        tie_rule=panel.tie_rule,
        appeal_window_days=panel.appeal_window_days,
        notice_days=panel.notice_days,
        training_required=False,
        version_label=panel.bylaws_version_label,
        adopted_on=panel.bylaws_adopted_on,
    )


def panel_seats(panel):
    """The panel's seats in the order they were taken, with who replaced whom."""
    return list(
        PanelSeat.objects.filter(panel=panel)
        .select_related("member", "replaces__member", "replaced_by__member")
        .order_by("seated_at", "pk")
    )


def panel_seating(panel):
    """What the seats partial shows: the seated members, alternates who stepped in, recusals and absences
    with their reasons, and how many seats stand empty."""
    seats = panel_seats(panel)
    seated = [s for s in seats if s.status == PanelSeat.Status.SEATED]
    return {
        "panel": panel,
        "seated": seated,
        "stepped_in": [s for s in seated if s.replaces_id],
        "recusals": [s for s in seats if s.status != PanelSeat.Status.SEATED],
        "empty_seats": max(0, panel.size - len(seated)) if seats else 0,
    }


def panel_seat_for(panel, member):
    return PanelSeat.objects.filter(panel=panel, member=member).first()


# ---- services --------------------------------------------------------------------------------------


def _frozen_numbers(kind):
    rules = body_rules(kind)
    numbers = {"threshold": rules.threshold, "quorum": rules.quorum}
    if kind == Panel.Kind.HEARINGS:
        # The hearings numbers the Board set before bylaws versions existed still bind (issue 8).
        numbers = {
            "threshold": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD),
            "quorum": bylaws_value(BylawsSetting.Key.HEARINGS_PANEL_QUORUM),
        }
    return {
        **numbers,
        "size": rules.size,
        "tie_rule": rules.tie_rule,
        "appeal_window_days": rules.appeal_window_days,
        "notice_days": rules.notice_days,
        "bylaws_version_label": rules.version_label[:80],
        "bylaws_adopted_on": rules.adopted_on,
    }


def _names(users):
    return ", ".join(str(u.get_full_name() or u.username) for u in users)


def _check_offered(case, kind, members, alternates):
    if any(not has_role(m, Role.BOARD) for m in [*members, *alternates]):
        raise RuleViolation(_("Panels are made of Board members."))
    offered = set(panel_candidates(case=case, kind=kind).values_list("pk", flat=True))
    offered_alternates = set(panel_candidates(case=case, kind=kind, alternates=True).values_list("pk", flat=True))
    refused = [m for m in members if m.pk not in offered] + [a for a in alternates if a.pk not in offered_alternates]
    if refused:
        raise ValidationError(
            {
                "members": _(
                    "Not offered for this case (not serving, not trained, a declared conflict, or on an "
                    "earlier panel of an appealed case): %(names)s."
                )
                % {"names": _names(refused)}
            }
        )


@transaction.atomic
def panel_convene(*, case, members, actor, reason, kind=Panel.Kind.HEARINGS, alternates=()):
    """Convenes a panel of the kind whose way in the case is at, from members offered by rotation, with the
    bylaws numbers in force frozen on it; one open panel per kind per case (issue 9.3, R3.1-R3.3)."""
    if not can_convene_panel(actor):
        raise PermissionDenied
    case = case_lock(case)
    kind = Panel.Kind(kind)
    open_panel = case.panels.filter(kind=kind, status=Panel.Status.OPEN).first()
    if open_panel:
        return open_panel
    if not allegations_for_board(case).exists():
        raise RuleViolation(NO_AUTHORITY_OVER_CHIEF)
    way_in = WAYS_IN[kind]
    if case.status not in way_in.statuses:
        raise RuleViolation(way_in.refusal)
    members, alternates = list(dict.fromkeys(members)), list(dict.fromkeys(alternates))
    _check_offered(case, kind, members, alternates)
    frozen = _frozen_numbers(kind)
    if len(members) + len(alternates) != frozen["size"]:
        raise ValidationError(
            {
                "members": _("The bylaws seat %(size)s members on this panel; %(n)s were chosen.")
                % {"size": frozen["size"], "n": len(members) + len(alternates)}
            }
        )
    now = timezone.now()
    panel = save_audited(
        Panel(case=case, kind=kind, convened_at=now, convened_by=actor, **frozen), actor=actor, reason=reason
    )
    for member, is_alternate in [*((m, False) for m in members), *((a, True) for a in alternates)]:
        save_audited(
            PanelSeat(panel=panel, member=member, is_alternate=is_alternate, seated_at=now),
            actor=actor,
            reason=reason,
            db_checks=False,
        )
    panel.members.set([*members, *alternates])
    if way_in.moves_to:
        case_transition(case=case, to=way_in.moves_to, actor=actor, reason=reason)
    return panel


def _next_alternate(panel, now):
    taken = PanelSeat.objects.filter(panel=panel).values("member_id")
    return (
        panel_candidates(case=panel.case, kind=panel.kind, on=timezone.localdate(now), alternates=True)
        .exclude(pk__in=taken)
        .first()
    )


def _vacate(panel, seat, *, status, reason, actor, now):
    """Marks the seat recused or absent, withdraws its votes and takes the member off the M2M."""
    seat.status, seat.recused_at, seat.reason = status, now, reason
    save_audited(seat, actor=actor, reason=reason, update_fields=["status", "recused_at", "reason"])
    panel._change_reason, panel._history_user = str(reason)[:100], actor
    panel.members.remove(seat.member_id)


def _withdraw_votes(panel, member, *, actor, reason):
    votes = [*Vote.objects.filter(panel=panel, member=member)]
    votes += PreliminaryVote.objects.filter(panel=panel, member=member)  # issue 9.3: discipline/preliminary.py
    for vote in votes:
        vote._change_reason, vote._history_user = f"Vote withdrawn: {reason}"[:100], actor
        vote.delete()


@transaction.atomic
def seat_recuse(*, panel, member, reason, actor, status=PanelSeat.Status.RECUSED):
    """Recuses a seated member (their own seat; the Director records a recusal or an absence for anyone): their
    votes on the panel are withdrawn and the next eligible alternate by rotation takes the seat, if any (R3.3)."""
    panel = Panel.objects.select_for_update().select_related("case").get(pk=panel.pk)
    director = can_convene_panel(actor)
    own = actor.pk == getattr(member, "pk", member) and has_role(actor, Role.BOARD)
    if not (director or (own and status == PanelSeat.Status.RECUSED)):
        raise PermissionDenied
    seat = PanelSeat.objects.select_for_update().filter(panel=panel, member=member).first()
    if seat is None:
        raise Http404
    if seat.status != PanelSeat.Status.SEATED:
        return seat
    if panel.status != Panel.Status.OPEN:
        raise RuleViolation(_("Voting on this panel is closed: a recusal can no longer be recorded."))
    now = timezone.now()
    _vacate(panel, seat, status=status, reason=reason, actor=actor, now=now)
    _withdraw_votes(panel, seat.member_id, actor=actor, reason=reason)
    alternate = _next_alternate(panel, now)
    if alternate is not None:
        save_audited(
            PanelSeat(panel=panel, member=alternate, is_alternate=True, seated_at=now, replaces=seat),
            actor=actor,
            reason=_("Alternate seated for %(name)s") % {"name": _names([seat.member])},
        )
        panel.members.add(alternate)
    return seat


@transaction.atomic
def conflict_declare(
    *, actor, kind, description="", employee=None, complaint=None, case=None, reason=CONFLICT_DECLARED
):
    """Records a Board member's own conflict (35A.020 I). Wherever it applies the member is recused at once
    from any open panel (an alternate takes the seat) and taken off any decided one, so they never see the
    case again; a decided panel's results and votes stand."""
    if not has_role(actor, Role.BOARD):
        raise PermissionDenied
    if sum(x is not None for x in (employee, complaint, case)) != 1:
        raise ValidationError({"subject": _("Name one officer, one person's complaint or one case.")})
    existing = (
        _conflicts_in_force().filter(member=actor, kind=kind, employee=employee, complaint=complaint, case=case).first()
    )
    if existing:
        return existing
    declaration = ConflictDeclaration(
        member=actor,
        kind=kind,
        employee=employee,
        complaint=complaint,
        case=case,
        description=description,
        declared_at=timezone.now(),
    )
    save_audited(declaration, actor=actor, reason=reason)
    _step_down_where_conflicted(declaration, actor=actor)
    return declaration


def _step_down_where_conflicted(declaration, *, actor):
    cases = Case.objects.filter(_applies_case_side(declaration)).values("pk")
    seats = PanelSeat.objects.filter(member=actor, status=PanelSeat.Status.SEATED, panel__case__in=cases)
    seats = seats.select_related("panel").order_by("pk")
    now = timezone.now()
    for seat in seats:
        if seat.panel.status == Panel.Status.OPEN:
            seat_recuse(panel=seat.panel, member=actor, reason=CONFLICT_DECLARED, actor=actor)
        else:
            panel = Panel.objects.select_for_update().get(pk=seat.panel_id)
            _vacate(panel, seat, status=PanelSeat.Status.RECUSED, reason=CONFLICT_DECLARED, actor=actor, now=now)


def _applies_case_side(declaration):
    """Q on Case: the cases the declaration applies to."""
    if declaration.case_id:
        return Q(pk=declaration.case_id)
    if declaration.complaint_id:
        return Q(complaints__pk=declaration.complaint_id)
    return Q(pk__in=Allegation.objects.filter(employee_id=declaration.employee_id).values("case_id"))


@transaction.atomic
def conflict_withdraw(*, declaration, actor, reason="Conflict withdrawn"):
    """Withdraws the member's own declaration; seats already given up are not given back."""
    declaration = ConflictDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.member_id != actor.pk:
        raise PermissionDenied
    if declaration.withdrawn_at:
        return declaration
    declaration.withdrawn_at = timezone.now()
    return save_audited(declaration, actor=actor, reason=reason, update_fields=["withdrawn_at"])
