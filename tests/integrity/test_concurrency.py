"""Two connections writing history at once still make one unbroken chain (real commits, no mocks)."""

import threading
import time

import pytest
from django.db import connection, transaction

from oversight.history import save_audited
from oversight.integrity.models import HistoryLink
from oversight.integrity.verify import history_verify
from tests.factories import file_complaint

pytestmark = pytest.mark.django_db(transaction=True)


def _in_thread(target, *args):
    """Runs target on its own database connection, keeping any exception for the main thread."""
    errors = []

    def run():
        try:
            target(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def _wait_for(condition, what, timeout=20):
    """Polls the database for a state another connection must reach (not a sleep that hopes)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def _waiting_on_advisory_lock(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_locks WHERE pid = %s AND locktype = 'advisory' AND NOT granted", [pid])
        return cursor.fetchone() is not None


def _link_of(case):
    row = case.history.latest("history_id")
    return HistoryLink.objects.get(table_name=row._meta.db_table, history_id=row.pk)


def test_a_commit_waits_for_the_chain_and_links_after_the_holder(clock, director):
    first, second = file_complaint(), file_complaint()
    holder_has_lock, holder_may_commit = threading.Event(), threading.Event()
    waiter_pid = []

    def holder():
        with transaction.atomic():
            save_audited(first, actor=director, reason="Holder")
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # links now: takes the chain lock
            holder_has_lock.set()
            assert holder_may_commit.wait(20)

    def waiter():
        connection.ensure_connection()
        waiter_pid.append(connection.connection.info.backend_pid)
        with transaction.atomic():
            save_audited(second, actor=director, reason="Waiter")

    holder_thread, holder_errors = _in_thread(holder)
    assert holder_has_lock.wait(20)
    waiter_thread, waiter_errors = _in_thread(waiter)
    _wait_for(lambda: waiter_pid and _waiting_on_advisory_lock(waiter_pid[0]), "the waiter to queue on the chain")
    holder_may_commit.set()
    holder_thread.join(20), waiter_thread.join(20)
    assert holder_errors == waiter_errors == []
    held, waited = _link_of(first), _link_of(second)
    assert waited.seq > held.seq
    assert bytes(waited.prev_hash) == bytes(held.hash)
    assert history_verify().ok


def test_many_writers_at_once_leave_one_chain(clock, director):
    cases = [file_complaint(), file_complaint()]
    start = threading.Barrier(2)

    def writer(case):
        start.wait(20)
        for n in range(25):
            with transaction.atomic():
                save_audited(case, actor=director, reason=f"Write {n}")

    threads = [_in_thread(writer, case) for case in cases]
    for thread, _errors in threads:
        thread.join(60)
    assert [errors for _thread, errors in threads] == [[], []]
    report = history_verify()
    assert report.ok, report.breaks
    assert report.rows == report.links
    assert HistoryLink.objects.filter(table_name="intake_historicalcase").count() >= 52
