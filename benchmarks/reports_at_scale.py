"""Issue 11.7: reports at scale, on the synthetic data set of benchmarks/run.py (100,000 cases and
1,000,000 allegations under `make bench-scale`).

- The annual report: the Director's draft build (``reports.editions.edition_draft_build``, which runs
  ``reports.items.report_build``) plus its PDF (``edition_pdf_render``), wall time, goal 10 s; then the
  edition is published and its public page and PDF are requested (p50/p95, queries).
- The raw-data release: the functions of benchmarks/release_vs_copy.py (part B): the release's allegations
  file against PostgreSQL's ``COPY ... TO STDOUT CSV`` over the same rows (goal: within 2x), and the
  release's Python peak memory over every allegation against over half of them (flat).
- The dashboard: the full page and every chart's CSV (``reports.dashboard.DASHBOARD_CHARTS``), for the
  busiest year and for the quietest (the earliest year of data): p50/p95 of the busiest, and the number of
  SQL statements of both, which must be equal (a constant number of queries whatever the data size).

Run by benchmarks/run.py (skip it with --skip reports), or alone against a seeded benchmark database:

    DATABASE_URL=... .venv/bin/python benchmarks/reports_at_scale.py [--requests 30] [--report-runs 3]

Standing alone it prints the rows and writes nothing to benchmarks/results.
"""

import json
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REPORT_GOAL_MS = 10_000  # the annual report including its PDF under 10 s
RELEASE_RATIO_GOAL = 2.0  # a release file within 2x of COPY over the same rows
MEMORY_FLAT_FACTOR, MEMORY_FLAT_SLACK = 1.5, 1024 * 1024  # every row's peak <= 1.5 x half the rows' + 1 MiB


def _row(what, path, role, *, p50=None, p95=None, queries=None, status=200, goal_ms=None, met=None, **extra):
    return {
        "what": what,
        "path": path,
        "role": role,
        "p50_ms": p50,
        "p95_ms": p95,
        "queries": queries,
        "status": status,
        "goal_ms": goal_ms,
        "met": met,
        **extra,
    }


def _percentiles(times):
    if not times:
        return None, None
    p50 = round(statistics.median(times), 1)
    p95 = round(statistics.quantiles(times, n=20)[-1], 1) if len(times) > 1 else round(times[0], 1)
    return p50, p95


# The annual report.


def _report_year():
    """The last full year: the one the schedule builds on ANNUAL_REPORT_DATE."""
    from django.utils import timezone

    return timezone.localdate().year - 1


def _draft(year, director):
    """The year's draft to build: the existing draft, or a new version after the published one (each
    benchmark run corrects the last run's publication, so the database can be benchmarked again)."""
    from reports.editions import edition_correct
    from reports.models import ReportEdition

    editions = ReportEdition.objects.filter(kind=ReportEdition.Kind.ANNUAL, year=year)
    published = editions.filter(status=ReportEdition.Status.PUBLISHED).first()
    if published is not None and not editions.filter(status=ReportEdition.Status.DRAFT).exists():
        edition_correct(edition=published, actor=director, changelog="Rebuilt by the benchmark (issue 11.7).")


def bench_annual_report(args, say, kit, director):
    """Draft build + PDF, ``--report-runs`` times (each run refreshes the same draft and replaces its PDF),
    then the draft is published and its public page and PDF are requested."""
    from reports.editions import edition_draft_build, edition_pdf_render, edition_publish
    from reports.models import ReportEdition

    year = _report_year()
    _draft(year, director)
    builds, pdfs, totals, queries = [], [], [], None
    edition = None
    for _ in range(args.report_runs):
        started = time.perf_counter()
        with kit.QueryCounter() as counted:
            edition = edition_draft_build(kind=ReportEdition.Kind.ANNUAL, year=year, actor=director)
        built = time.perf_counter()
        edition_pdf_render(edition=edition, actor=director)
        done = time.perf_counter()
        queries = len(counted)
        builds.append((built - started) * 1000)
        pdfs.append((done - built) * 1000)
        totals.append((done - started) * 1000)
    constant, busy_queries, quiet_queries, quiet_cases = _build_statements(kit, year)
    edition.refresh_from_db()
    pdf_kb = round(edition.pdf.size / 1024) if edition.pdf else None
    say(
        f"  annual report {year}: build p50 {statistics.median(builds):,.0f} ms ({queries} queries), "
        f"PDF p50 {statistics.median(pdfs):,.0f} ms ({pdf_kb} KB), total p50 {statistics.median(totals):,.0f} ms"
    )
    rows = [
        _row(
            "annual report, last full year: draft build (report_build)",
            f"reports.editions.edition_draft_build(kind='annual', year={year})",
            "director",
            p50=_percentiles(builds)[0],
            p95=_percentiles(builds)[1],
            queries=queries,
            met=constant,
            goal_text=f"report_build queries constant ({busy_queries}; {quiet_queries} at {quiet_cases:,} cases)",
        ),
        _row(
            "annual report, last full year: PDF render",
            "reports.editions.edition_pdf_render",
            "job",
            p50=_percentiles(pdfs)[0],
            p95=_percentiles(pdfs)[1],
            pdf_kb=pdf_kb,
        ),
    ]
    p50, p95 = _percentiles(totals)
    rows.append(
        _row(
            "annual report, last full year: build + PDF",
            "edition_draft_build + edition_pdf_render",
            "job",
            p50=p50,
            p95=p95,
            goal_ms=REPORT_GOAL_MS,
            met=p95 <= REPORT_GOAL_MS,
        )
    )
    edition = edition_publish(edition=edition, actor=director)
    edition_pdf_render(edition=edition, actor=director)  # as the task rung on commit would
    client = kit.client_for("anonymous", {})
    for what, path in (
        ("annual report, last full year: published page", f"/reports/annual/{year}/"),
        ("annual report, last full year: published PDF", f"/reports/annual/{year}.pdf"),
    ):
        result = measure(kit, client, path, args.requests)
        rows.append(_row(what, path, "anonymous", p50=result["p50_ms"], p95=result["p95_ms"], **_rest(result)))
        say(f"  {what:<48} {result['status']} p50 {result['p50_ms']:>8.1f} ms  {result['queries']:>3} queries")
    for row in rows:
        row["year"] = year
    return rows


