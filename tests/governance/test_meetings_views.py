"""Board meetings' pages: the Director's forms, the staff list's constant queries, the public notice,
agenda, minutes and calendar file, and the annual report meeting's comment form."""

from datetime import timedelta

import pytest
import time_machine

from oversight.governance.meetings import agenda_item_add
from oversight.governance.models import BoardMeeting

from .arrange_suits import NOW, meeting_arrange, noticed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_director_schedules_a_meeting_through_the_form(client, director):
    client.force_login(director)
    response = client.post(
        "/board/meetings/schedule/",
        {
            "title": "Regular meeting",
            "kind": "regular",
            "starts_at": "2026-06-20T18:00",
            "ends_at": "2026-06-20T20:00",
            "place": "City Hall",
            "reason": "Calendar",
        },
    )
    meeting = BoardMeeting.objects.get()
    assert response.url == f"/board/meetings/{meeting.pk}/"
    assert meeting.created_by == director


def test_a_late_notice_is_refused_on_the_page_with_the_rule(client, director):
    meeting = meeting_arrange(director, starts_in=timedelta(days=3))
    client.force_login(director)
    response = client.post(f"/board/meetings/{meeting.pk}/notice/", follow=True)
    assert "at least 7 days before" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.notice_published_at is None


def test_the_staff_list_costs_the_same_queries_for_many_meetings(client, director, django_assert_max_num_queries):
    for n in range(10):
        meeting_arrange(director, title=f"Meeting {n}", starts_in=timedelta(days=10 + n))
    client.force_login(director)
    with django_assert_max_num_queries(9):
        assert client.get("/board/meetings/").status_code == 200


def test_the_board_reads_a_meeting_without_the_directors_forms(client, director, board_members):
    meeting = noticed(director)
    client.force_login(board_members[0])
    html = client.get(f"/board/meetings/{meeting.pk}/").content.decode()
    assert "Regular meeting" in html and "Add an agenda item" not in html


def test_the_public_list_shows_upcoming_then_past_and_never_an_unnoticed_meeting(client, director, clock):
    meeting_arrange(director, title="Not yet noticed")
    noticed(director, title="Upcoming meeting")
    clock.move_to(NOW - timedelta(days=30))
    noticed(director, title="Last month")
    clock.move_to(NOW)
    html = client.get("/participate/meetings/").content.decode()
    assert "Not yet noticed" not in html
    assert html.index("Upcoming meeting") < html.index("Last month")


def test_an_unnoticed_meeting_has_no_public_page(client, director):
    meeting = meeting_arrange(director)
    assert client.get(f"/participate/meetings/{meeting.pk}/").status_code == 404


def test_the_public_page_shows_the_notice_and_the_agenda_in_order(client, director):
    meeting = noticed(director)
    agenda_item_add(actor=director, meeting=meeting, title="Call to order", reason="Agenda")
    agenda_item_add(
        actor=director, meeting=meeting, title="Data standard", link="https://example.org/d", reason="Agenda"
    )
    html = client.get(f"/participate/meetings/{meeting.pk}/").content.decode()
    assert html.index("Call to order") < html.index("Data standard")
    assert 'href="https://example.org/d"' in html
    assert "City Hall, Room 200" in html


def test_the_calendar_file_describes_the_meeting(client, director):
    meeting = noticed(director, title="Budget; review, 2026")
    response = client.get(f"/participate/meetings/{meeting.pk}/calendar.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Budget\\; review\\, 2026" in body
    assert "DTSTART:20260615T170000Z" in body  # 10:00 Pacific daylight time


def test_the_annual_report_meeting_shows_the_comment_form_while_open(client, director):
    meeting = noticed(director, kind="annual_report_presentation", title="Annual report 2026")
    html = client.get(f"/participate/meetings/{meeting.pk}/").content.decode()
    assert f"/participate/comment/meeting/{meeting.pk}/" in html


def test_a_regular_meeting_shows_no_comment_form(client, director):
    meeting = noticed(director)
    html = client.get(f"/participate/meetings/{meeting.pk}/").content.decode()
    assert "/participate/comment/meeting/" not in html


def test_the_directors_meeting_page_adds_an_agenda_item_and_has_no_duplicate_ids(client, director):
    import re
    from collections import Counter

    meeting = meeting_arrange(director)
    client.force_login(director)
    response = client.post(
        f"/board/meetings/{meeting.pk}/agenda/", {"agenda-title": "Public comment", "agenda-reason": "Agenda"}
    )
    assert response.status_code == 302
    assert meeting.agenda_items.get().title == "Public comment"
    html = client.get(f"/board/meetings/{meeting.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, n in ids.items() if n > 1] == []
