"""Following a complaint: the status page, additions, staff messages and the survey (R1.4, R1.10, R6.3)."""

import uuid

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from intake.exceptions import RuleViolation
from intake.filer_notices import filer_notice_send
from intake.filing import filer_message_send, survey_answer
from intake.models import Case, Complaint, FilerMessage, SurveyAnswer
from intake.services import case_close, case_decide
from intake.status import status_timeline
from oversight.calendar.models import Deadline
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_deliver
from tests.arrange import case_before_panel, case_investigating, case_received

from .public import document, file_through_form, photo, program, unlock

pytestmark = pytest.mark.django_db


def _second_filer_on(case, **fields):
    """Another filer's complaint about the same incident (grouping is staff intake's; arranged directly)."""
    from intake.access import access_code_hash, access_code_new

    code = access_code_new()
    complaint = Complaint(
        case=case,
        submission_key=uuid.uuid4(),
        filer_type="third_party",
        narrative="I saw it too.",
        incident_on="2026-11-01",
        incident_place="SE Hawthorne & 39th",
        received_at=case.received_at,
        access_code_hash=access_code_hash(code),
        **fields,
    )
    return save_audited(complaint, actor=None, reason="Test arrangement"), code


def test_the_right_case_number_and_code_open_the_status_page(client):
    case, code = file_through_form(Client())
    response = unlock(client, case, code.lower().replace("-", " "))
    assert response.status_code == 302
    page = client.get("/complaints/status/").content.decode()
    assert f"Your complaint {case.number}" in page and 'id="timeline"' in page


def test_a_wrong_code_and_an_unknown_number_get_the_same_generic_message(client):
    case, _code = file_through_form(Client())
    wrong = client.post("/complaints/status/", {"case_number": case.number, "access_code": "AAAA-BBBB-CCCC"})
    unknown = client.post("/complaints/status/", {"case_number": "1999-00001", "access_code": "AAAA-BBBB-CCCC"})
    message = b"That case number and access code do not match."
    assert wrong.status_code == unknown.status_code == 400
    assert message in wrong.content and message in unknown.content
    assert b"Your complaint" not in client.get("/complaints/status/").content


def test_guessing_is_rate_limited_even_for_the_right_code(client, settings):
    settings.STATUS_RATE_LIMIT, settings.OFFICE_PHONE = 3, "503-555-0100"
    case, code = file_through_form(Client())
    for _ in range(3):
        client.post("/complaints/status/", {"case_number": case.number, "access_code": "AAAA-BBBB-CCCC"})
    limited = unlock(client, case, code)
    assert limited.status_code == 429 and b"503-555-0100" in limited.content
    assert unlock(Client(REMOTE_ADDR="10.0.0.7"), case, code).status_code == 302


def test_the_status_link_prefills_the_case_number(client):
    page = client.get("/complaints/status/?case=2026-00042").content.decode()
    assert 'value="2026-00042"' in page


def test_each_filer_on_a_shared_case_sees_only_their_own_messages(client, intake_user):
    case, code = file_through_form(Client())
    mine = case.complaints.get()
    theirs, their_code = _second_filer_on(case)
    filer_message_send(complaint=theirs, body="Only for the second filer", actor=intake_user)
    filer_message_send(complaint=mine, body="Only for the first filer", actor=intake_user)
    unlock(client, case, code)
    page = client.get("/complaints/status/").content.decode()
    assert "Only for the first filer" in page and "Only for the second filer" not in page
    other = Client()
    unlock(other, case, their_code)
    page = other.get("/complaints/status/").content.decode()
    assert "Only for the second filer" in page and "Only for the first filer" not in page


def test_a_filer_adds_information_and_files_that_staff_see_on_the_case(client, intake_user):
    case, code = file_through_form(client)
    response = client.post("/complaints/status/add/", {"body": "I found the bus number: 14.", "attachments": [photo()]})
    assert response.status_code == 302
    message = FilerMessage.objects.get(direction=FilerMessage.Direction.FROM_FILER)
    assert message.attachments.get().file_name == "photo.png"
    assert message.history.get().history_change_reason == "Information added by the filer"
    client.force_login(intake_user)
    page = client.get(f"/complaints/staff/cases/{case.pk}/complaint/").content.decode()
    assert "I found the bus number: 14." in page and "photo.png" in page


