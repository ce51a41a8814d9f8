"""Public Board meetings (issue 10 section 9; ORS 192.640): notice periods at their boundaries, the
emergency's reason, the agenda in order, minutes approved at a later meeting, and comment on the annual
report presentation from its notice until it ends."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.governance.comments import CommentsClosed, comment_item_is_open, comment_submit
from oversight.governance.meetings import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    meeting_cancel,
    meeting_mark_held,
    meeting_minutes_approve,
    meeting_minutes_save,
    meeting_notice_publish,
    meeting_public_lists,
)
from oversight.governance.models import BoardMeeting

from .arrange_suits import NOW, meeting_arrange, noticed

pytestmark = pytest.mark.django_db
Kind = BoardMeeting.Kind
DAYS = 7  # the bylaws' default notice days for the full Board (governance BODY_DEFAULTS)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_a_regular_meetings_notice_is_allowed_exactly_the_notice_days_before(director):
    meeting = meeting_arrange(director, starts_in=timedelta(days=DAYS))
    meeting = meeting_notice_publish(actor=director, meeting=meeting)
    assert meeting.notice_published_at == NOW
    assert meeting.history.latest().history_user == director


def test_a_regular_meetings_notice_a_second_late_is_refused_with_the_rule(director):
    meeting = meeting_arrange(director, starts_in=timedelta(days=DAYS) - timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        meeting_notice_publish(actor=director, meeting=meeting)
    message = error.value.message_dict["notice_published_at"][0]
    assert "at least 7 days before" in message
    assert "special meeting" in message
    meeting.refresh_from_db()
    assert meeting.notice_published_at is None


def test_the_regular_notice_period_follows_the_bylaws(director):
    from oversight.governance.services import bylaws_version_record

    rules = {"size": 9, "quorum": "0.5001", "threshold": "0.5001", "tie_rule": "return_to_ocpa"}
    rules |= {"appeal_window_days": 30, "notice_days": 3, "training_required": False}
    bylaws_version_record(
        actor=director,
        label="Bylaws v2",
        adopted_on=NOW.date(),
        adopting_body="board",
        reason="Vote",
        rules={"board": rules},
    )
    meeting = meeting_arrange(director, starts_in=timedelta(days=3))
    assert meeting_notice_publish(actor=director, meeting=meeting).notice_published_at == NOW


def test_a_special_meetings_notice_is_allowed_exactly_24_hours_before(director):
    meeting = meeting_arrange(director, kind=Kind.SPECIAL, starts_in=timedelta(hours=24))
    assert meeting_notice_publish(actor=director, meeting=meeting).notice_published_at == NOW


def test_a_special_meetings_notice_under_24_hours_before_is_refused_with_the_rule(director):
    meeting = meeting_arrange(director, kind=Kind.SPECIAL, starts_in=timedelta(hours=24) - timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        meeting_notice_publish(actor=director, meeting=meeting)
    assert "24 hours" in error.value.message_dict["notice_published_at"][0]


def test_an_emergency_meeting_needs_its_reason(director):
    with pytest.raises(ValidationError) as error:
        meeting_arrange(director, kind=Kind.EMERGENCY, starts_in=timedelta(hours=2))
    assert "emergency_reason" in error.value.message_dict


def test_an_emergency_meeting_with_its_reason_is_noticed_hours_before(director):
    meeting = meeting_arrange(
        director, kind=Kind.EMERGENCY, starts_in=timedelta(hours=2), emergency_reason="A death in custody last night"
    )
    assert meeting_notice_publish(actor=director, meeting=meeting).notice_published_at == NOW


def test_no_notice_once_the_meeting_has_started(director, clock):
    meeting = meeting_arrange(director, kind=Kind.EMERGENCY, starts_in=timedelta(hours=1), emergency_reason="Urgent")
    clock.shift(timedelta(hours=1))
    with pytest.raises(ValidationError):
        meeting_notice_publish(actor=director, meeting=meeting)


def test_publishing_twice_keeps_the_first_notice(director, clock):
    meeting = noticed(director)
    clock.shift(timedelta(minutes=5))
    assert meeting_notice_publish(actor=director, meeting=meeting).notice_published_at == NOW


def test_a_board_member_cannot_schedule_or_notice(director, board_members):
    with pytest.raises(PermissionDenied):
        meeting_arrange(board_members[0])
    meeting = meeting_arrange(director)
    with pytest.raises(PermissionDenied):
        meeting_notice_publish(actor=board_members[0], meeting=meeting)


def test_a_meeting_needs_a_place_or_a_link(director):
    with pytest.raises(ValidationError) as error:
        meeting_arrange(director, place="", online_link="")
    assert "place" in error.value.message_dict


def test_the_agenda_keeps_its_order_through_moves_and_removals(director):
    meeting = meeting_arrange(director)
    first = agenda_item_add(actor=director, meeting=meeting, title="Call to order", reason="Agenda")
    second = agenda_item_add(actor=director, meeting=meeting, title="Public comment", reason="Agenda")
    third = agenda_item_add(
        actor=director, meeting=meeting, title="Annual report", link="/participate/meetings/", reason="Agenda"
    )
    agenda_item_move(actor=director, item=third, direction="up")
    assert [i.title for i in meeting.agenda_items.all()] == ["Call to order", "Annual report", "Public comment"]
    agenda_item_move(actor=director, item=first, direction="up")  # already first: nothing moves
    agenda_item_remove(actor=director, item=second, reason="Moved to next meeting")
    assert [i.title for i in meeting.agenda_items.all()] == ["Call to order", "Annual report"]
    assert second.history.filter(history_type="-").get().history_change_reason == "Moved to next meeting"


def test_the_same_agenda_item_submitted_twice_is_added_once(director):
    meeting = meeting_arrange(director)
    first = agenda_item_add(actor=director, meeting=meeting, title="Call to order", reason="Agenda")
    again = agenda_item_add(actor=director, meeting=meeting, title="Call to order ", reason="Agenda")
    assert again == first and meeting.agenda_items.count() == 1


def test_a_meeting_is_held_only_once_it_has_started(director, clock):
    meeting = noticed(director)
    with pytest.raises(ValidationError):
        meeting_mark_held(actor=director, meeting=meeting)
    clock.shift(timedelta(days=14, minutes=1))
    assert meeting_mark_held(actor=director, meeting=meeting).status == BoardMeeting.Status.HELD


def test_a_cancelled_meeting_stays_cancelled_with_its_reason(director, clock):
    meeting = noticed(director)
    meeting = meeting_cancel(actor=director, meeting=meeting, reason="No quorum")
    assert (meeting.status, meeting.status_reason) == ("cancelled", "No quorum")
    clock.shift(timedelta(days=15))
    with pytest.raises(ValidationError):
        meeting_mark_held(actor=director, meeting=meeting)


def _held(director, clock, **extra):
    meeting = noticed(director, **extra)
    clock.move_to(meeting.starts_at + timedelta(minutes=5))
    return meeting_mark_held(actor=director, meeting=meeting)


def test_minutes_are_drafted_then_approved_at_a_later_meeting_that_was_held(director, clock):
    first = _held(director, clock)
    meeting_minutes_save(actor=director, meeting=first, minutes="The Board met. Quorum present.")
    clock.move_to(NOW)
    later = noticed(director, title="Next meeting", starts_in=timedelta(days=28))
    with pytest.raises(ValidationError):
        meeting_minutes_approve(actor=director, meeting=first, approved_at=later)  # not yet held
    clock.move_to(later.starts_at + timedelta(minutes=5))
    later = meeting_mark_held(actor=director, meeting=later)
    first = meeting_minutes_approve(actor=director, meeting=first, approved_at=later)
    assert (first.minutes_status, first.minutes_approved_at) == ("approved", later)
    with pytest.raises(ValidationError):
        meeting_minutes_save(actor=director, meeting=first, minutes="Changed afterwards")


def test_minutes_cannot_be_approved_at_an_earlier_meeting(director, clock):
    earlier = _held(director, clock, title="Earlier")
    clock.move_to(NOW)
    later = _held(director, clock, title="Later", starts_in=timedelta(days=21))
    meeting_minutes_save(actor=director, meeting=later, minutes="Minutes")
    with pytest.raises(ValidationError) as error:
        meeting_minutes_approve(actor=director, meeting=later, approved_at=earlier)
    assert "approved_at" in error.value.message_dict


def test_the_public_sees_only_noticed_meetings_upcoming_first(director):
    unnoticed = meeting_arrange(director, title="Draft")
    soon = noticed(director, title="Soon", starts_in=timedelta(days=8))
    later = noticed(director, title="Later", starts_in=timedelta(days=20))
    upcoming, past = meeting_public_lists()
    assert upcoming == [soon, later] and past == []
    assert unnoticed not in upcoming


def test_the_annual_report_meeting_takes_comment_from_its_notice_until_it_ends(director, clock):
    meeting = meeting_arrange(director, kind=Kind.ANNUAL_REPORT_PRESENTATION, title="Annual report 2026")
    assert comment_item_is_open(meeting) is False  # no notice yet
    meeting = meeting_notice_publish(actor=director, meeting=meeting)
    assert comment_item_is_open(meeting) is True
    comment = comment_submit(
        item=meeting, body="Please report stops by precinct.", language="so", client_address="203.0.113.5"
    )
    assert comment.object_id == meeting.pk
    clock.move_to(meeting.ends_at - timedelta(seconds=1))
    assert comment_item_is_open(meeting) is True
    clock.move_to(meeting.ends_at)
    assert comment_item_is_open(meeting) is False
    with pytest.raises(CommentsClosed):
        comment_submit(item=meeting, body="Too late.", language="en", client_address="203.0.113.5")


def test_a_regular_meeting_takes_no_comment_through_the_form(director):
    assert comment_item_is_open(noticed(director)) is False


def test_a_meeting_is_corrected_before_its_notice_with_the_reason(director):
    from oversight.governance.meetings import meeting_update

    meeting = meeting_arrange(director)
    meeting = meeting_update(actor=director, meeting=meeting, place="Portland Building, Room C", reason="Room changed")
    assert meeting.place == "Portland Building, Room C"
    assert meeting.history.latest().history_change_reason == "Room changed"


def test_a_noticed_meeting_is_not_corrected_in_place(director):
    from oversight.governance.meetings import meeting_update

    meeting = noticed(director)
    with pytest.raises(ValidationError):
        meeting_update(
            actor=director, meeting=meeting, starts_at=meeting.starts_at + timedelta(hours=1), reason="Later"
        )
