"""A release file is streamed: writing five times as many rows takes about the same peak memory
(issue 11 part B). Rows are inserted in bulk (only the reads are tested); the chunk the writer fetches
is made small so both sizes span many chunks."""

import datetime
import tracemalloc

import pytest
import time_machine

from intake.models import Case
from reports import release_writer, releases
from reports.models import DataRelease
from tests.bulk import FILER_NAMES, bulk_cases

from .arrange_releases import BUILD_AT

pytestmark = pytest.mark.django_db


def _peak(release, dataset):
    spec = releases.DATASETS[dataset]
    tracemalloc.start()
    try:
        files = release_writer.write_dataset(spec["columns"], spec["rows"](release))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    for written in files:
        written.temp.close()
    return peak, files[0].rows


def _release(director):
    return DataRelease.objects.create(
        version=1,
        period_start=BUILD_AT.date().replace(year=2020),
        period_end=BUILD_AT.date() + datetime.timedelta(days=1),
        created_by=director,
    )


def test_writing_five_times_the_rows_keeps_the_peak_memory_flat(director, monkeypatch):
    monkeypatch.setattr(releases, "CHUNK", 100)
    with time_machine.travel(BUILD_AT, tick=False):
        bulk_cases(2000, now=BUILD_AT, prefix="2024")
        release = _release(director)
        first = Case.objects.order_by("pk").values_list("pk", flat=True)[399]
        Case.objects.filter(pk__lte=first).update(decision="investigate")
        small, small_rows = _peak(release, "allegations")
        Case.objects.update(decision="investigate")
        large, large_rows = _peak(release, "allegations")
    assert (small_rows, large_rows) == (400, 2000)
    assert large < small * 1.5 + 64 * 1024, (small, large)


def test_no_filer_name_from_bulk_rows_reaches_the_complaints_file(director):
    with time_machine.travel(BUILD_AT, tick=False):
        bulk_cases(50, now=BUILD_AT, prefix="2024")
        Case.objects.update(decision="investigate")
        release = _release(director)
        spec = releases.DATASETS["complaints"]
        csv_file, json_file = release_writer.write_dataset(spec["columns"], spec["rows"](release))
    text = csv_file.temp.read().decode() + json_file.temp.read().decode()
    assert csv_file.rows == 50
    assert not any(name in text for name in FILER_NAMES)
    assert "Synthetic" not in text and "2024-000" not in text
