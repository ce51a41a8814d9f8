"""Cost of the history chain (issue 13.6). Run: `make bench` or
`python -m oversight.launcher test benchmarks/test_history_integrity.py -p no:xdist`.

- one audited save of a Case, committed, with the chain trigger and with it switched off;
- linking and verifying 100,000 history rows (`manage.py verify_history`).
"""

import time

import pytest
from django.db import connection, transaction

from intake.models import Case
from oversight.accounts.roles import Role
from oversight.history import save_audited
from oversight.integrity.verify import history_verify
from tests.conftest import make_user
from tests.factories import file_complaint

ROWS = 100_000


def _execute(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("chain", ["with_chain", "without_chain"])
def test_save_audited_case(benchmark, chain):
    case, actor = file_complaint(), make_user(Role.DIRECTOR)
    if chain == "without_chain":
        _execute("ALTER TABLE intake_historicalcase DISABLE TRIGGER integrity_chain")

    def save():
        with transaction.atomic():
            save_audited(Case.objects.select_for_update().get(pk=case.pk), actor=actor, reason="Benchmark")

    try:
        benchmark.pedantic(save, rounds=300, warmup_rounds=20)
    finally:
        _execute("ALTER TABLE intake_historicalcase ENABLE TRIGGER integrity_chain")


@pytest.mark.django_db
def test_verify_history_100k_rows(benchmark):
    case = file_complaint()
    columns = ", ".join(f.column for f in Case.history.model._meta.concrete_fields if f.column != "history_id")
    copies = f"INSERT INTO intake_historicalcase ({columns}) SELECT {columns} FROM intake_historicalcase, "  # noqa: S608 - model columns
    _execute(copies + "generate_series(1, %s) WHERE id = %s", [ROWS, case.pk])
    started = time.monotonic()
    _execute("SET CONSTRAINTS ALL IMMEDIATE")  # the links a commit would write
    linked = time.monotonic() - started
    report = benchmark.pedantic(history_verify, rounds=1, iterations=1)
    assert report.ok and report.rows > ROWS
    benchmark.extra_info.update(
        rows=report.rows, verify_rows_per_s=round(report.rows / report.seconds), link_rows_per_s=round(ROWS / linked)
    )
    print(f"\nlinked {ROWS} rows in {linked:.1f} s; verified {report.rows} rows in {report.seconds:.1f} s")
