"""Benchmarks at scale (issue 14.5, issue 11.7): every staff list, the case page and hearing view, the
annual report and its PDF, the deadline sweep, and the submissions benchmark, on a synthetic data set;
and issue 11's reports at scale (benchmarks/reports_at_scale.py: the annual report edition and its PDF,
the raw-data release against COPY, every dashboard request with its query count).

    make bench-scale            # = DATABASE_URL=$(BENCH_DATABASE_URL) .venv/bin/python benchmarks/run.py --cases 100000

Against the database in DATABASE_URL (a benchmark database: it is written to). If it has no cases it
is seeded first with `manage.py seed_scale` (--cases, ten allegations per case, --deadlines open
clocks). Pages are requested in process through Django's test Client with DEBUG=false, logged in as
the role that reads them (a session that passed the second factor, as tests/mfa.py makes it):
--requests timed requests after two warm-up requests, p50 and p95, and the SQL statements of one
more request. The sweep gets a fresh backlog of --backlog due reminders (on new records requests,
so each run starts alike) and is timed as beat runs it. Results: benchmarks/results/latest.md and
latest.json; the run before is moved to previous.json and any figure more than 20% slower is flagged.
"""

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "benchmarks" / "results"
sys.path.insert(0, str(BASE_DIR))

# What is measured: (name, role, path, goal for p95 in ms or None). Edit freely; placeholders:
# {big_case} the case with most allegations, {panel} its (or the largest) panel, {year} this year,
# {group} the largest incident group, {q} a filer's surname (one of the synthetic data's 20: it matches
# about a third of the cases through filers and officers), {name} that filer's full name. Roles: director,
# intake, investigator (the one with most investigations), board, liaison, panelist (a member of {panel}).
PAGES = [
    ("intake queue, page 1", "intake", "/complaints/staff/", 100),
    ("intake queue, page 100", "intake", "/complaints/staff/?page=100", 100),
    ("intake queue, search", "intake", "/complaints/staff/?q={q}", 100),
    ("intake queue, search by full name", "intake", "/complaints/staff/?q={name}", 100),
    ("intake queue, status filter", "intake", "/complaints/staff/?status=investigating", 100),
    ("investigations, Director, page 1", "director", "/staff/investigations/", 100),
    ("investigations, Director, page 100", "director", "/staff/investigations/?page=100", 100),
    ("investigations, Director, search", "director", "/staff/investigations/?q={q}", 100),
    ("investigations, Director, search by full name", "director", "/staff/investigations/?q={name}", 100),
    ("investigations, investigator (~1,000 assigned)", "investigator", "/staff/investigations/", 100),
    ("records requests, liaison, page 1", "liaison", "/staff/investigations/ppb/requests/", 100),
    ("records requests, liaison, page 100", "liaison", "/staff/investigations/ppb/requests/?page=100", 100),
    ("records requests, Director, page 1", "director", "/staff/investigations/ppb/requests/", 100),
    ("panels, Board member", "board", "/board/panels/", 100),
    ("panels, Director, page 100", "director", "/board/panels/?page=100", 100),
    ("incident groups", "intake", "/complaints/staff/groups/", 100),
    ("incident group, largest", "intake", "/complaints/staff/groups/{group}/", 100),
    ("notices inbox, Director", "director", "/staff/notices/inbox/", 100),
    ("notices inbox, Director, page 100", "director", "/staff/notices/inbox/?page=100", 100),
    ("notices outbox", "director", "/staff/notices/outbox/", 100),
    ("audit: role changes", "director", "/staff/audit/role-changes/", 100),
    ("audit: sensitive reads, page 1", "director", "/staff/audit/reads/", 100),
    ("audit: sensitive reads, page 100", "director", "/staff/audit/reads/?page=100", 100),
    ("API: cases, page 1", "intake", "/api/v1/cases/", 100),
    ("case page, biggest case", "director", "/complaints/staff/cases/{big_case}/", None),
    ("hearing view, biggest panel", "panelist", "/board/panels/{panel}/", None),
    ("annual report page", "anonymous", "/reports/annual/{year}/", None),
]
REPORT_GOAL_MS = 10_000  # issue 11.7: the annual report including its PDF under 10 s
SWEEP_GOAL_MS = 14.5 / 10  # issue 14: at least 10x faster than 14.5 ms per due reminder
SLOWER = 1.20


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.conf import settings

    logging.disable(logging.ERROR)  # a line per login, PDF step or failed page would bury the table
    # One connection for the whole run, as a worker with CONN_MAX_AGE keeps it; and the one the
    # query counter watches (a connection opened inside a request would be invisible to it).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    # In-process requests over plain HTTP to "testserver"; static URLs without collectstatic's manifest.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def ensure_seeded(args, say):
    from django.core.management import call_command

    from intake.models import Case

    if Case.objects.exists():
        say(f"Data set: {Case.objects.count():,} cases already there (not seeded again).")
        return None
    say(f"Seeding {args.cases:,} cases (seed_scale) ...")
    started = time.monotonic()
    call_command(
        "seed_scale",
        cases=args.cases,
        allegations=args.cases * 10,
        deadlines=args.deadlines or args.cases * 10,
        yes=True,
    )
    return round(time.monotonic() - started, 1)