def test_a_rejected_addition_keeps_the_text(client):
    file_through_form(client)
    page = client.post("/complaints/status/add/", {"body": "Here is the video", "attachments": [program()]})
    assert page.status_code == 400
    assert "Here is the video" in page.content.decode() and "evil.exe" in page.content.decode()
    assert not FilerMessage.objects.exists()


def test_nothing_is_added_without_an_unlocked_complaint(client):
    file_through_form(Client())
    response = client.post("/complaints/status/add/", {"body": "hello"})
    assert response.status_code == 302 and response["Location"] == "/complaints/status/"
    assert not FilerMessage.objects.exists()


def test_locking_forgets_the_unlocked_complaint_and_the_code(client):
    file_through_form(client)
    client.post("/complaints/status/lock/")
    assert b"Open my status page" in client.get("/complaints/status/").content
    assert client.get("/complaints/filed/").status_code == 302


def test_staff_message_is_an_email_notice_and_shows_on_the_status_page(
    client, intake_user, django_capture_on_commit_callbacks
):
    case, code = file_through_form(Client(), contact_email="ana@example.org", language="es", contact_method="email")
    complaint = case.complaints.get()
    client.force_login(intake_user)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            f"/complaints/staff/cases/{case.pk}/filer-messages/",
            {"complaint": complaint.pk, "body": "Can you call us about the video?"},
        )
    assert len(callbacks) == 1  # delivery waits for the commit
    message = FilerMessage.objects.get()
    notice = message.notice
    assert (notice.channel, notice.recipient_address, notice.about) == (
        Notice.Channel.EMAIL,
        "ana@example.org",
        complaint,
    )
    assert "Can you call us about the video?" in notice.body and "/complaints/status/?case=" in notice.body
    assert notice_deliver(notice_id=notice.pk)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    client.logout()
    unlock(client, case, code)
    assert "Can you call us about the video?" in client.get("/complaints/status/").content.decode()


def test_notices_to_a_filer_are_written_in_the_filers_language(intake_user):
    case, _code = file_through_form(Client(), contact_email="ana@example.org", language="so")
    seen = []

    def compose():
        seen.append(translation.get_language())
        return "subject", "body"

    filer_notice_send(case.complaints.get(), compose, actor=intake_user)
    assert seen == ["so"]


def test_a_message_to_an_anonymous_filer_is_logged_for_the_status_page(intake_user):
    case, _code = file_through_form(Client())
    message = filer_message_send(complaint=case.complaints.get(), body="Thank you", actor=intake_user)
    assert message.notice.channel == Notice.Channel.PORTAL
    assert message.notice.status == Notice.Status.SENT


def test_an_investigator_writes_only_to_filers_of_their_cases(client, intake_user, director, investigator):
    from oversight.accounts.roles import Role
    from tests.conftest import make_user

    case = case_investigating(intake_user, director, investigator)
    complaint = case.complaints.get()
    other = make_user(Role.INVESTIGATOR, username="inv-other")
    client.force_login(other)
    url = f"/complaints/staff/cases/{case.pk}/filer-messages/"
    assert client.post(url, {"complaint": complaint.pk, "body": "x"}).status_code == 404
    client.force_login(investigator)
    assert client.post(url, {"complaint": complaint.pk, "body": "Hello"}).status_code == 302
    assert FilerMessage.objects.get(body="Hello").author == investigator


def test_staff_cannot_write_to_a_complaint_of_another_case(client, intake_user):
    first, second = case_received(intake_user), case_received(intake_user)
    client.force_login(intake_user)
    url = f"/complaints/staff/cases/{first.pk}/filer-messages/"
    assert client.post(url, {"complaint": second.complaints.get().pk, "body": "x"}).status_code == 404


