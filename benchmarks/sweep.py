"""The deadline sweep with a backlog of due reminders (issue 14, part 3).

Not collected by pytest; run it by hand against a migrated database of its own:

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench REDIS_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python benchmarks/sweep.py --due 10000 --open 100000

It copies the database (CREATE DATABASE ... TEMPLATE, so the original is never touched), files a few
cases through the real services, then bulk-inserts --due records requests whose clocks are due:
half past their deadline (a breach: each Director and the investigator are told), half a day
before it (the PPB liaison is told), and --open clocks not yet due (the rows the sweep's index must
step over). It runs the sweep as beat would (batches of DEADLINE_SWEEP_BATCH, doorbells rung on
Redis after each commit, the queue purged at the end), checks every reminder was handled and every
notice written once, prints ms and SQL statements per reminder, and drops the copy.
"""

import argparse
import os
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


# What deadline_start stores (the steps counted); the sweep never reads it, full_clean wants it.
STEPS = [{"date": "2026-11-24", "counted": True, "reason": "business day 1"}]


def copy_database(url, suffix):
    """A throwaway copy of the migrated database named in ``url``; returns the copy's URL."""
    import psycopg

    parts = urlsplit(url)
    source = parts.path.lstrip("/")
    copy = f"{source}_{suffix}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
    return urlunsplit(parts._replace(path=f"/{copy}")), admin, copy


