"""A failed e-mail stays in the Office outbox and on the Director's work until someone acts (R6.3)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from oversight.notices.failed import notice_mark_handled, notice_resend, notice_send_as_letter
from oversight.notices.models import Notice
from oversight.notices.selectors import notice_list_stuck
from oversight.notices.services import notice_deliver
from tests.notices.arrange import LOGGED, emails_logged

pytestmark = pytest.mark.django_db

LATER = LOGGED + timedelta(hours=2)


class Refuses(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server refused the connection")


@pytest.fixture
def failed(settings):
    """One e-mail notice that failed its last attempt."""
    settings.NOTICE_MAX_ATTEMPTS = 1
    settings.EMAIL_BACKEND = f"{__name__}.Refuses"
    (notice,) = emails_logged()
    notice_deliver(notice_id=notice.pk, now=LOGGED)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return notice


def test_a_failed_email_stays_stuck_until_someone_acts(failed, director):
    assert list(notice_list_stuck(now=LOGGED + timedelta(days=30))) == [failed]
    notice_mark_handled(notice=failed, actor=director, reason="Phoned the filer")
    assert not notice_list_stuck(now=LOGGED + timedelta(days=30)).exists()


def test_resending_puts_it_back_in_the_outbox_with_fresh_attempts(failed, director):
    with time_machine.travel(LATER, tick=False):
        notice_resend(notice=failed, actor=director, reason="Mail server fixed")
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Notice.Status.QUEUED, 0)
    history = failed.history.latest()
    assert (history.history_user, history.history_change_reason) == (director, "Resent: Mail server fixed")
    assert notice_deliver(notice_id=failed.pk, now=LATER) is True


def test_sending_it_as_a_letter_queues_the_same_text_to_mail_and_marks_the_email_handled(failed, director):
    failed.language = "es"
    failed.save(update_fields=["language"])
    letter = notice_send_as_letter(notice=failed, address="1 Main St\nPortland", actor=director, reason="Bounced")
    assert (letter.channel, letter.status, letter.recipient_address) == (
        Notice.Channel.POSTAL,
        Notice.Status.TO_MAIL,
        "1 Main St\nPortland",
    )
    assert (letter.subject, letter.body, letter.language) == (failed.subject, failed.body, "es")
    failed.refresh_from_db()
    assert failed.status == Notice.Status.HANDLED
    assert failed.history.latest().history_change_reason == f"Sent as letter {letter.pk}: Bounced"


def test_acting_needs_a_reason_and_the_director(failed, director, intake_user):
    with pytest.raises(ValidationError):
        notice_mark_handled(notice=failed, actor=director, reason=" ")
    with pytest.raises(PermissionDenied):
        notice_mark_handled(notice=failed, actor=intake_user, reason="Phoned")


def test_a_notice_already_handled_is_not_handled_again(failed, director):
    notice_mark_handled(notice=failed, actor=director, reason="Phoned")
    assert notice_send_as_letter(notice=failed, address="1 Main St", actor=director, reason="Again") is None
    assert not Notice.objects.filter(channel=Notice.Channel.POSTAL).exists()


def test_the_outbox_links_a_failed_email_to_its_actions_and_the_director_acts(client, failed, director):
    with time_machine.travel(LATER, tick=False):
        client.force_login(director)
        assert f"/staff/notices/outbox/{failed.pk}/act/" in client.get("/staff/notices/outbox/").content.decode()
        response = client.post(
            f"/staff/notices/outbox/{failed.pk}/act/", {"action": "letter", "address": "", "reason": "Bounced"}
        )
        assert "Give the postal address" in response.content.decode()
        response = client.post(
            f"/staff/notices/outbox/{failed.pk}/act/", {"action": "handled", "reason": "Reached by phone"}
        )
        assert response["Location"] == "/staff/notices/outbox/"
        assert client.get(f"/staff/notices/outbox/{failed.pk}/act/").status_code == 404


def test_a_notice_still_being_tried_has_no_action_page(client, director):
    (waiting,) = emails_logged()
    with time_machine.travel(LATER, tick=False):
        client.force_login(director)
        assert client.get(f"/staff/notices/outbox/{waiting.pk}/act/").status_code == 404
