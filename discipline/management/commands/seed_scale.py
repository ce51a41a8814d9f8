"""Fills a benchmark database with a synthetic data set at scale (issue 14.5): `manage.py seed_scale
--cases 100000 --allegations 1000000 --deadlines 1000000`. Every row has its history row (reason
"synthetic data"), so `manage.py verify_history` passes afterwards. Never for production data."""

import time as time_module
from datetime import datetime, time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from discipline import synthetic
from intake.models import Case


class Command(BaseCommand):
    help = "Write a synthetic data set (cases in every status over ten years) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=2000)
        parser.add_argument("--allegations", type=int, help="In all; default ten per case.")
        parser.add_argument(
            "--deadlines", type=int, help="Add unanswered records requests until this many clocks are open."
        )
        parser.add_argument("--seed", type=int, default=35, help="The same seed, day and size give the same data.")
        parser.add_argument("--anchor", help="The day the data ends (YYYY-MM-DD, default today).")
        parser.add_argument("--append", action="store_true", help="Add to a database that already has cases.")
        parser.add_argument("--yes", action="store_true", help="Run with DEBUG=false (a benchmark database).")

    def handle(self, *args, cases, allegations, deadlines, seed, anchor, append, yes, **options):
        if not settings.DEBUG and not yes:
            raise CommandError(
                "seed_scale writes synthetic cases; with DEBUG=false pass --yes (benchmark databases only)."
            )
        if Case.objects.exists() and not append:
            raise CommandError("The database already has cases; pass --append to add synthetic ones anyway.")
        if cases < 1:
            raise CommandError("--cases must be at least 1.")
        day = datetime.combine(datetime.strptime(anchor, "%Y-%m-%d").date(), time(12)) if anchor else None
        counts = synthetic.seed(
            cases=cases,
            allegations=allegations or cases * 10,
            deadlines=deadlines,
            seed=seed,
            anchor=timezone.make_aware(day) if day else None,
            say=self.stdout.write,
        )
        seconds = counts.pop("seconds")
        self._vacuum_analyze()
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:<36} {count:>12,}")
        self.stdout.write(self.style.SUCCESS(f"Synthetic data written in {seconds:,.1f} s."))

    def _vacuum_analyze(self):
        # Rows written by COPY have no planner statistics and no visibility map until autovacuum comes
        # round, which at this size can be long after a benchmark starts: plans then scan whole tables
        # (the intake queue took 5 s instead of 0.1 s). VACUUM cannot run in a transaction (tests); the
        # statistics are what matters there.
        started = time_module.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        seconds = time_module.monotonic() - started
        self.stdout.write(f"Statistics and visibility map brought up to date in {seconds:,.1f} s.")
