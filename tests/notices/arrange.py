"""E-mail notices logged at a fixed time, whose doorbells never rang (a test transaction never commits)."""

from datetime import datetime

import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.notices.services import notice_send

LOGGED = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)


def emails_logged(n=1, *, at=LOGGED):
    with time_machine.travel(at, tick=False):
        return [
            notice_send(
                recipient_name=f"Filer {i}",
                recipient_address=f"filer{i}@example.org",
                channel=Notice.Channel.EMAIL,
                subject=f"Your complaint {i}",
                body="Received",
                actor=None,
            )
            for i in range(n)
        ]