def measure(kit, client, path, requests):
    """As run.py's measure, but each timed and counted request reads its whole body: a streamed CSV or
    PDF runs its queries and reads its file while it is read, not when the view returns."""

    def get():
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        return response, body

    for _ in range(2):
        get()
    with kit.QueryCounter() as counted:
        response, body = get()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(times)
    return {"status": response.status_code, "bytes": len(body), "queries": len(counted), "p50_ms": p50, "p95_ms": p95}


def _build_statements(kit, year):
    """report_build's statements for ``year`` and for a quiet year of data: equal when constant. A year
    without rows of a kind (no policy recommendation made that year) skips that item's detail queries, so
    the three quietest years are tried in turn; the first with as many statements is the comparison."""
    from datetime import date

    from reports.items import report_build

    def statements(each):
        with kit.QueryCounter() as counted:
            report_build(start=date(each, 1, 1), end=date(each + 1, 1, 1), kind="annual")
        return len(counted)

    _busy, _quiet, counts = _years()
    busy = statements(year)
    tried = []
    for each in sorted((y for y in counts if y != year), key=counts.get)[:3]:
        tried.append((statements(each), counts[each]))
        if tried[-1][0] == busy:
            break
    quiet_queries, quiet_cases = tried[-1] if tried else (busy, counts[year])
    return quiet_queries == busy, busy, quiet_queries, quiet_cases


def _rest(result):
    return {"queries": result["queries"], "status": result["status"], "bytes": result["bytes"]}


# The raw-data release.


