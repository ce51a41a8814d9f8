"""A synthetic data set at any scale, written with the project's own models in bulk, each row with its
history (reason "synthetic data"), so the history chain verifies. Used by `manage.py seed_scale` and
benchmarks/run.py. Deterministic for a given seed, anchor day and size."""

import random
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from intake.models import Case, IncidentGroup

from .backlog import open_deadlines_fill, sweep_backlog_make
from .board_rows import board_rows, read_rows, settle
from .chain import chain_paused
from .context import Context
from .intake_rows import acknowledgement_rows, allegation_rows, case_row, complaint_rows, demographics_rows
from .outcome_rows import outcome_rows
from .people import allegation_types_ensure, roster_ensure, staff_ensure
from .plan import CasePlan, allegation_counts, case_plan, number_cases, received_dates
from .report_rows import governance_rows, leave_rows, reconsideration_rows, time_limit_rows
from .work_rows import investigation_rows
from .writer import Writer, explicit_timestamps

__all__ = ["context_make", "seed", "sweep_backlog_make"]

CHUNK = 2000
OFFICERS = 1000


def context_make(*, seed, anchor, say=print):
    """Staff, roster and allegation types (made once), and the random source every row draws from."""
    writer = Writer(user=None)
    with transaction.atomic():
        staff = staff_ensure(writer, anchor)
        writer.user = staff["synthetic"]
        chief, roster = roster_ensure(writer, OFFICERS, anchor, seed)
        types = allegation_types_ensure(writer, anchor)
    return Context(random.Random(seed), anchor, writer, staff, chief, roster, types)


def seed(*, cases, allegations, deadlines=None, seed=35, anchor=None, say=print):
    """Writes ``cases`` cases with ``allegations`` allegations in all, and, when ``deadlines`` is given,
    enough unanswered records requests that this many clocks are open. Returns {model: rows}."""
    started = time.monotonic()
    anchor = anchor or timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    with explicit_timestamps(), chain_paused(say):
        ctx = context_make(seed=seed, anchor=anchor, say=say)
        plans = _plans(ctx, cases, allegations)
        _groups(ctx, cases)
        for start in range(0, len(plans), CHUNK):
            with transaction.atomic():
                _chunk(ctx, plans[start : start + CHUNK])
            done = min(start + CHUNK, len(plans))
            say(f"  cases {done:,}/{len(plans):,} ({time.monotonic() - started:,.0f} s)")
        with transaction.atomic():
            governance_rows(ctx, cases, say)
        if deadlines:
            open_deadlines_fill(ctx, deadlines, say)
    ctx.writer.counts["seconds"] = round(time.monotonic() - started, 1)
    return ctx.writer.counts


def _plans(ctx, count, allegations):
    rng = ctx.rng
    dates = received_dates(rng, count, ctx.anchor)
    counts = allegation_counts(rng, count, max(allegations, count), big=min(1000, max(1, allegations // 100)))
    plans = [CasePlan(received_at=at) for at in dates]
    # The big case: a protest a few months ago, with the most allegations.
    big = len(plans) - 1 - len(plans) // 40
    order = list(range(len(plans)))
    order.remove(big)
    order.insert(0, big)
    for index, n in zip(order, counts, strict=True):
        plans[index].allegations = n
    for i, plan in enumerate(plans):
        plan.mandatory = rng.random() < 0.005
        plan.chief = not plan.mandatory and rng.random() < 0.002 and i != big
        case_plan(rng, plan, ctx.anchor)
        settle(rng, plan, plan.allegations)
    plans[big].mandatory = plans[big].chief = False
    _numbers(ctx, plans)
    return plans


def _numbers(ctx, plans):
    """Numbers after those already given; a year's number sequence (intake/case_numbers.py), if it
    exists already, is moved past them so the next filing never draws a synthetic case's number."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT left(number, 4)::int, max(substring(number FROM '^[0-9]{4}-([0-9]+)$')::bigint) "
            "FROM intake_case WHERE number ~ '^[0-9]{4}-[0-9]+$' GROUP BY 1"
        )
        start = dict(cursor.fetchall())
        last = number_cases(plans, timezone.get_default_timezone(), start)
        for year, value in last.items():
            cursor.execute(
                "SELECT setval(to_regclass(%s), %s) WHERE to_regclass(%s) IS NOT NULL",
                [f"intake_case_number_{year}", value, f"intake_case_number_{year}"],
            )


def _groups(ctx, cases):
    """Incidents worked as one (protests): about one per 2,000 cases, on dates across the ten years."""
    count = max(2, cases // 2000)
    span = (ctx.anchor - timedelta(days=3650)).date()
    days = sorted(span + timedelta(days=ctx.rng.uniform(0, 3640)) for _ in range(count))
    rows = [
        IncidentGroup(name=f"Protest {d:%Y-%m-%d}", incident_on=d, description="Synthetic surge", created_at=ctx.anchor)
        for d in days
    ]
    with transaction.atomic():
        ctx.writer.add(IncidentGroup, rows, dated=lambda g: ctx.anchor)
    ctx.groups = list(zip(days, rows, strict=True))


def _chunk(ctx, plans):
    from intake.models import Allegation, Complaint, FilerDemographics
    from oversight.notices.models import Notice

    writer = ctx.writer
    cases = writer.add(
        Case, [case_row(ctx, p) for p in plans], dated=lambda c: c.closed_at or c.decided_at or c.received_at
    )
    complaints = writer.add(
        Complaint, [r for c in cases for r in complaint_rows(ctx, c)], dated=lambda c: c.received_at
    )
    writer.add(FilerDemographics, demographics_rows(ctx, complaints), dated=lambda d: d.complaint.received_at)
    reconsideration_rows(ctx, cases, complaints)
    writer.add(Notice, acknowledgement_rows(ctx, complaints), dated=lambda n: n.created_at)
    allegations = writer.add(
        Allegation, [r for c in cases for r in allegation_rows(ctx, c)], dated=lambda a: a.created_at
    )
    by_case = {c.pk: [] for c in cases}
    for allegation in allegations:
        by_case[allegation.case_id].append(allegation)
    investigation_rows(ctx, cases, by_case)
    results, discipline = board_rows(ctx, cases, by_case)
    outcome_rows(ctx, results, discipline)
    leave_rows(ctx, cases, by_case)
    time_limit_rows(ctx, cases)
    read_rows(ctx, cases)
