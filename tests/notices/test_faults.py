"""Fault runs against real workers (R6.3): SIGKILL a worker in the middle of the deadline sweep and in
the middle of sending, restart one, run the outbox sweep, and count what every recipient received.

Workers are separate processes on a throwaway redis-server, sharing this test's database; the mail
server is a fake that keeps every accepted message as a file (tests/notices/fault_mail.py).
"""

from datetime import datetime, timedelta

import psycopg
import pytest
import time_machine
from django.db import connection

from investigations.services import records_request_send
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline, DeadlineReminder
from oversight.calendar.tasks import deadline_sweep_task
from oversight.notices.models import Notice
from oversight.notices.services import notice_message_id, notice_send
from oversight.notices.tasks import notice_outbox_sweep_task
from tests.arrange import case_investigating
from tests.conftest import make_user

from .fault_mail import HUNG_MARKER, accepted_message_ids
from .servers import RedisServer, WorkerProcess, celery_broker, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    try:
        with celery_broker(server.url):  # this process's doorbells ring on the throwaway Redis too
            yield server
    finally:
        server.stop()


@pytest.fixture
def maildir(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def workers(redis_server, maildir, tmp_path):
    """Starts worker processes; every one still running at the end is stopped, its log printed."""
    started = []

    def start(**env):
        worker = WorkerProcess(
            redis_server.url,
            tmp_path,
            EMAIL_BACKEND="tests.notices.fault_mail.FaultMailBackend",
            FAULT_MAIL_DIR=maildir,
            # Each worker here is solo: once one is killed, any claim left is a dead worker's.
            NOTICE_REDELIVER_AFTER_SECONDS=0,
            **env,
        )
        started.append(worker.start())
        return worker

    yield start
    for worker in started:
        worker.stop()
        print(f"---- worker log {worker.log_path.name} ----\n{worker.log()}")


def _undelivered():
    return Notice.objects.filter(channel=Notice.Channel.EMAIL).exclude(status=Notice.Status.SENT)


def _copies_per_notice(maildir):
    """{notice pk: copies the mail server accepted} for every e-mail notice."""
    accepted = accepted_message_ids(maildir)
    return {n.pk: accepted.count(notice_message_id(n)) for n in Notice.objects.filter(channel=Notice.Channel.EMAIL)}


def _report(title, copies):
    duplicates = sum(c - 1 for c in copies.values() if c > 1)
    reclaims = sum(Notice.objects.filter(channel=Notice.Channel.EMAIL).values_list("stale_reclaims", flat=True))
    print(
        f"\n{title}: {len(copies)} e-mail notices, {sum(copies.values())} messages accepted, "
        f"{duplicates} duplicates, {reclaims} stale claims taken over (possible duplicates), "
        f"{sum(1 for c in copies.values() if c == 0)} never delivered"
    )
    return duplicates, reclaims


def _waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def _blocker():
    """A second connection to this test's database, to hold row locks a worker will wait on."""
    params = connection.get_connection_params()
    return psycopg.connect(**{k: params[k] for k in ("dbname", "host", "port", "user", "password") if params.get(k)})


def test_a_worker_killed_right_after_a_deadline_sweep_batch_commits_loses_no_notice(
    redis_server, workers, maildir, intake_user, investigator
):
    # 30 records requests three weeks overdue, each breach told to 14 Directors and the investigator:
    # 450 notices, as in the fault run of issue 13. The sweep marks 10 reminders per transaction.
    directors = [make_user(Role.DIRECTOR, username=f"director{i}") for i in range(14)]
    sent_on = (datetime.now(PACIFIC) - timedelta(days=21)).replace(hour=9, minute=0, second=0, microsecond=0)
    with time_machine.travel(sent_on, tick=False):
        case = case_investigating(intake_user, directors[0], investigator)
        for i in range(30):
            records_request_send(investigation=case.investigation, records_sought=f"Record {i}", actor=investigator)
    first = workers(DEADLINE_SWEEP_BATCH=10, REDIS_SOCKET_TIMEOUT_SECONDS=600)
    assert wait_until(lambda: not _undelivered().exists()), "the arranged notices were not delivered"
    deadline_notices = Notice.objects.filter(about_type__model="deadline")

    # Hold the recipients' rows: the sweep's first notice insert waits on its foreign-key check,
    # inside the first batch that has notices. Then stop Redis taking writes and let the batch commit:
    # the worker hangs in its first after-commit doorbell, where it is killed.
    blocker = _blocker()
    recipients = [u.pk for u in directors] + [investigator.pk]
    blocker.execute(f"SELECT id FROM {User._meta.db_table} WHERE id = ANY(%s) FOR UPDATE", [recipients])  # noqa: S608
    deadline_sweep_task.delay()
    assert wait_until(_waiting_on_a_lock), "the sweep never reached its first notice"
    redis_server.client().client_pause(600_000, all=False)
    blocker.rollback()
    blocker.close()
    assert wait_until(deadline_notices.exists), "the first batch never committed"
    first.kill()
    redis_server.client().client_unpause()

    orphans = set(deadline_notices.values_list("pk", flat=True))
    assert len(orphans) == 10 * 15  # one batch of breaches, each to 15 people
    assert set(deadline_notices.values_list("status", flat=True)) == {Notice.Status.QUEUED}
    assert redis_server.client().llen("celery") == 0  # no doorbell reached the broker

    # A new worker; beat's next deadline sweep finishes the clocks, then the outbox sweep runs.
    workers()
    deadline_sweep_task.delay()
    records_reminders = DeadlineReminder.objects.filter(deadline__rule=Deadline.Rule.RECORDS_5BD)
    assert wait_until(lambda: not records_reminders.filter(sent_at__isnull=True).exists(), timeout=120)
    assert deadline_notices.count() == 450
    notice_outbox_sweep_task.delay()
    assert wait_until(lambda: not _undelivered().exists(), timeout=180), list(_undelivered().values("pk", "status"))

    copies = _copies_per_notice(maildir)
    title = f"Worker killed after a sweep batch ({len(orphans)} notices left queued without a doorbell)"
    duplicates, _reclaims = _report(title, copies)
    assert all(copies[pk] == 1 for pk in orphans)
    assert set(copies.values()) == {1} and duplicates == 0


@pytest.mark.parametrize(
    ("hang", "expected_copies"),
    [("after", 2), ("before", 1)],
    ids=["killed-after-the-server-accepted", "killed-before-the-server-accepted"],
)
def test_a_worker_killed_mid_send_is_taken_over_and_any_duplicate_is_counted(
    redis_server, workers, maildir, hang, expected_copies
):
    notices = [
        notice_send(
            recipient_name=f"Filer {i}",
            recipient_address=f"filer{i}@example.org",
            channel=Notice.Channel.EMAIL,
            subject=f"Your complaint {i}",
            body="Received",
            actor=None,
        )
        for i in range(20)
    ]
    victim = notices[5]
    first = workers(FAULT_MAIL_HANG_TO=victim.recipient_address, FAULT_MAIL_HANG_WHEN=hang)
    assert wait_until(lambda: (maildir / HUNG_MARKER).exists()), "the worker never reached the victim"
    first.kill()
    victim.refresh_from_db()
    assert (victim.status, victim.attempts) == (Notice.Status.SENDING, 1)

    workers()  # takes the doorbells still queued; the killed delivery's message is gone with its worker
    assert wait_until(lambda: list(_undelivered().values_list("pk", flat=True)) == [victim.pk], timeout=120)
    notice_outbox_sweep_task.delay()
    assert wait_until(lambda: not _undelivered().exists(), timeout=120)

    copies = _copies_per_notice(maildir)
    duplicates, reclaims = _report(f"Worker killed mid-send ({hang} the server accepted)", copies)
    victim.refresh_from_db()
    assert (victim.attempts, victim.stale_reclaims) == (2, 1)
    assert copies[victim.pk] == expected_copies
    assert all(count == 1 for pk, count in copies.items() if pk != victim.pk)
    # Every duplicate is accounted for by a stale claim taken over, and carries the same Message-ID.
    assert duplicates == expected_copies - 1 <= reclaims == 1