def drop_database(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(*, due, open_clocks, now):
    """Cases through the services; then the backlog in bulk (the clocks' rows as deadline_start writes them)."""
    import time_machine
    from django.contrib.contenttypes.models import ContentType

    from investigations.models import RecordsRequest
    from oversight.accounts.roles import Role
    from oversight.calendar.models import Deadline, DeadlineReminder
    from tests.arrange import case_investigating
    from tests.conftest import make_user

    intake = make_user(Role.INTAKE)
    directors = [make_user(Role.DIRECTOR, username=f"director{i}") for i in range(2)]
    make_user(Role.LIAISON)
    investigators = [make_user(Role.INVESTIGATOR, username=f"investigator{i}") for i in range(10)]
    with time_machine.travel(now - timedelta(days=30), tick=False):
        cases = [case_investigating(intake, directors[0], who) for who in investigators]
    sent_at = now - timedelta(days=8)
    requests = RecordsRequest.objects.bulk_create(
        RecordsRequest(
            investigation=cases[i % len(cases)].investigation,
            records_sought=f"Item {i}",
            sent_at=sent_at,
            requested_by=investigators[i % len(investigators)],
        )
        for i in range(due)
    )
    ct = ContentType.objects.get_for_model(RecordsRequest)
    deadlines = []
    for i, request in enumerate(requests):
        # Even rows are past due (breach); odd rows are due tomorrow (the day-before reminder).
        due_at = now - timedelta(hours=1) if i % 2 == 0 else now + timedelta(hours=12)
        deadlines.append(
            Deadline(
                about_type=ct,
                about_id=request.pk,
                rule="records_5bd",
                starts_at=sent_at,
                due_at=due_at,
                explanation=STEPS,
            )
        )
    for i in range(open_clocks):  # clocks of requests not in this data set: never due during the run
        deadlines.append(
            Deadline(
                about_type=ct,
                about_id=10**9 + i,
                rule="records_5bd",
                starts_at=now,
                due_at=now + timedelta(days=7),
                explanation=STEPS,
            )
        )
    deadlines = Deadline.objects.bulk_create(deadlines, batch_size=5000)
    reminders = []
    for deadline in deadlines:
        reminders.append(DeadlineReminder(deadline=deadline, kind="breach", fire_at=deadline.due_at))
        if deadline.due_at > now:
            reminders.append(
                DeadlineReminder(deadline=deadline, kind="due_in_1_day", fire_at=deadline.due_at - timedelta(days=1))
            )
    DeadlineReminder.objects.bulk_create(reminders, batch_size=5000)


def legacy_sweep(*, now, batch):
    """The sweep as it was before issue 14.3's bulk path (one savepoint, one notice_send per row), for
    the comparison: --legacy. The same claim, the same per-reminder steps (services._fire)."""
    from django.db import transaction
    from django.db.models import Q

    from oversight.calendar import services
    from oversight.calendar.models import DeadlineReminder

    sent = 0
    while True:
        with transaction.atomic():
            due = list(
                DeadlineReminder.objects.select_for_update(skip_locked=True, of=("self", "deadline"))
                .filter(sent_at__isnull=True, failed_at__isnull=True, fire_at__lte=now, deadline__met_at__isnull=True)
                .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
                .select_related("deadline")
                .order_by("fire_at")[:batch]
            )
            overtaken = services._overtaken(due, now)
            for reminder in due:
                if reminder.pk in overtaken:
                    services._skip(reminder, now, overtaken[reminder.pk])
                    continue
                try:
                    with transaction.atomic():
                        services._fire(reminder, now)
                except Exception as error:  # noqa: BLE001 - as the old sweep did
                    services._record_failure(reminder, now, error)
                else:
                    sent += 1
        if len(due) < batch:
            return sent


def run_sweep(now, legacy=False):
    from django.conf import settings
    from django.db import connection

    from oversight.calendar.services import deadline_sweep

    if legacy:
        deadline_sweep = legacy_sweep  # noqa: F811 - the comparison run

    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        sent = deadline_sweep(now=now, batch=settings.DEADLINE_SWEEP_BATCH)
        elapsed = time.perf_counter() - started
    return sent, elapsed, statements[0]


def check(due, now):
    """Every due reminder handled once; one notice per recipient, each logged in history."""
    from oversight.calendar.models import DeadlineReminder
    from oversight.notices.models import Notice

    left = DeadlineReminder.objects.filter(fire_at__lte=now, sent_at__isnull=True).count()
    notices = Notice.objects.filter(about_type__model="deadline").count()
    history = Notice.history.filter(about_type__model="deadline").count()
    expected = due // 2 * 3 + (due - due // 2)  # 2 Directors + the investigator per breach; 1 liaison
    errors = set(DeadlineReminder.objects.exclude(last_error="").values_list("last_error", flat=True)[:5])
    assert left == 0, f"{left} due reminders left unsent: {errors}"
    assert notices == history == expected, (notices, history, expected)
    return notices


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--due", type=int, default=10_000, help="due reminders in the backlog")
    parser.add_argument("--open", type=int, default=100_000, help="open clocks not yet due")
    parser.add_argument("--legacy", action="store_true", help="the per-reminder sweep before issue 14.3")
    parser.add_argument("--profile", action="store_true", help="print where the sweep's time goes")
    options = parser.parse_args()
    url, admin, copy = copy_database(os.environ["DATABASE_URL"], f"sweep_{uuid.uuid4().hex[:6]}")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections

    from oversight.calendar.business_days import PACIFIC
    from oversight.celery import app

    now = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)
    try:
        started = time.perf_counter()
        fill(due=options.due, open_clocks=options.open, now=now)
        print(f"filled {options.due:,} due and {options.open:,} open clocks in {time.perf_counter() - started:.1f} s")
        if options.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
        sent, elapsed, statements = run_sweep(now, legacy=options.legacy)
        if options.profile:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        notices = check(options.due, now)
        print("| sweep | due reminders | sent | notices | batch | total s | ms per reminder | SQL per reminder |")
        print("|---|---|---|---|---|---|---|---|")
        print(
            f"| {'per reminder (before)' if options.legacy else 'bulk'} "
            f"| {options.due:,} | {sent:,} | {notices:,} | {settings.DEADLINE_SWEEP_BATCH} | {elapsed:.1f} "
            f"| {elapsed * 1000 / options.due:.2f} | {statements / options.due:.2f} |"
        )
    finally:
        app.control.purge()  # the doorbells rung: no worker listens to this broker database
        connections.close_all()
        drop_database(admin, copy)


if __name__ == "__main__":
    main()