def fixtures():
    """The ids the PAGES placeholders stand for, and a logged-in client per role."""
    from django.db.models import Count
    from django.utils import timezone

    from discipline.models import Panel
    from intake.models import Case, Complaint, IncidentGroup
    from oversight.accounts.models import User

    big = Case.objects.annotate(n=Count("allegations")).order_by("-n").values_list("pk", flat=True).first()
    panel = (
        Panel.objects.filter(case_id=big).values_list("pk", flat=True).first()
        or Panel.objects.annotate(n=Count("votes")).order_by("-n").values_list("pk", flat=True).first()
    )
    group = IncidentGroup.objects.annotate(n=Count("cases")).order_by("-n").values_list("pk", flat=True).first()
    name = Complaint.objects.exclude(contact_name="").values_list("contact_name", flat=True).first() or "Nguyen"
    investigator = (
        User.objects.filter(username__startswith="bench-investigator")
        .annotate(n=Count("investigations"))
        .order_by("-n")
        .first()
    )
    users = {
        "director": User.objects.get(username="bench-director"),
        "intake": User.objects.get(username="bench-intake1"),
        "investigator": investigator,
        "board": User.objects.get(username="bench-board1"),
        "liaison": User.objects.get(username="bench-liaison"),
        # A member of the measured panel: any other Board member is rightly refused its hearing view.
        "panelist": Panel.objects.get(pk=panel).members.order_by("pk").first() if panel else None,
    }
    values = {
        "big_case": big,
        "panel": panel,
        "group": group,
        "q": name.split()[-1],
        "name": urllib.parse.quote_plus(name),
        "year": timezone.now().year,
    }
    facts = {"investigator_assigned": investigator.investigations.count(), "big_case_allegations": None}
    facts["big_case_allegations"] = Case.objects.get(pk=big).allegations.count() if big else 0
    return values, users, facts


def client_for(role, users):
    from django.test import Client

    from tests.mfa import force_login_verified

    # A page that raises is a 500 in the table, not the end of the run.
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        force_login_verified(client, users[role])
    return client


class QueryCounter:
    """Counts SQL statements on the default connection (an execute wrapper: it sees every statement,
    whatever cursor the code under test opens)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        from django.db import connection

        self._wrapping = connection.execute_wrapper(self)
        self._wrapping.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapping.__exit__(*exc)

    def __len__(self):
        return self.count


def measure(client, path, requests):
    for _ in range(2):
        response = client.get(path)
    with QueryCounter() as queries:
        response = client.get(path)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    size = len(b"".join(response.streaming_content) if response.streaming else response.content)
    response.close()
    return {
        "status": response.status_code,
        "bytes": size,
        "queries": len(queries),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(statistics.quantiles(times, n=20)[-1], 1) if len(times) > 1 else round(times[0], 1),
    }


def bench_pages(args, say):
    values, users, facts = fixtures()
    clients, rows = {}, []
    for name, role, template, goal in PAGES:
        if args.only and args.only.lower() not in name.lower():
            continue
        path = template.format(**values)
        clients.setdefault(role, client_for(role, users))
        result = measure(clients[role], path, args.requests)
        met = None if goal is None else result["status"] == 200 and result["p95_ms"] <= goal
        rows.append({"what": name, "path": path, "role": role, "goal_ms": goal, "met": met, **result})
        say(
            f"  {name:<48} {result['status']} p50 {result['p50_ms']:>8.1f} ms  p95 {result['p95_ms']:>8.1f} ms  "
            f"{result['queries']:>3} queries  {result['bytes'] / 1024:,.0f} KB"
        )
    return rows, facts


def bench_report(args, say):
    """The annual report as the render job makes it (counts + PDF), and the stored PDF's download."""
    from django.utils import timezone

    from reports.services import annual_report_render

    year = timezone.now().year
    started = time.perf_counter()
    edition = annual_report_render(year=year)  # issue 11: the year's edition (its draft built from the data) + PDF
    render_ms = (time.perf_counter() - started) * 1000
    rows = [
        {
            "what": "annual report: counts + PDF render (job)",
            "path": f"reports.services.annual_report_render(year={year})",
            "role": "job",
            "p50_ms": round(render_ms, 1),
            "p95_ms": round(render_ms, 1),
            "queries": None,
            "status": 200,
            "goal_ms": REPORT_GOAL_MS,
            "met": render_ms <= REPORT_GOAL_MS,
        }
    ]
    if edition.status != "published":  # a draft's PDF is the Director's, not the public's
        say(f"  annual report render {render_ms:,.0f} ms; the PDF download is measured once {year} is published")
        return rows
    result = measure(client_for("anonymous", {}), f"/reports/annual/{year}.pdf", min(args.requests, 10))
    rows.append(
        {
            "what": "annual report PDF download",
            "path": f"/reports/annual/{year}.pdf",
            "role": "anonymous",
            "goal_ms": None,
            "met": None,
            **result,
        }
    )
    say(f"  annual report render {render_ms:,.0f} ms; PDF download p50 {result['p50_ms']} ms")
    return rows


