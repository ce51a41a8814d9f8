"""My notices: every staff member reads the alerts the system leaves for them on the portal
(stuck notices, failed reminders, reconsiderations...), and only their own."""

from datetime import datetime

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.notices.services import notice_send

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)


def _alert(user, subject, n=1):
    with time_machine.travel(AT, tick=False):
        return [
            notice_send(
                recipient_user=user,
                recipient_name=str(user),
                channel=Notice.Channel.PORTAL,
                subject=f"{subject} {i}",
                body="Look at the outbox",
                actor=None,
            )
            for i in range(n)
        ]


def test_a_portal_alert_shows_in_its_recipients_inbox_only(client, director, investigator):
    _alert(director, "Notices not delivered")
    _alert(investigator, "Your task is due")
    with time_machine.travel(AT, tick=False):
        client.force_login(director)
        home = client.get("/accounts/").content.decode()
        assert "My notices" in home and "1 new" in home
        page = client.get("/staff/notices/inbox/").content.decode()
    assert "Notices not delivered 0" in page and "Look at the outbox" in page
    assert "Your task is due" not in page


def test_marking_read_one_then_all_and_never_someone_elses(client, director, investigator):
    mine = _alert(director, "Alert", n=3)
    theirs = _alert(investigator, "Theirs")[0]
    with time_machine.travel(AT, tick=False):
        client.force_login(director)
        assert client.post("/staff/notices/inbox/read/", {"notice": theirs.pk}).status_code == 404
        assert client.post("/staff/notices/inbox/read/", {"notice": "x"}).status_code == 404
        assert client.post("/staff/notices/inbox/read/", {"notice": mine[0].pk}).status_code == 302
        assert Notice.objects.filter(recipient_user=director, read_at__isnull=True).count() == 2
        assert "2 new" in client.get("/accounts/").content.decode()
        client.post("/staff/notices/inbox/read/")
    assert not Notice.objects.filter(recipient_user=director, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_needs_a_signed_in_staff_member(client):
    assert client.get("/staff/notices/inbox/").status_code == 302
    assert client.post("/staff/notices/inbox/read/").status_code == 302


@pytest.mark.parametrize("n", [1, 60])
def test_inbox_queries_do_not_grow(client, director, django_assert_max_num_queries, n):
    _alert(director, "Alert", n=n)
    client.force_login(director)
    # 10 with the session's second-factor device (oversight/accounts/mfa.py).
    with django_assert_max_num_queries(10), time_machine.travel(AT, tick=False):
        assert client.get("/staff/notices/inbox/").status_code == 200