def test_the_acknowledgement_links_to_the_status_page_and_never_carries_the_code(client):
    case, code = file_through_form(client, contact_email="ana@example.org", language="ru")
    notice = Notice.objects.get()
    assert f"/complaints/status/?case={case.number}" in notice.body
    assert code not in notice.body and code not in notice.subject


def test_a_filer_who_asked_for_letters_gets_a_postal_acknowledgement(client):
    file_through_form(client, contact_address="1 Main St\nPortland OR 97214", contact_method="mail")
    notice = Notice.objects.get()
    assert (notice.channel, notice.recipient_address) == (Notice.Channel.POSTAL, "1 Main St\nPortland OR 97214")


def test_a_filer_who_asked_not_to_be_contacted_gets_no_acknowledgement(client):
    file_through_form(client, contact_email="ana@example.org", contact_method="none")
    assert not Notice.objects.exists()


def test_timeline_shows_the_investigation_due_date_from_the_deadline_engine(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    deadline = Deadline.objects.get(rule=Deadline.Rule.INVESTIGATION_180D)
    stages = {s["key"]: s for s in status_timeline(case)["stages"]}
    assert [stages[k]["state"] for k in ("received", "decision", "investigation", "board", "closed")] == [
        "done",
        "done",
        "current",
        "upcoming",
        "upcoming",
    ]
    assert stages["investigation"]["expected_at"] == deadline.due_at


def test_timeline_of_a_case_routed_away_skips_investigation_and_board(intake_user):
    case = case_received(intake_user)
    case_decide(case=case, decision="mediation", reason="Both agreed", actor=intake_user)
    case.refresh_from_db()
    timeline = status_timeline(case)
    assert timeline["routed_away"] and timeline["decision"] == "Mediation"
    assert [s["state"] for s in timeline["stages"]] == ["done", "done", "skipped", "skipped", "current"]


def _close_routed_away(case, actor):
    case_decide(case=case, decision="mediation", reason="Both agreed", actor=actor)
    case_close(case=case, actor=actor, reason="Mediated")


def test_closing_invites_each_filer_with_contact_to_the_survey_once(intake_user):
    case, _code = file_through_form(Client(), contact_email="ana@example.org")
    _second_filer_on(case)  # anonymous: nothing owed
    _second_filer_on(case, contact_email="no@example.org", contact_method="none")
    from intake.services import allegation_add
    from tests.factories import AllegationTypeFactory

    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    _close_routed_away(case, intake_user)
    case_close(case=case, actor=intake_user, reason="Again")
    surveys = Notice.objects.filter(dedupe_key__startswith="survey-invite:")
    # Every filer reads the closing letter on their status page (R1.4); only ana asked to be written to.
    assert surveys.count() == 3
    assert [n.recipient_address for n in surveys.exclude(channel=Notice.Channel.PORTAL)] == ["ana@example.org"]
    assert "/complaints/status/?case=" in surveys.get(channel=Notice.Channel.EMAIL).body


def test_a_case_closed_by_a_panel_also_invites_the_filer(intake_user, director, investigator, board_members):
    from discipline.services import panel_decide, vote_cast

    case, panel = case_before_panel(intake_user, director, investigator, board_members, outcome="in_policy")
    complaint = case.complaints.get()
    complaint.contact_email = "ana@example.org"
    save_audited(complaint, actor=intake_user, reason="Contact added", update_fields=["contact_email"])
    allegation = case.allegations.get()
    for member in board_members:
        vote_cast(panel=panel, allegation=allegation, finding="in_policy", actor=member)
    panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert Notice.objects.filter(dedupe_key=f"survey-invite:{complaint.pk}").exists()


def test_the_survey_opens_at_closure_and_takes_one_answer(client, intake_user):
    case, code = file_through_form(client)
    assert b'id="survey"' not in client.get("/complaints/status/").content
    from intake.services import allegation_add
    from tests.factories import AllegationTypeFactory

    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    _close_routed_away(case, intake_user)
    assert b'id="survey"' in client.get("/complaints/status/").content
    answers = {"ease_of_filing": "5", "kept_informed": "3", "treated_fairly": "4", "overall": "4", "comments": "ok"}
    client.post("/complaints/status/survey/", answers)
    answer = SurveyAnswer.objects.get()
    assert (answer.ease_of_filing, answer.kept_informed, answer.comments) == (5, 3, "ok")
    client.post("/complaints/status/survey/", answers)
    assert SurveyAnswer.objects.count() == 1
    assert b'id="survey"' not in client.get("/complaints/status/").content


def test_the_survey_cannot_be_answered_before_closure(client):
    case, _code = file_through_form(client)
    with pytest.raises(RuleViolation):
        survey_answer(complaint=case.complaints.get(), answers={"overall": 5})


def test_a_survey_rating_outside_one_to_five_is_refused(client, intake_user):
    case, _code = file_through_form(client)
    from intake.services import allegation_add
    from tests.factories import AllegationTypeFactory

    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    _close_routed_away(case, intake_user)
    assert client.post("/complaints/status/survey/", {"overall": "9"}).status_code == 400
    assert not SurveyAnswer.objects.exists()


def test_filers_files_reach_only_staff_who_see_the_case_as_a_download(client, intake_user, liaison):
    case, _code = file_through_form(client, attachments=[document()])
    attachment = case.complaints.get().attachments.get()
    url = f"/complaints/staff/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 302  # the filer's own browser, anonymous: to the login page
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    client.force_login(liaison)
    assert client.get(url).status_code == 403
    client.force_login(intake_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"


def test_survey_answers_are_summarised_for_the_report(client, intake_user):
    import datetime

    from django.utils import timezone

    from intake.services import allegation_add
    from intake.status import survey_summary
    from tests.factories import AllegationTypeFactory

    case, _code = file_through_form(client)
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    _close_routed_away(case, intake_user)
    survey_answer(complaint=case.complaints.get(), answers={"overall": 4, "kept_informed": 2})
    now = timezone.now()
    summary = survey_summary(
        answered_from=now - datetime.timedelta(days=1), answered_to=now + datetime.timedelta(days=1)
    )
    assert (summary["count"], summary["overall"], summary["kept_informed"], summary["ease_of_filing"]) == (
        1,
        4,
        2,
        None,
    )


# Reconsideration from the status page (R1.9)


def _dismissed(intake_user, client):
    from tests.factories import AllegationTypeFactory

    case, code = file_through_form(Client(), contact_email="filer@example.org")
    from intake.services import allegation_add

    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="dismissal", reason="No misconduct alleged", actor=intake_user)
    assert unlock(client, case, code).status_code == 302
    return case


def test_no_reconsideration_is_offered_before_a_decision(client):
    case, code = file_through_form(Client())
    unlock(client, case, code)
    assert 'id="reconsideration"' not in client.get("/complaints/status/").content.decode()


def test_the_filer_asks_the_director_to_reconsider_from_the_status_page(client, intake_user, director):
    from intake.models import ReconsiderationRequest
    from intake.reconsideration import reconsideration_decide

    case = _dismissed(intake_user, client)
    page = client.get("/complaints/status/").content.decode()
    assert "you have the right to ask the Director to reconsider" in page
    empty = client.post("/complaints/status/reconsider/", {"reason": "  "})
    assert empty.status_code == 400 and "This field is required." in empty.content.decode()
    for _ in range(2):  # a double submit records one request
        assert client.post("/complaints/status/reconsider/", {"reason": "The video shows it"}).status_code == 302
    request = ReconsiderationRequest.objects.get()
    assert (request.case, request.entered_by, request.reason) == (case, None, "The video shows it")
    page = client.get("/complaints/status/").content.decode()
    assert 'id="reconsideration-pending"' in page and "Send my request to the Director" not in page

    reconsideration_decide(request=request, changed=False, reason="Nothing new", actor=director)
    page = client.get("/complaints/status/").content.decode()
    assert "The Director reconsidered and kept the decision: Dismissal." in page and "Nothing new" in page
