"""Hearings, their public notice and the packet (issue 9.5)."""

from datetime import timedelta
from io import BytesIO

import pikepdf
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from discipline.hearings import hearing_cancel, hearing_schedule, packet_context
from discipline.models import Hearing
from investigations.models import CustodyEvent
from investigations.services import investigation_report_render
from oversight.audit.models import SensitiveRead
from tests.arrange import case_before_panel
from tests.discipline.arrange_hearings import hearing_in, outsider, panel_with_evidence
from tests.notices.test_letters import pdf_text

pytestmark = pytest.mark.django_db

PUBLIC = "/board/hearings/"


# Scheduling


def test_a_hearing_sooner_than_the_notice_period_is_refused_with_the_reason(
    intake_user, director, investigator, board_members
):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(ValidationError) as refused:
        hearing_in(panel, director, days=panel.notice_days - 1)
    message = refused.value.message_dict["starts_at"][0]
    assert "Oregon public meetings law" in message and f"at least {panel.notice_days} days" in message
    assert not Hearing.objects.exists()


def test_the_director_schedules_a_hearing_and_its_notice_is_published_now(
    intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        hearing = hearing_in(panel, director, days=panel.notice_days, online_link="https://meet.example/cbpa")
    assert hearing.notice_published_at == now and hearing.status == Hearing.Status.SCHEDULED
    assert hearing.agenda == {"case_number": case.number, "panel_kind": "hearings", "allegations": [["Discourtesy", 1]]}
    row = hearing.history.get()
    assert row.history_user == director and row.history_change_reason == "Hearing scheduled"


def test_scheduling_twice_the_same_hearing_makes_one(intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    starts_at = timezone.now() + timedelta(days=30)
    first = hearing_schedule(panel=panel, starts_at=starts_at, place="City Hall", actor=director)
    again = hearing_schedule(panel=panel, starts_at=starts_at, place="City Hall", actor=director)
    assert first.pk == again.pk and Hearing.objects.count() == 1


def test_a_hearing_needs_a_place_or_a_link(intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(ValidationError) as refused:
        hearing_in(panel, director, days=30, place="  ")
    assert "place" in refused.value.message_dict


def test_only_the_director_schedules(intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(PermissionDenied):
        hearing_in(panel, board_members[0], days=30)


def test_a_cancelled_hearing_keeps_its_reason_and_history(intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    hearing = hearing_in(panel, director, days=30)
    hearing_cancel(hearing=hearing, actor=director, reason="No quorum available")
    hearing.refresh_from_db()
    assert (hearing.status, hearing.status_reason) == ("cancelled", "No quorum available")
    assert hearing.history.first().history_change_reason == "No quorum available"


def test_the_schedule_form_refuses_short_notice_with_a_message(
    client, intake_user, director, investigator, board_members
):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(director)
    soon = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("discipline:hearing-schedule", args=[panel.pk]),
        {"hearing-starts_at": soon, "hearing-place": "City Hall", "hearing-reason": "Hearing scheduled"},
        follow=True,
    )
    assert "Oregon public meetings law" in " ".join(str(m) for m in response.context["messages"])
    assert not Hearing.objects.exists()


def test_the_director_schedules_from_the_panel_page(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(director)
    later = (timezone.localtime() + timedelta(days=panel.notice_days + 1)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("discipline:hearing-schedule", args=[panel.pk]),
        {"hearing-starts_at": later, "hearing-online_link": "https://meet.example/cbpa", "hearing-reason": "Set"},
    )
    hearing = Hearing.objects.get()
    assert hearing.online_link == "https://meet.example/cbpa" and hearing.history.get().history_change_reason == "Set"
    html = client.get(reverse("discipline:panel-detail", args=[panel.pk])).content.decode()
    assert f'id="hearing-{hearing.pk}"' in html and "Scheduled" in html


# The public notice


def test_the_public_list_shows_when_where_and_an_agenda_that_names_no_one(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    hearing_in(panel, director, days=30, place="City Hall, Rose Room", online_link="https://meet.example/cbpa")
    html = client.get(PUBLIC).content.decode()
    assert "City Hall, Rose Room" in html and "https://meet.example/cbpa" in html
    assert f"Agenda: case {case.number}, before a Hearings panel." in html
    assert "1 allegation:" in html and "Discourtesy (1)" in html
    assert "Upcoming." in html
    allegation = case.allegations.select_related("employee").get()
    officer = allegation.employee
    for name in (officer.first_name, officer.last_name, officer.badge_number, "shoved me", "Hawthorne"):
        assert name not in html
    for member in board_members:
        assert member.last_name not in html


def test_the_public_list_never_names_the_filer(client, intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    complaint = case.complaints.get()
    complaint.contact_name = "Ana Pérez"
    complaint.save()
    hearing_in(panel, director, days=30)
    assert "Pérez" not in client.get(PUBLIC).content.decode()


def test_a_past_or_cancelled_hearing_says_so(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    past = hearing_in(panel, director, days=panel.notice_days)
    cancelled = hearing_in(panel, director, days=panel.notice_days + 2)
    hearing_cancel(hearing=cancelled, actor=director, reason="Room unavailable")
    with time_machine.travel(past.starts_at + timedelta(hours=3), tick=False):
        html = client.get(PUBLIC).content.decode()
    assert "This hearing has taken place." in html
    assert "Cancelled." in html and "Room unavailable" in html


def test_the_public_list_speaks_the_visitors_language(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    hearing_in(panel, director, days=30)
    response = client.get(PUBLIC, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<html lang="es"' in response.content.decode()


def test_the_public_list_queries_do_not_grow_with_hearings(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    for days in range(30, 36):
        hearing_in(panel, director, days=days)
    with django_assert_max_num_queries(6):
        response = client.get(PUBLIC)
    assert response.content.decode().count('class="site-hearing"') == 6


# The packet


def test_the_packet_withholds_marked_material_from_a_member_with_a_visible_line(
    intake_user, director, investigator, board_members
):
    _case, panel, shown, marked = panel_with_evidence(intake_user, director, investigator, board_members)
    context = packet_context(panel, board_members[0])
    assert [e.pk for e in context["evidence"]] == [shown.pk] and context["hidden_evidence"] == 1
    assert [e.pk for e in context["rows"][0]["evidence"]] == [shown.pk] and context["rows"][0]["withheld"] == 1
    html = render_to_string("discipline/hearing_packet_pdf.html", context)
    assert "Withheld: 1 item you may not read." in html and "Informant note" not in html


def test_a_members_packet_never_holds_a_compelled_statement(intake_user, director, investigator, board_members):
    _case, panel, _shown, _marked = panel_with_evidence(
        intake_user, director, investigator, board_members, compelled="COMPELLED-STATEMENT-7f3a"
    )
    html = render_to_string("discipline/hearing_packet_pdf.html", packet_context(panel, board_members[0]))
    assert "COMPELLED-STATEMENT-7f3a" not in html
    assert "Statement withheld: not yours to read" in html


def test_the_directors_packet_holds_the_marked_material(intake_user, director, investigator, board_members):
    _case, panel, shown, marked = panel_with_evidence(intake_user, director, investigator, board_members)
    context = packet_context(panel, director)
    assert {e.pk for e in context["evidence"]} == {shown.pk, marked.pk} and context["hidden_evidence"] == 0


def test_a_seated_member_opens_their_packet_and_the_opening_is_logged(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    response = client.get(reverse("discipline:panel-packet", args=[panel.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    read = SensitiveRead.objects.get(kind=SensitiveRead.Kind.HEARING_PACKET)
    assert (read.user, read.object_id, read.case_number) == (board_members[0], panel.pk, case.number)


def test_a_member_off_the_panel_gets_no_packet(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(outsider())
    assert client.get(reverse("discipline:panel-packet", args=[panel.pk])).status_code == 404
    assert not SensitiveRead.objects.filter(kind=SensitiveRead.Kind.HEARING_PACKET).exists()


# Evidence from the hearing view


def test_a_member_opens_the_evidence_behind_a_finding_and_custody_records_it(
    client, intake_user, director, investigator, board_members
):
    _case, panel, shown, _marked = panel_with_evidence(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    html = client.get(reverse("discipline:panel-detail", args=[panel.pk])).content.decode()
    url = reverse("discipline:panel-evidence-file", args=[panel.pk, shown.pk])
    assert url in html and "1 item withheld: marked material you may not read." in html
    response = client.get(url)
    assert response.status_code == 200
    assert CustodyEvent.objects.filter(evidence=shown, action="downloaded", actor=board_members[0]).exists()
    assert SensitiveRead.objects.filter(kind=SensitiveRead.Kind.EVIDENCE_FILE, object_id=shown.pk).exists()


def test_marked_evidence_is_a_404_for_a_member(client, intake_user, director, investigator, board_members):
    _case, panel, _shown, marked = panel_with_evidence(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    assert client.get(reverse("discipline:panel-evidence-file", args=[panel.pk, marked.pk])).status_code == 404


# The API


def test_the_director_schedules_through_the_api(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(director)
    url = f"/api/v1/board/panels/{panel.pk}/hearings/"
    starts_at = (timezone.now() + timedelta(days=30)).isoformat()
    response = client.post(url, {"starts_at": starts_at, "place": "City Hall"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "scheduled"
    client.force_login(board_members[0])
    assert [h["place"] for h in client.get(url).json()] == ["City Hall"]


def test_the_api_refuses_short_notice_by_field(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(director)
    starts_at = (timezone.now() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/api/v1/board/panels/{panel.pk}/hearings/",
        {"starts_at": starts_at, "place": "City Hall"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "starts_at" in response.json()


def test_a_member_cannot_schedule_through_the_api(client, intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    starts_at = (timezone.now() + timedelta(days=30)).isoformat()
    response = client.post(
        f"/api/v1/board/panels/{panel.pk}/hearings/",
        {"starts_at": starts_at, "place": "City Hall"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_packet_carries_the_stored_investigation_report_page_for_page(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    investigation = investigation_report_render(investigation_id=case.investigation.pk)
    with investigation.report_pdf.open("rb") as stored:
        report_pages = len(pikepdf.open(stored).pages)
    client.force_login(board_members[0])
    response = client.get(reverse("discipline:panel-packet", args=[panel.pk]))
    packet = pikepdf.open(BytesIO(response.content))
    text = " ".join(pdf_text(response.content).split())
    assert "follows the last page of this packet" in text
    assert report_pages >= 1 and len(packet.pages) > report_pages
    with investigation.report_pdf.open("rb") as stored:
        report_text = " ".join(pdf_text(stored.read()).split())
    assert text.endswith(report_text)


def test_a_packet_without_a_rendered_report_says_so(intake_user, director, investigator, board_members):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    html = render_to_string("discipline/hearing_packet_pdf.html", packet_context(panel, board_members[0]))
    assert "The investigation report has not been rendered yet" in html
