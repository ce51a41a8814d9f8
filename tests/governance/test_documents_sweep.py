"""The clocks of documents through the real deadline sweep (issue 10 part A): the end of input, the
warnings before an urgent version lapses, and the lapse itself at 90 days."""

import pytest
import time_machine

from oversight.calendar.services import deadline_sweep
from oversight.governance.documents import (
    comment_period_of,
    lapse_clock_of,
    version_adopt,
    version_adopt_urgent,
    version_open_for_comment,
)
from oversight.governance.models import DocumentVersion
from oversight.notices.models import Notice
from tests.governance.arrange_documents import TEXT_V2, day, document_arrange, open_arrange, vote

pytestmark = pytest.mark.django_db
Status = DocumentVersion.Status


def _sweep(when):
    with time_machine.travel(when, tick=False):
        return deadline_sweep()


def _urgent(director, *, over=None):
    """An urgent version adopted on day 0 (replacing `over` when given)."""
    with time_machine.travel(day(0), tick=False):
        if over is None:
            _document, version = document_arrange(director)
        else:
            from oversight.governance.documents import version_draft

            version = version_draft(actor=director, document=over.document, text=TEXT_V2, reason="Urgent change")
        return version_adopt_urgent(actor=director, version=version, reason="Emergency meeting", **vote(0))


def test_the_end_of_input_tells_the_director_and_meets_the_clock_at_its_end(director):
    with time_machine.travel(day(0), tick=False):
        _document, version = open_arrange(director)
    assert _sweep(day(29, 23, 58)) == 0
    assert _sweep(day(30, 0, 1)) == 1
    deadline = comment_period_of(version)
    assert deadline.met_at == deadline.due_at and deadline.breached_at is None
    notice = Notice.objects.get(recipient_user=director)
    assert "ended on 2027-03-30" in notice.body and "may act from 2027-03-31" in notice.body
    assert _sweep(day(31)) == 0


def test_an_urgent_version_warns_the_director_at_14_and_7_days(director, board_members):
    version = _urgent(director)
    assert _sweep(day(30, 0, 1)) == 1  # the end of its input period
    assert _sweep(day(75, 23)) == 0
    assert _sweep(day(76, 0, 1)) == 1  # 14 days before the end of day 89
    assert _sweep(day(83, 0, 1)) == 1
    subjects = sorted(Notice.objects.filter(subject__contains="lapses").values_list("subject", flat=True))
    assert subjects == ["Body-worn cameras v1 lapses in 14 days", "Body-worn cameras v1 lapses in 7 days"]
    version.refresh_from_db()
    assert version.status == Status.ADOPTED


def test_an_urgent_version_is_in_effect_on_day_89_and_lapses_by_itself_as_day_90_begins(director, board_members):
    version = _urgent(director)
    _sweep(day(89, 23, 59))
    version.refresh_from_db()
    assert version.status == Status.ADOPTED
    _sweep(day(90, 0, 1))
    version.refresh_from_db()
    assert (version.status, version.ended_on) == (Status.LAPSED, day(90).date())
    record = version.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        None,
        "90 days in effect without adoption after input",
    )
    lapse = lapse_clock_of(version)
    assert lapse.breached_at == lapse.due_at and lapse.met_at is not None
    assert Notice.objects.filter(subject="Body-worn cameras v1 lapsed at 90 days", recipient_user=director).count() == 1
    assert _sweep(day(91)) == 0 and Notice.objects.filter(subject__contains="lapsed").count() == 1


def test_when_an_urgent_version_lapses_the_version_it_replaced_is_in_force_again(director, board_members):
    with time_machine.travel(day(-60), tick=False):
        _document, v1 = open_arrange(director)
    with time_machine.travel(day(-25), tick=False):
        version_adopt(actor=director, version=v1, reason="Meeting", **vote(-25))
    v2 = _urgent(director, over=v1)
    v1.refresh_from_db()
    assert v1.status == Status.SUPERSEDED
    _sweep(day(90, 0, 1))
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v1.ended_on, v2.status) == (Status.ADOPTED, None, Status.LAPSED)
    assert "Version 1 is in force again." in Notice.objects.get(subject__contains="lapsed").body


def test_an_urgent_version_adopted_after_input_meanwhile_does_not_lapse(director, board_members):
    version = _urgent(director)
    with time_machine.travel(day(50), tick=False):
        version_adopt(actor=director, version=version, reason="After input", **vote(50))
    _sweep(day(95))
    version.refresh_from_db()
    assert version.status == Status.ADOPTED and not Notice.objects.filter(subject__contains="lapse").exists()
    assert lapse_clock_of(version).breached_at is None


def test_an_urgent_version_replaced_by_one_adopted_after_input_does_not_lapse(director, board_members):
    version = _urgent(director)
    with time_machine.travel(day(1), tick=False):
        from oversight.governance.documents import version_draft

        v2 = version_draft(actor=director, document=version.document, text="Revised after input", reason="Input")
        version_open_for_comment(actor=director, version=v2, reason="Notice")
    with time_machine.travel(day(40), tick=False):
        version_adopt(actor=director, version=v2, reason="After input", **vote(40))
    _sweep(day(95))
    version.refresh_from_db()
    assert version.status == Status.SUPERSEDED and lapse_clock_of(version).breached_at is None
