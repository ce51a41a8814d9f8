"""A doorbell that cannot ring never fails the person's request (oversight/doorbell.py), and what it
would have started is picked up by a periodic sweep."""

from datetime import datetime

import pytest
import time_machine

from investigations.models import Investigation
from investigations.services import finding_record, investigation_complete
from oversight.calendar.business_days import PACIFIC
from oversight.doorbell import ring
from tests.arrange import case_investigating

pytestmark = pytest.mark.django_db


class _BrokenBroker:
    """A task whose broker refuses, as a stopped Redis or a closed pool does."""

    name = "broken"

    def apply_async(self, *args, **kwargs):
        raise RuntimeError("Acquire on closed pool")


def test_a_doorbell_that_cannot_ring_says_so_and_does_not_raise(caplog):
    assert ring(_BrokenBroker(), 1) is False
    assert "broker unreachable" in caplog.text


def test_a_completed_investigation_whose_report_was_never_queued_is_rendered_by_the_sweep(
    intake_user, director, investigator
):
    from investigations import tasks

    with time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=PACIFIC), tick=False):
        case = case_investigating(intake_user, director, investigator)
        finding_record(allegation=case.allegations.get(), outcome="unfounded", rationale="x", actor=investigator)
        investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    pk = case.investigation.pk
    # The test's on-commit doorbell never rang (the test's transaction never commits): as if Redis were down.
    with time_machine.travel(datetime(2026, 11, 2, 10, 4, tzinfo=PACIFIC), tick=False):
        assert tasks.investigation_report_render_missing_task() == []  # its own doorbell may still be on its way
    with time_machine.travel(datetime(2026, 11, 2, 10, 6, tzinfo=PACIFIC), tick=False):
        assert tasks.investigation_report_render_missing_task() == [pk]  # queued on the real broker
    tasks.investigation_report_render(investigation_id=pk)
    with time_machine.travel(datetime(2026, 11, 2, 10, 12, tzinfo=PACIFIC), tick=False):
        assert tasks.investigation_report_render_missing_task() == []
    assert Investigation.objects.get(pk=pk).report_pdf
