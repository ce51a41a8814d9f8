"""p50/p95 of the staff lists at 100,000 cases and 1,000,000 allegations (issues 12.3, 14.2).

    DATABASE_URL=postgres://.../oversight_bench DEBUG=true .venv/bin/python benchmarks/lists_at_scale.py [--cases N]

Seeds the database once with bulk inserts (tests/bulk.py: no history; only read speed is measured),
then times each page with Django's test Client signed in as the Director or intake staff, and prints
a table: page, p50 and p95 in ms, the query count and the rows shown. Use a database of its own: the
seed is not removed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.models import Case  # noqa: E402
from oversight.accounts.models import User  # noqa: E402
from oversight.accounts.roles import Role  # noqa: E402
from tests.bulk import bulk_cases  # noqa: E402
from tests.conftest import make_user  # noqa: E402
from tests.mfa import force_login_verified  # noqa: E402

RUNS = 30
PAGES = [
    ("intake", "intake queue, page 1", "/complaints/staff/"),
    ("intake", "intake queue, page 1000", "/complaints/staff/?page=1000"),
    ("intake", "intake queue, sort by case number", "/complaints/staff/?sort=-number"),
    ("intake", "intake queue, sort by status, page 200", "/complaints/staff/?sort=status&page=200"),
    ("intake", "intake queue, search officer name", "/complaints/staff/?q=officer517"),
    ("intake", "intake queue, search filer name", "/complaints/staff/?q=chlo%C3%A9+dubois+4242"),
    ("intake", "intake queue, search case number", "/complaints/staff/?q=2026-0424"),
    ("intake", "intake queue, filter phone + 30 days", "/complaints/staff/?channel=phone&age=30"),
    ("director", "investigations, page 1", "/staff/investigations/"),
    ("director", "investigations, page 1000", "/staff/investigations/?page=1000"),
    ("director", "investigations, sort by case", "/staff/investigations/?sort=-case"),
    ("director", "investigations, overdue", "/staff/investigations/?overdue=yes"),
    ("director", "investigations, search officer", "/staff/investigations/?q=officer517"),
    ("director", "investigations, search filer", "/staff/investigations/?q=chlo%C3%A9+dubois+4242"),
    ("director", "records requests, page 1", "/staff/investigations/ppb/requests/"),
    ("director", "records requests, page 1000", "/staff/investigations/ppb/requests/?page=1000"),
    ("investigator", "investigator's own list (1,000), page 1", "/staff/investigations/"),
]


def seed(n):
    if Case.objects.exists():
        return
    now = timezone.now()
    started = time.perf_counter()
    director = make_user(Role.DIRECTOR, username="bench-director")
    make_user(Role.INTAKE, username="bench-intake")
    own = make_user(Role.INVESTIGATOR, username="bench-investigator")
    bulk_cases(n - 1000, now=now, allegations_per_case=10, officers=1000, investigator=director)
    bulk_cases(1000, now=now, allegations_per_case=10, officers=1000, investigator=own, prefix="2025")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"seeded {n:,} cases, {n * 10:,} allegations in {time.perf_counter() - started:.0f} s")


def measure(client, url):
    client.get(url)  # warm the caches, as a working day would
    # Django empties the query log when a request starts, so read it after the request.
    connection.force_debug_cursor = True
    response = client.get(url)
    queries = len(connection.queries)
    sql_ms = sum(float(q["time"]) for q in connection.queries) * 1000
    connection.force_debug_cursor = False
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    rows = response.content.decode().count('<th scope="row"')
    return statistics.median(times), p95, queries, sql_ms, rows, len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    seed(args.cases)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test Client's host
    clients = {}
    for key in ("intake", "director", "investigator"):
        clients[key] = Client()
        force_login_verified(clients[key], User.objects.get(username=f"bench-{key}"))
    print(f"{Case.objects.count():,} cases; {RUNS} runs each\n")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| page | p50 ms | p95 ms | queries | SQL ms (one run) | rows | KB |")
    print("|---|---|---|---|---|---|---|")
    for who, label, url in PAGES:
        p50, p95, queries, sql_ms, rows, size = measure(clients[who], url)
        print(f"| {label} | {p50:.0f} | {p95:.0f} | {queries} | {sql_ms:.0f} | {rows} | {size // 1024} |")


if __name__ == "__main__":
    main()