def _release_module():
    """benchmarks/release_vs_copy.py (part B), loaded from its path: its ``release_csv`` and ``copy_csv``."""
    import importlib.util

    path = BASE_DIR / "benchmarks" / "release_vs_copy.py"
    spec = importlib.util.spec_from_file_location("release_vs_copy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _half_window(everything):
    """The later half of the cases by date received: a window with half the rows, to compare peaks."""
    from types import SimpleNamespace

    from django.utils import timezone

    from intake.models import Case

    dates = Case.objects.order_by("received_at").values_list("received_at", flat=True)
    middle = dates[dates.count() // 2]
    return SimpleNamespace(period_start=timezone.localdate(middle), period_end=everything.period_end)


def bench_release(args, say):
    """The release's allegations file (CSV and JSON, keyed ids, crosswalk: part B's ``release_csv``) against
    COPY ... TO STDOUT CSV of the same SELECT (``copy_csv``), over every allegation (``--report-runs`` times
    each: median and slowest); and the release's Python peak memory (tracemalloc, in runs of their own)
    over every allegation against over the later half of them: flat when the whole needs no more than the
    half, give or take a margin."""
    from datetime import date, timedelta
    from types import SimpleNamespace

    module = _release_module()
    everything = SimpleNamespace(period_start=date(2000, 1, 1), period_end=date.today() + timedelta(days=2))
    ours = [module.release_csv(everything) for _ in range(args.report_runs)]
    copy_ms = sorted(module.copy_csv(everything)[0] * 1000 for _ in range(args.report_runs))
    release_ms, rows = sorted(r[0] * 1000 for r in ours), ours[0][2]
    # Memory in runs of their own: tracemalloc slows Python code many times over.
    _elapsed, peak, _rows, _size = module.release_csv(everything, trace=True)
    _elapsed, half_peak, half_rows, _size = module.release_csv(_half_window(everything), trace=True)
    ratio = round(statistics.median(release_ms) / statistics.median(copy_ms), 2)
    flat = peak <= half_peak * MEMORY_FLAT_FACTOR + MEMORY_FLAT_SLACK
    say(
        f"  raw-data release: {rows:,} allegations in {statistics.median(release_ms):,.0f} ms, COPY "
        f"{statistics.median(copy_ms):,.0f} ms: x{ratio}; peak {peak / 1024:,.0f} KiB "
        f"({half_peak / 1024:,.0f} KiB over {half_rows:,} rows){'' if flat else '  NOT FLAT'}"
    )
    return [
        _row(
            "raw-data release: allegations CSV + JSON",
            "benchmarks/release_vs_copy.py release_csv",
            "job",
            p50=round(statistics.median(release_ms), 1),
            p95=round(release_ms[-1], 1),
            goal_ms=round(statistics.median(copy_ms) * RELEASE_RATIO_GOAL, 1),
            goal_text=f"≤ {RELEASE_RATIO_GOAL:g}x COPY (x{ratio}), flat memory ({'yes' if flat else 'no'})",
            met=ratio <= RELEASE_RATIO_GOAL and flat,
            rows=rows,
            ratio=ratio,
            peak_kib=round(peak / 1024),
            peak_kib_half=round(half_peak / 1024),
            rows_half=half_rows,
            memory_flat=flat,
        ),
        _row(
            "raw-data release: COPY ... TO STDOUT CSV, same rows",
            "benchmarks/release_vs_copy.py copy_csv",
            "job",
            p50=round(statistics.median(copy_ms), 1),
            p95=round(copy_ms[-1], 1),
        ),
    ]


# The dashboard.


def _years():
    """(busiest year, quietest year): the year with most cases received, and the first year of data."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from intake.models import Case

    counts = dict(
        Case.objects.annotate(y=ExtractYear("received_at")).values_list("y").annotate(n=Count("pk")).order_by()
    )
    busiest = max(counts, key=counts.get)
    return busiest, min(counts), counts


def bench_dashboard(args, say, kit):
    """The page and each chart's CSV for the busiest year (timed) and the quietest (statements only)."""
    from reports.dashboard import DASHBOARD_CHARTS

    busy, quiet, counts = _years()
    client = kit.client_for("anonymous", {})
    paths = [("dashboard page, busiest year", "/reports/dashboard/?year={y}")]
    paths += [
        (f"dashboard CSV {key}, busiest year", f"/reports/dashboard/{key}.csv?year={{y}}") for key in DASHBOARD_CHARTS
    ]
    rows = []
    say(f"  dashboard: busiest year {busy} ({counts[busy]:,} cases), quietest {quiet} ({counts[quiet]:,} cases)")
    for what, template in paths:
        result = measure(kit, client, template.format(y=busy), args.requests)
        small = _statements(kit, client, template.format(y=quiet))
        constant = result["queries"] == small
        rows.append(
            _row(
                what,
                template.format(y=busy),
                "anonymous",
                p50=result["p50_ms"],
                p95=result["p95_ms"],
                met=result["status"] == 200 and constant,
                goal_text=f"queries constant ({small} at {counts[quiet]:,} cases)",
                year=busy,
                cases=counts[busy],
                quiet_year=quiet,
                quiet_cases=counts[quiet],
                queries_small=small,
                **_rest(result),
            )
        )
        say(
            f"  {what:<48} {result['status']} p50 {result['p50_ms']:>8.1f} ms  p95 {result['p95_ms']:>8.1f} ms  "
            f"{result['queries']:>3} queries ({small} at {quiet}){'' if constant else '  NOT CONSTANT'}"
        )
    result = measure(kit, client, "/reports/dashboard/", args.requests)
    rows.append(
        _row(
            "dashboard page, all years",
            "/reports/dashboard/",
            "anonymous",
            p50=result["p50_ms"],
            p95=result["p95_ms"],
            **_rest(result),
        )
    )
    say(f"  {'dashboard page, all years':<48} {result['status']} p50 {result['p50_ms']:>8.1f} ms")
    return rows


def _statements(kit, client, path):
    return measure(kit, client, path, 0)["queries"]


def bench(args, say, kit):
    """Every issue 11 row; ``kit`` is benchmarks/run.py (measure, client_for, QueryCounter)."""
    from oversight.accounts.models import User

    director = User.objects.get(username="bench-director")
    rows = []
    say("Issue 11: reports at scale")
    rows += bench_annual_report(args, say, kit, director)
    rows += bench_release(args, say)
    rows += bench_dashboard(args, say, kit)
    return rows


def main():
    import argparse

    sys.path.insert(0, str(BASE_DIR / "benchmarks"))
    import run as kit

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--report-runs", type=int, default=3, help="timed builds of the annual report")
    args = parser.parse_args()
    kit.django_setup()
    rows = bench(args, print, kit)
    print(json.dumps(rows, indent=2, default=str))


if __name__ == "__main__":
    main()