def bench_sweep(args, say):
    """A fresh backlog of due reminders among the data set's open clocks, swept as beat runs it."""
    from django.conf import settings
    from django.utils import timezone

    from discipline.synthetic import context_make, sweep_backlog_make
    from oversight.calendar.models import Deadline, DeadlineReminder
    from oversight.calendar.services import deadline_sweep

    now = timezone.now()
    ctx = context_make(seed=int(now.timestamp()), anchor=now)
    sweep_backlog_make(ctx, args.backlog, now, say=say)
    due = DeadlineReminder.objects.filter(sent_at__isnull=True, failed_at__isnull=True, fire_at__lte=now).count()
    open_clocks = Deadline.objects.filter(met_at__isnull=True).count()
    batch = getattr(settings, "DEADLINE_SWEEP_BATCH", 200)
    started = time.perf_counter()
    with QueryCounter() as queries:
        sent = deadline_sweep(now=now, batch=batch)
    seconds = time.perf_counter() - started
    left = DeadlineReminder.objects.filter(sent_at__isnull=True, failed_at__isnull=True, fire_at__lte=now).count()
    per = seconds * 1000 / max(due, 1)
    say(
        f"  sweep: {due:,} due reminders among {open_clocks:,} open clocks in {seconds:,.1f} s "
        f"({per:.2f} ms each, {len(queries) / max(due, 1):.2f} statements each); {left} left unsent"
    )
    return [
        {
            "what": f"deadline sweep, {due:,} due of {open_clocks:,} open clocks (per reminder)",
            "path": "oversight.calendar.services.deadline_sweep",
            "role": "beat",
            "p50_ms": round(per, 3),
            "p95_ms": round(per, 3),
            "queries": round(len(queries) / max(due, 1), 2),
            "status": 200 if left == 0 else 500,
            "goal_ms": SWEEP_GOAL_MS,
            "met": per <= SWEEP_GOAL_MS and left == 0,
            "total_s": round(seconds, 1),
            "handled": sent,
        }
    ]


def bench_submissions(args, say):
    script = BASE_DIR / "benchmarks" / "submissions.py"
    if not script.exists():
        say("  submissions: benchmarks/submissions.py not present, skipped")
        return [], None
    command = [sys.executable, str(script), "--filings", str(args.filings)]
    say(f"  submissions: {' '.join(command[1:])}")
    done = subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True, check=False)  # noqa: S603
    path = RESULTS / "submissions.json"
    if done.returncode != 0 or not path.exists():
        say(f"  submissions failed ({done.returncode}): {done.stderr[-2000:]}")
        return [
            {
                "what": "submissions benchmark",
                "status": 500,
                "met": False,
                "goal_ms": None,
                "p50_ms": None,
                "p95_ms": None,
                "queries": None,
                "path": "benchmarks/submissions.py",
                "role": "public",
            }
        ], None
    return submissions_rows(json.loads(path.read_text())), done.stdout[-4000:]


def submissions_rows(data):
    rows = []
    for run in data.get("runs", []):
        clients = run.get("clients")
        rate = run.get("filings_per_s") or run.get("per_second") or run.get("rate")
        rows.append(
            {
                "what": f"public submissions, {clients} clients ({rate} filings/s)",
                "path": "benchmarks/submissions.py",
                "role": "public",
                "p50_ms": run.get("post_p50_ms") or run.get("p50_ms"),
                "p95_ms": run.get("post_p95_ms") or run.get("p95_ms"),
                "queries": None,
                "status": 200 if not run.get("errors") else 500,
                "goal_ms": None,
                "met": None,
                "rate": rate,
            }
        )
    return rows


