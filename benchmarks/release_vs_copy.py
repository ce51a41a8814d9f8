"""A raw-data release's allegations CSV (issue 11 part B) against PostgreSQL's own COPY of the same
query: time, ratio and Python peak memory. Goal: within 2x of COPY, with flat memory.

Not collected by pytest; run it by hand against a database with data (migrated first):

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python benchmarks/release_vs_copy.py [--cases 20000] [--repeat 3]

--cases N first inserts N decided cases (one complaint, two allegations each) in bulk, as the list
benchmarks do (tests/bulk.py); without it the data already there is used. The release writer streams
the rows of a COPY (``copy_lines``) through keyed-hash ids and the crosswalk into a CSV and a JSON
temporary file at once (both hashed); COPY writes the raw columns of the same SELECT as CSV only. So
the comparison is the release's whole work (two formats, ids, hashing) against the database's fastest
path for one.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def fill(n):
    from django.utils import timezone

    from intake.models import Case
    from tests.bulk import bulk_cases

    cases = bulk_cases(n, now=timezone.now(), allegations_per_case=2, officers=200, prefix=str(time.time_ns())[-6:])
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(decision="investigate")


def release_csv(release, *, trace=False):
    """Times the release writer; with ``trace``, measures its Python peak instead (tracemalloc slows
    Python code many times over, so time and memory are taken in separate runs)."""
    from reports import release_writer, releases

    spec = releases.DATASETS["allegations"]
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with releases.whole_result_plans():
        files = release_writer.write_dataset(spec["columns"], spec["rows"](release))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    rows, size = files[0].rows, files[0].bytes
    for written in files:
        written.temp.close()
    return elapsed, peak, rows, size


def copy_csv(release):
    from reports.release_writer import copy_statement
    from reports.releases import ALLEGATION_FACTS, _allegations

    qs = _allegations(release).order_by("pk").values_list(*ALLEGATION_FACTS)
    raw, statement = copy_statement(qs, "WITH CSV HEADER")
    tracemalloc.start()
    started = time.perf_counter()
    size = 0
    with tempfile.TemporaryFile() as out, raw.cursor() as cursor, cursor.copy(statement) as copy:
        for block in copy:
            out.write(block)
            size += len(block)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
    import django

    django.setup()
    if args.cases:
        fill(args.cases)
    release = SimpleNamespace(period_start=date(2000, 1, 1), period_end=date.today() + timedelta(days=2))
    ours = min((release_csv(release) for _ in range(args.repeat)), key=lambda r: r[0])
    ours = (ours[0], release_csv(release, trace=True)[1], ours[2], ours[3])
    theirs = min((copy_csv(release) for _ in range(args.repeat)), key=lambda r: r[0])
    print(f"rows                 {ours[2]}")
    print(f"release CSV+JSON     {ours[0]:.3f} s  ({ours[3] / 1e6:.1f} MB CSV), Python peak {ours[1] / 1024:.0f} KiB")
    print(f"COPY CSV             {theirs[0]:.3f} s  ({theirs[2] / 1e6:.1f} MB), Python peak {theirs[1] / 1024:.0f} KiB")
    print(f"ratio release/COPY   {ours[0] / theirs[0]:.2f}x")


if __name__ == "__main__":
    main()
