import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oversight.accounts.roles import Role

from .models import (
    BODY_DEFAULTS,
    DEFAULTS,
    BoardMembership,
    BoardTraining,
    Body,
    BodyRule,
    BylawsSetting,
    BylawsVersion,
    SubCommittee,
    SubCommitteeAction,
    TrainingCompletion,
)


def _share_of(share, seated):
    """At least this share of the seated members, as discipline.services.tally counts: ceil(share x seated)."""
    return min(seated, math.ceil(Decimal(share) * seated)) if seated else 0


@dataclass(frozen=True)
class BodyRules:
    """The bylaws' numbers for one body on one day, with the version they came from (R3.2)."""

    body: str
    size: int
    quorum: Decimal
    threshold: Decimal
    tie_rule: str
    appeal_window_days: int
    notice_days: int
    training_required: bool
    version_label: str
    adopted_on: date | None

    def votes_for_quorum(self, seated: int) -> int:
        """How many of the seated members must vote."""
        return _share_of(self.quorum, seated)

    def votes_to_adopt(self, seated: int) -> int:
        """How many of the seated members must agree on a finding."""
        return _share_of(self.threshold, seated)

    def plain_words(self, seated=None):
        """ "2 of 3 members must vote; 2 must agree." for `seated` members (default: the body's size)."""
        seated = self.size if seated is None else seated
        return ngettext(
            "%(quorum)s of %(seated)s member must vote; %(adopt)s must agree.",
            "%(quorum)s of %(seated)s members must vote; %(adopt)s must agree.",
            seated,
        ) % {"quorum": self.votes_for_quorum(seated), "seated": seated, "adopt": self.votes_to_adopt(seated)}

    @property
    def is_default(self):
        return self.adopted_on is None

    def get_body_display(self):
        return Body(self.body).label

    def get_tie_rule_display(self):
        from .models import TieRule

        return TieRule(self.tie_rule).label


def _rules_from(row, body):
    if row is None:
        return BodyRules(
            body=body, version_label=_("Defaults (no bylaws version recorded)"), adopted_on=None, **BODY_DEFAULTS
        )
    return BodyRules(
        body=body,
        size=row.size,
        quorum=row.quorum,
        threshold=row.threshold,
        tie_rule=row.tie_rule,
        appeal_window_days=row.appeal_window_days,
        notice_days=row.notice_days,
        training_required=row.training_required,
        version_label=row.version.label,
        adopted_on=row.version.adopted_on,
    )


def _rule_rows_in_force(on):
    return (
        BodyRule.objects.select_related("version")
        .filter(version__adopted_on__lte=on)
        .order_by("body", "-version__adopted_on", "-version__recorded_at", "-version__pk")
    )


def body_rules(body, *, on=None) -> BodyRules:
    """The numbers for `body` from the latest bylaws version adopted by `on` (default today, Pacific) that
    names that body, or the documented defaults when none does."""
    on = on or timezone.localdate()
    body = Body(body).value
    return _rules_from(_rule_rows_in_force(on).filter(body=body).first(), body)


def body_rules_all(*, on=None) -> list[BodyRules]:
    """Every body's numbers in force on `on`, in Body order, in one query."""
    on = on or timezone.localdate()
    latest = {}
    for row in _rule_rows_in_force(on):
        latest.setdefault(row.body, row)
    return [_rules_from(latest.get(body), body) for body in Body.values]


def bylaws_value(key):
    """The hearings panel's current value for a legacy bylaws key (read through body_rules)."""
    rules = body_rules(Body.HEARINGS)
    if rules.is_default and BylawsSetting.objects.filter(key=key).exists():
        return BylawsSetting.objects.get(key=key).value
    if key == BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD:
        return rules.threshold
    if key == BylawsSetting.Key.HEARINGS_PANEL_QUORUM:
        return rules.quorum
    return DEFAULTS[key]


def trainings_required():
    return BoardTraining.objects.filter(is_required=True, is_active=True)


def trained_condition(on, ref="pk"):
    """Q for users (OuterRef `ref`) who completed every active required training by `on` (one EXISTS each)."""
    condition = Q()
    for training_id in trainings_required().values_list("pk", flat=True):
        condition &= Q(
            Exists(
                TrainingCompletion.objects.filter(member=OuterRef(ref), training_id=training_id, completed_on__lte=on)
            )
        )
    return condition


def member_is_trained(user, *, on) -> bool:
    """True when `user` completed every active required training by `on`."""
    required = set(trainings_required().values_list("pk", flat=True))
    done = set(
        TrainingCompletion.objects.filter(member=user, training_id__in=required, completed_on__lte=on).values_list(
            "training_id", flat=True
        )
    )
    return required <= done