def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "ram_gb": round(memory / 1024 / 1024, 1),
        "postgresql": postgres,
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def data_counts():
    from discipline.models import Panel, Vote
    from intake.models import Allegation, Case, Complaint
    from investigations.models import Investigation, RecordsRequest
    from oversight.calendar.models import Deadline
    from oversight.notices.models import Notice

    models = {
        "cases": Case,
        "complaints": Complaint,
        "allegations": Allegation,
        "investigations": Investigation,
        "records requests": RecordsRequest,
        "panels": Panel,
        "votes": Vote,
        "notices": Notice,
    }
    counts = {name: model.objects.count() for name, model in models.items()}
    counts["open deadlines"] = Deadline.objects.filter(met_at__isnull=True).count()
    return counts


def compare(rows, previous, data):
    """Marks each row whose p95 is more than 20% above the previous run's same row (runs on data
    sets of another size are not compared)."""
    if previous and previous.get("data", {}).get("cases") != data.get("cases"):
        previous = None
    before = {r["what"]: r for r in (previous or {}).get("rows", [])}
    for row in rows:
        old = before.get(row["what"])
        row["previous_p95_ms"] = old.get("p95_ms") if old else None
        row["slower"] = bool(old and old.get("p95_ms") and row.get("p95_ms") and row["p95_ms"] > old["p95_ms"] * SLOWER)
    return [r["what"] for r in rows if r["slower"]]


def markdown(result):
    m, lines = result["machine"], []
    lines.append(
        f"Run {result['at']} on {m['cpus']} CPUs ({m['cpu_model']}), {m['ram_gb']} GB RAM, "
        f"PostgreSQL {m['postgresql']}, Python {m['python']}; DEBUG=false, in-process test client."
    )
    lines.append("Data: " + ", ".join(f"{v:,} {k}" for k, v in result["data"].items()) + ".")
    if result.get("seed_seconds"):
        lines.append(f"Seeded in {result['seed_seconds']:,.0f} s.")
    lines += [
        "",
        "| what | p50 ms | p95 ms | queries | goal | met? | vs previous p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        goal = r.get("goal_text") or (f"p95 ≤ {r['goal_ms']:g} ms" if r.get("goal_ms") else "-")
        met = {True: "yes", False: "**no**", None: "-"}[r.get("met")]
        if r.get("status") not in (200, None):
            met = f"**HTTP {r['status']}**"
        change = (
            "-"
            if not r.get("previous_p95_ms")
            else f"{r['previous_p95_ms']:g}" + (" **>20% slower**" if r["slower"] else "")
        )
        queries = "-" if r.get("queries") is None else r["queries"]
        lines.append(f"| {r['what']} | {r.get('p50_ms')} | {r.get('p95_ms')} | {queries} | {goal} | {met} | {change} |")
    if result["slower"]:
        lines += ["", "Slower than the previous run by more than 20%: " + "; ".join(result["slower"]) + "."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="size to seed when the database is empty")
    parser.add_argument("--deadlines", type=int, help="open clocks to seed (default ten per case)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--backlog", type=int, default=10_000, help="due reminders for the sweep")
    parser.add_argument("--filings", type=int, default=2000, help="filings per client count (submissions)")
    parser.add_argument("--only", help="only pages whose name contains this")
    parser.add_argument("--results", default=str(RESULTS), help="folder for latest.md/.json (default %(default)s)")
    parser.add_argument("--report-runs", type=int, default=3, help="timed builds of the annual report (issue 11)")
    parser.add_argument("--skip", default="", help="comma list of: pages, report, reports, sweep, submissions")
    args = parser.parse_args()
    django_setup()
    results = Path(args.results)  # a trial at small scale writes elsewhere, not over the 100,000-case results
    results.mkdir(parents=True, exist_ok=True)
    latest, previous_path = results / "latest.json", results / "previous.json"
    if latest.exists():
        latest.replace(previous_path)
    previous = json.loads(previous_path.read_text()) if previous_path.exists() else None
    say = print
    skip = set(filter(None, args.skip.split(",")))
    result = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "machine": machine(), "rows": []}
    result["seed_seconds"] = ensure_seeded(args, say)
    result["data"] = data_counts()
    if "pages" not in skip:
        rows, result["facts"] = bench_pages(args, say)
        result["rows"] += rows
    if "report" not in skip:
        result["rows"] += bench_report(args, say)
    if "reports" not in skip:  # issue 11.7: annual report + PDF, raw-data release vs COPY, dashboard
        import reports_at_scale

        result["rows"] += reports_at_scale.bench(args, say, sys.modules[__name__])
    if "sweep" not in skip:
        result["rows"] += bench_sweep(args, say)
    if "submissions" not in skip:
        rows, result["submissions_output"] = bench_submissions(args, say)
        result["rows"] += rows
    result["slower"] = compare(result["rows"], previous, result["data"])
    latest.write_text(json.dumps(result, indent=2, default=str) + "\n")
    (results / "latest.md").write_text(markdown(result))
    print("\n" + markdown(result))
    return 1 if result["slower"] else 0


if __name__ == "__main__":
    sys.exit(main())
