"""The outbox (R6.3): the Notice row is the truth, the broker only a doorbell."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from oversight.notices.services import notice_deliver, notice_outbox_sweep
from tests.conftest import make_user
from tests.notices.arrange import LOGGED, emails_logged

from .servers import celery_broker, free_port

pytestmark = pytest.mark.django_db

BOUND = timedelta(seconds=120)


class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside the worker: nothing after this point runs."""


class DiesAfterSending(LocmemBackend):
    """The mail server accepts the message; the worker dies before it can mark the notice sent."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise WorkerKilled


class Refuses(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server refused the connection")


@pytest.fixture(autouse=True)
def outbox_settings(settings):
    settings.NOTICE_REDELIVER_AFTER_SECONDS = int(BOUND.total_seconds())
    settings.NOTICE_MAX_ATTEMPTS = 3
    settings.NOTICE_STUCK_ALERT_MINUTES = 30
    settings.DEFAULT_FROM_EMAIL = "OCPA <no-reply@ocpa.example.org>"


def test_a_notice_whose_doorbell_was_lost_is_delivered_by_the_sweep_once_past_the_bound():
    (notice,) = emails_logged()
    assert notice_outbox_sweep(now=LOGGED + BOUND - timedelta(seconds=1))["delivered"] == 0
    assert notice_outbox_sweep(now=LOGGED + BOUND)["delivered"] == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.stale_reclaims) == (Notice.Status.SENT, 1, 0)
    assert [m.to for m in mail.outbox] == [["filer0@example.org"]]
    assert notice_outbox_sweep(now=LOGGED + 10 * BOUND)["due"] == 0


def test_every_copy_of_a_notice_carries_the_same_message_id_made_from_the_notice(settings):
    (notice,) = emails_logged()
    settings.EMAIL_BACKEND = f"{__name__}.DiesAfterSending"
    with pytest.raises(WorkerKilled):
        notice_deliver(notice_id=notice.pk, now=LOGGED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notice_outbox_sweep(now=LOGGED + BOUND + timedelta(seconds=1))
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(mail.outbox) == 2
    assert ids == {f"<notice-{notice.pk}.{int(LOGGED.timestamp())}@ocpa.example.org>"}


def test_a_claim_left_by_a_dead_worker_is_taken_over_only_after_the_bound_and_counted(settings):
    (notice,) = emails_logged()
    settings.EMAIL_BACKEND = f"{__name__}.DiesAfterSending"
    with pytest.raises(WorkerKilled):
        notice_deliver(notice_id=notice.pk, now=LOGGED)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.SENDING, 1)
    # A doorbell rung twice, or a sweep, while the claim is fresh: the worker may still be sending.
    assert notice_deliver(notice_id=notice.pk, now=LOGGED + BOUND - timedelta(seconds=1)) is False
    assert notice_outbox_sweep(now=LOGGED + BOUND - timedelta(seconds=1))["delivered"] == 0
    assert notice_outbox_sweep(now=LOGGED + BOUND + timedelta(seconds=1))["delivered"] == 1
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.stale_reclaims) == (Notice.Status.SENT, 2, 1)


def test_two_deliveries_of_the_same_notice_mail_it_once():
    (notice,) = emails_logged()
    assert notice_deliver(notice_id=notice.pk, now=LOGGED) is True
    assert notice_deliver(notice_id=notice.pk, now=LOGGED) is False
    assert len(mail.outbox) == 1


def test_a_refused_attempt_waits_for_the_sweep_and_the_last_one_fails_the_notice(settings):
    (notice,) = emails_logged()
    settings.EMAIL_BACKEND = f"{__name__}.Refuses"
    assert notice_deliver(notice_id=notice.pk, now=LOGGED) is False
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.QUEUED, 1)
    assert notice.last_error == "ConnectionRefusedError: mail server refused the connection"
    # Retried by the sweep only a bound after the last attempt, until NOTICE_MAX_ATTEMPTS (3).
    assert notice_outbox_sweep(now=LOGGED + BOUND - timedelta(seconds=1))["due"] == 0
    notice_outbox_sweep(now=LOGGED + BOUND)
    notice_outbox_sweep(now=LOGGED + 2 * BOUND)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.FAILED, 3)
    assert notice_outbox_sweep(now=LOGGED + 10 * BOUND)["due"] == 0
    assert mail.outbox == []


def test_a_dead_workers_claim_on_the_last_attempt_fails_the_notice_instead_of_sending_again(settings):
    (notice,) = emails_logged()
    settings.NOTICE_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = f"{__name__}.DiesAfterSending"
    with pytest.raises(WorkerKilled):
        notice_deliver(notice_id=notice.pk, now=LOGGED)
    notice_outbox_sweep(now=LOGGED + 2 * BOUND)
    notice.refresh_from_db()
    assert (notice.status, notice.last_error) == (Notice.Status.FAILED, "The worker stopped during the last attempt.")


def test_a_broker_that_is_down_never_fails_the_caller_and_leaves_the_notice_to_the_sweep(
    django_capture_on_commit_callbacks, caplog
):
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with celery_broker(dead), caplog.at_level(logging.WARNING, logger="oversight.doorbell"):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            (notice,) = emails_logged()
    assert len(callbacks) == 1
    assert "broker unreachable" in caplog.text and "notice_deliver_task" in caplog.text
    notice.refresh_from_db()
    assert notice.status == Notice.Status.QUEUED
    notice_outbox_sweep(now=LOGGED + BOUND)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT


def test_the_director_is_told_once_of_each_notice_stuck_past_the_limit(settings):
    for i in range(2):
        make_user(Role.DIRECTOR, username=f"director{i}")
    settings.EMAIL_BACKEND = f"{__name__}.Refuses"
    first = emails_logged(2)
    assert notice_outbox_sweep(now=LOGGED + timedelta(minutes=29))["alerted"] == 0
    assert notice_outbox_sweep(now=LOGGED + timedelta(minutes=31))["alerted"] == 2
    assert notice_outbox_sweep(now=LOGGED + timedelta(minutes=40))["alerted"] == 0
    alerts = Notice.objects.filter(dedupe_key__startswith="outbox-stuck:")
    assert sorted(alerts.values_list("recipient_user__username", "channel", "status")) == [
        ("director0", "portal", "sent"),
        ("director1", "portal", "sent"),
    ]
    alert = alerts.first()
    assert alert.subject == "2 notices not delivered"
    assert "more than 30 minutes" in alert.body and "/staff/notices/outbox/" in alert.body
    # A notice stuck later is announced in a new alert; the two already announced are not again.
    with time_machine.travel(LOGGED + timedelta(hours=1), tick=False):
        (later,) = emails_logged()
    assert notice_outbox_sweep(now=LOGGED + timedelta(hours=2))["alerted"] == 1
    assert alerts.count() == 4
    assert {n.stuck_alerted_at for n in Notice.objects.filter(pk__in=[first[0].pk, later.pk])} == {
        LOGGED + timedelta(minutes=31),
        LOGGED + timedelta(hours=2),
    }


def test_a_sweep_out_of_time_leaves_the_rest_to_the_next_one(monkeypatch):
    from oversight.notices import services

    emails_logged(3)
    monkeypatch.setattr(services, "SWEEP_BUDGET_SECONDS", -1)  # spent before the first claim
    assert notice_outbox_sweep(now=LOGGED + BOUND) == {"due": 3, "delivered": 0, "alerted": 0}
    monkeypatch.undo()
    assert notice_outbox_sweep(now=LOGGED + BOUND)["delivered"] == 3
    assert len(mail.outbox) == 3