def memberships_on(*, on, kind=None):
    """Memberships whose term covers `on`."""
    qs = BoardMembership.objects.filter(term_start_on__lte=on).filter(
        Q(term_end_on__isnull=True) | Q(term_end_on__gte=on)
    )
    return qs.filter(kind=kind) if kind else qs


def board_members_eligible(*, on, body, alternates=False):
    """Active Board-role users serving on `on` (members, or alternates when asked) and, when the body's
    bylaws require training, who completed every required training by `on`."""
    kind = BoardMembership.Kind.ALTERNATE if alternates else BoardMembership.Kind.MEMBER
    users = get_user_model().objects.filter(
        is_active=True,
        groups__name=Role.BOARD,
        pk__in=memberships_on(on=on, kind=kind).values("user_id"),
    )
    if body_rules(body, on=on).training_required:
        users = users.filter(trained_condition(on))
    return users.order_by("username")


# Pages (the Board and the Director read them; visibility is the role, checked by the views)

ENDING_SOON_DAYS = 90


@dataclass(frozen=True)
class RosterRow:
    membership: BoardMembership
    is_trained: bool
    ends_soon: bool


def _trained_ids(user_ids, on):
    required = set(trainings_required().values_list("pk", flat=True))
    done = {}
    for member_id, training_id in TrainingCompletion.objects.filter(
        member_id__in=user_ids, training_id__in=required, completed_on__lte=on
    ).values_list("member_id", "training_id"):
        done.setdefault(member_id, set()).add(training_id)
    return {user_id for user_id in user_ids if required <= done.get(user_id, set())}


def board_roster(*, on):
    """Who serves on `on` (members then alternates), whether each is trained, whose term ends soon; and
    the terms that start later. Constant queries."""
    serving = list(memberships_on(on=on).select_related("user").order_by("kind", "user__last_name", "user__username"))
    trained = _trained_ids([m.user_id for m in serving], on)
    soon = on + timedelta(days=ENDING_SOON_DAYS)
    rows = [RosterRow(m, m.user_id in trained, m.term_end_on is not None and m.term_end_on <= soon) for m in serving]
    upcoming = list(
        BoardMembership.objects.filter(term_start_on__gt=on).select_related("user").order_by("term_start_on")
    )
    return {
        "members": [r for r in rows if r.membership.kind == BoardMembership.Kind.MEMBER],
        "alternates": [r for r in rows if r.membership.kind == BoardMembership.Kind.ALTERNATE],
        "ending_soon": [r for r in rows if r.ends_soon],
        "upcoming": upcoming,
    }


def board_users_appointable():
    """Active users with the Board role, for the appointment form."""
    return get_user_model().objects.filter(is_active=True, groups__name=Role.BOARD).order_by("last_name", "username")


@dataclass(frozen=True)
class TrainingRow:
    training: BoardTraining
    completed: int
    serving: int

    @property
    def percent(self):
        return round(100 * self.completed / self.serving) if self.serving else 0


def training_overview(*, on):
    """Each active training with the share of serving members (not alternates) who completed it by `on`,
    each serving person's completion dates, and the serving people not yet trained. Constant queries."""
    serving = list(memberships_on(on=on).select_related("user").order_by("kind", "user__last_name", "user__username"))
    user_ids = [m.user_id for m in serving]
    member_ids = {m.user_id for m in serving if m.kind == BoardMembership.Kind.MEMBER}
    trainings = list(BoardTraining.objects.filter(is_active=True).order_by("-is_required", "name"))
    completions = {}
    for c in TrainingCompletion.objects.filter(member_id__in=user_ids, completed_on__lte=on):
        completions[(c.member_id, c.training_id)] = c.completed_on
    rows = [
        TrainingRow(t, sum(1 for uid in member_ids if (uid, t.pk) in completions), len(member_ids)) for t in trainings
    ]
    required = [t for t in trainings if t.is_required]
    people = [(m, [completions.get((m.user_id, t.pk)) for t in trainings]) for m in serving]
    untrained = [m for m in serving if any((m.user_id, t.pk) not in completions for t in required)]
    return {"trainings": trainings, "rows": rows, "people": people, "untrained": untrained}


def subcommittee_list():
    """Sub-committees with their members and the count of actions awaiting the full Board. Constant queries."""
    return (
        SubCommittee.objects.prefetch_related("members")
        .annotate(pending=Count("actions", filter=Q(actions__review=SubCommitteeAction.Review.PENDING)))
        .order_by("-formed_on", "name")
    )


def subcommittee_get(pk):
    return get_object_or_404(SubCommittee.objects.prefetch_related("members", "actions"), pk=pk)


def bylaws_version_list():
    """Every recorded version, newest first, with the numbers it set."""
    return (
        BylawsVersion.objects.select_related("recorded_by", "document_version__document")
        .prefetch_related("rules")
        .order_by("-adopted_on", "-recorded_at", "-pk")
    )
