"""Open clocks in bulk: the unanswered records requests that bring a data set to N open deadlines, and
the fresh backlog of due reminders the benchmark's sweep works through (benchmarks/run.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from investigations.models import Investigation, RecordsRequest
from oversight.calendar.models import Deadline, DeadlineReminder
from oversight.calendar.rules import BREACH, RULES

from .context import clock, write_clocks

RULE = Deadline.Rule.RECORDS_5BD
BATCH = 20_000


def _investigations():
    return list(Investigation.objects.only("pk", "commenced_at", "completed_at", "investigator_id"))


def open_deadlines_fill(ctx, target, say):
    """Adds unanswered records requests (long breached, every reminder sent) until ``target`` clocks are open."""
    missing = target - Deadline.objects.filter(met_at__isnull=True).count()
    investigations = [i for i in _investigations() if i.commenced_at < ctx.anchor - timedelta(days=9)]
    if missing <= 0 or not investigations:
        return 0
    made = 0
    while made < missing:
        with transaction.atomic():
            rows = [_old_request(ctx, ctx.rng.choice(investigations)) for _ in range(min(BATCH, missing - made))]
            ctx.writer.add(RecordsRequest, rows, dated=lambda r: r.sent_at)
            write_clocks(ctx, [clock(ctx, r, RULE, r.sent_at) for r in rows])
        made += len(rows)
        say(f"  open deadlines: {made:,}/{missing:,} added")
    return made


def _old_request(ctx, investigation):
    end = min(investigation.completed_at or ctx.anchor, ctx.anchor - timedelta(days=8))
    sent = investigation.commenced_at + (end - investigation.commenced_at) * ctx.rng.random()
    return RecordsRequest(
        investigation=investigation,
        records_sought="Dispatch records and the officers' notes.",
        sent_at=sent,
        requested_by_id=investigation.investigator_id,
    )


def _windows(ctx, now):
    """Start times whose clock is, at ``now``, in its last day (warning due) or just past due (breach due)."""
    cob = settings.DEADLINE_CLOSE_OF_BUSINESS_HOUR
    warning = breach = None
    for hours in range(24, 24 * 15, 6):
        start = now - timedelta(hours=hours)
        due, _steps = RULES[RULE].compute(start, ctx.calendar, cob)
        if warning is None and due - timedelta(days=1) <= now < due:
            warning = start
        if breach is None and due <= now:
            breach = start
    return warning, breach


def sweep_backlog_make(ctx, count, now, say=print):
    """Exactly ``count`` reminders due at ``now`` and unsent, on fresh open records requests: 70% "due in
    1 day" (one notice to the liaison) and 30% breaches (the clock marked breached, notices to the
    Director and the investigator), or all breaches when ``now`` has no clock in its last day."""
    warning, breach = _windows(ctx, now)
    investigations = [i for i in _investigations() if i.completed_at is None] or _investigations()
    warnings = int(count * 0.7) if warning else 0
    plan = [warning] * warnings + [breach] * (count - warnings)
    with transaction.atomic():
        rows = []
        for start in plan:
            request = _old_request(ctx, ctx.rng.choice(investigations))
            request.sent_at = start - timedelta(seconds=ctx.rng.uniform(0, 3600))
            rows.append(request)
        ctx.writer.add(RecordsRequest, rows, dated=lambda r: r.sent_at)
        pairs = [clock(ctx, r, RULE, r.sent_at) for r in rows]
        for deadline, reminders in pairs:
            deadline.breached_at = None  # the sweep has not run since these fell due
            for reminder in reminders:
                due = reminder.fire_at <= now
                # Of a clock past due, the 1-day warning went out in time; only the breach waits.
                reminder.sent_at = (
                    reminder.fire_at if due and reminder.kind != BREACH and deadline.due_at <= now else None
                )
        write_clocks(ctx, pairs)
    due = DeadlineReminder.objects.filter(sent_at__isnull=True, failed_at__isnull=True, fire_at__lte=now)
    say(f"  backlog: {len(rows):,} fresh clocks; {due.count():,} reminders due and unsent")
    return len(rows)
