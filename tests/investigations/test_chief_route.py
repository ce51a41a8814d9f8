"""The Chief of Police route (R1.7): OCPA investigates, the Mayor receives the findings with the
report and answers; the Board never hears, votes on or disciplines the Chief. A case that also
names Covered Employees sends theirs to the Board and the Chief's to the Mayor (issue 8.2)."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from discipline.guide import discipline_propose
from discipline.models import MisconductCategory, Panel, PanelResult, SanctionLevel
from discipline.services import panel_convene, panel_decide, vote_cast
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import allegation_add, case_decide
from intake.status import status_timeline
from investigations.mayor import mayor_response_record
from investigations.models import ChiefNotice, MayorReferral
from investigations.services import (
    chief_notice_send,
    finding_record,
    investigation_complete,
    investigation_open,
    investigation_report_render,
)
from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.notices.services import notice_deliver
from tests.case_page import case_page_text
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, file_complaint

pytestmark = pytest.mark.django_db

FILED = datetime(2026, 10, 5, 10, 0, tzinfo=PACIFIC)
COMPLETED = datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC)
ANSWERED = datetime(2026, 11, 30, 10, 0, tzinfo=PACIFIC)
NO_AUTHORITY = "no authority over the Chief of Police"


def _case(intake_user, director, investigator, *, covered_too=False):
    """A case investigated and completed: one allegation against the Chief (and one against an officer)."""
    with time_machine.travel(FILED, tick=False):
        case = file_complaint()
        chief = ChiefFactory()
        allegation_add(
            case=case, allegation_type=AllegationTypeFactory(), employee=chief, actor=intake_user, reason="Named"
        )
        if covered_too:
            allegation_add(
                case=case,
                allegation_type=AllegationTypeFactory(),
                employee=EmployeeFactory(),
                actor=intake_user,
                reason="Named",
            )
        case_decide(case=case, decision="investigate", reason="Chief route", actor=intake_user)
        chief_notice_send(
            case=case,
            actor=director,
            designee_name="Deputy City Administrator Lee",
            designee_email="designee@city.invalid",
        )
        investigation = investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    with time_machine.travel(COMPLETED, tick=False):
        for allegation in case.allegations.all():
            finding_record(
                allegation=allegation, outcome="out_of_policy", rationale="Body camera shows it", actor=investigator
            )
        investigation_complete(investigation=investigation, actor=investigator, reason="Findings complete")
        investigation_report_render(investigation_id=investigation.pk)
    case.refresh_from_db()
    return case


def _decided_about_chief(intake_user):
    """A case whose only allegation names the Chief, decided for investigation (call inside a time travel)."""
    case = file_complaint()
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=ChiefFactory(), actor=intake_user, reason="Named"
    )
    return case_decide(case=case, decision="investigate", reason="Chief route", actor=intake_user)


def _chief_allegation(case):
    return case.allegations.get(employee__badge_number="CHIEF")


# The notice before investigation ---------------------------------------------------------------
def test_the_notice_for_a_case_about_the_chief_needs_a_designee(intake_user, director):
    with time_machine.travel(FILED, tick=False):
        case = _decided_about_chief(intake_user)
        with pytest.raises(RuleViolation, match="name the designee"):
            chief_notice_send(case=case, actor=director)
        assert not ChiefNotice.objects.exists()


def test_the_notice_goes_to_the_designee_not_to_the_chief_about_himself(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    notice = case.chief_notice
    assert (notice.designee_name, notice.designee_email) == ("Deputy City Administrator Lee", "designee@city.invalid")
    assert (notice.notice.recipient_name, notice.notice.recipient_address) == (
        "Deputy City Administrator Lee",
        "designee@city.invalid",
    )
    assert not Notice.objects.filter(recipient_address="chief@police.invalid").exists()


def test_the_director_names_the_designee_on_the_case_page(client, intake_user, director):
    with time_machine.travel(FILED, tick=False):
        case = _decided_about_chief(intake_user)
        client.force_login(director)
        page = client.get(reverse("intake:case-detail", args=[case.pk])).content.decode()
        assert 'id="designee-form"' in page and "Send notice to the Chief</button>" not in page
        client.post(reverse("investigations:chief-notice-send", args=[case.pk]), {"designee_name": ""})
        assert not ChiefNotice.objects.exists()
        client.post(reverse("investigations:chief-notice-send", args=[case.pk]), {"designee_name": "A. Deputy"})
    assert ChiefNotice.objects.get().notice.recipient_name == "A. Deputy"


# Only the Chief: to the Mayor, never to the Board -------------------------------------------------
def test_completed_findings_on_the_chief_go_to_the_mayor_not_to_the_board(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    assert case.status == Case.Status.MAYOR_REVIEW
    referral = case.mayor_referral
    assert referral.is_pending and referral.sent_at is not None
    notice = referral.notice
    assert notice.recipient_name == "Office of the Mayor"
    assert "Finding: Out of Policy" in notice.body and "Rationale: Body camera shows it" in notice.body
    assert notice.attachment.name == case.investigation.report_pdf.name
    assert referral.history.filter(history_change_reason="Findings and report sent to the Mayor").exists()


def test_the_mayor_receives_the_report_attached_to_the_email(settings, intake_user, director, investigator):
    settings.MAYOR_EMAIL = "mayor@city.invalid"
    case = _case(intake_user, director, investigator)
    notice = case.mayor_referral.notice
    assert notice.channel == Notice.Channel.EMAIL
    assert notice_deliver(notice_id=notice.pk)
    (message,) = [m for m in mail.outbox if m.to == ["mayor@city.invalid"]]
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")


def test_rendering_the_report_twice_sends_the_mayor_one_notice(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    investigation_report_render(investigation_id=case.investigation.pk)
    assert Notice.objects.filter(dedupe_key=f"mayor-findings-{case.pk}").count() == 1


def test_every_panel_service_refuses_a_case_about_the_chief(intake_user, director, investigator, board_members):
    case = _case(intake_user, director, investigator)
    with pytest.raises(RuleViolation, match=NO_AUTHORITY):
        panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    assert not Panel.objects.exists()
    with pytest.raises(RuleViolation, match=NO_AUTHORITY):
        discipline_propose(
            allegation=_chief_allegation(case),
            category=MisconductCategory.objects.first(),
            level=SanctionLevel.objects.first(),
            just_cause="x",
            actor=director,
        )


def test_the_case_page_offers_no_panel_for_a_case_about_the_chief(
    client, intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator)
    client.force_login(director)
    page = client.get(reverse("intake:case-detail", args=[case.pk])).content.decode()
    assert 'id="mayor-referral"' in page and 'id="mayor-response-form"' in page
    assert "Convene" not in case_page_text(client, case)
    response = client.post(
        reverse("discipline:panel-convene", args=[case.pk]),
        {"members": [m.pk for m in board_members], "reason": "Hearing"},
        follow=True,
    )
    assert not Panel.objects.exists()
    assert any(NO_AUTHORITY in str(m) for m in response.context["messages"])


def test_a_case_naming_only_the_chief_never_reaches_a_panel_even_if_its_route_flag_is_wrong(
    intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator)
    Case.objects.filter(pk=case.pk).update(is_chief_route=False, status=Case.Status.FINDINGS_READY)  # a bad row
    with pytest.raises(RuleViolation, match=NO_AUTHORITY):
        panel_convene(case=Case.objects.get(pk=case.pk), members=board_members, actor=director, reason="Hearing")


def test_a_later_roster_change_does_not_move_an_allegation_between_board_and_mayor(intake_user):
    from oversight.roster.models import Employee

    with time_machine.travel(FILED, tick=False):
        officer = EmployeeFactory()
        case = file_complaint()
        allegation_add(
            case=case, allegation_type=AllegationTypeFactory(), employee=officer, actor=intake_user, reason="x"
        )
    Employee.objects.filter(pk=officer.pk).update(rank=Employee.Rank.CHIEF, is_covered=False)  # promoted later
    assert not case.allegations.get().is_against_chief
    from intake.chief import allegations_for_board

    assert allegations_for_board(case).count() == 1


def test_board_members_do_not_read_the_chiefs_allegations_through_the_api(
    client, intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator, covered_too=True)
    with time_machine.travel(ANSWERED, tick=False):
        panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
        client.force_login(board_members[0])
        body = client.get(f"/api/v1/cases/{case.pk}/").json()
    badges = [a["employee_badge"] for a in body["allegations"]]
    assert len(badges) == 1 and "CHIEF" not in badges


def test_ppb_never_sees_or_acknowledges_the_notice_sent_to_the_designee(
    client, intake_user, director, investigator, liaison
):
    from django.core.exceptions import PermissionDenied

    from investigations.services import chief_notice_acknowledge

    case = _case(intake_user, director, investigator)
    client.force_login(liaison)
    page = client.get(reverse("investigations:liaison-inbox")).content.decode()
    assert case.number not in page
    url = reverse("investigations:chief-notice-acknowledge", args=[case.chief_notice.pk])
    assert client.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        chief_notice_acknowledge(chief_notice=case.chief_notice, actor=liaison)


def test_the_mayors_response_is_on_the_case_timeline(intake_user, director, investigator):
    from intake.timeline import case_timeline

    case = _case(intake_user, director, investigator)
    with time_machine.travel(ANSWERED, tick=False):
        mayor_response_record(
            case=case, response="accepted", responded_on=date(2026, 11, 27), actor=director, reason="Mayor's letter"
        )
    entries = case_timeline(case=case, user=director)
    assert any(e.part == "Findings to the Mayor" and e.why == "Mayor's letter" for e in entries)


def test_the_api_shows_the_case_with_the_mayor(client, intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    client.force_login(director)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert (body["status"], body["is_chief_route"]) == ("mayor_review", True)


# The Mayor's response ----------------------------------------------------------------------------
def test_the_mayor_accepts_and_the_case_closes_with_that_outcome(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    with time_machine.travel(ANSWERED, tick=False):
        mayor_response_record(
            case=case,
            response="accepted",
            responded_on=date(2026, 11, 27),
            actor=director,
            reason="Mayor's letter of 27 November",
        )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.closed_at is not None
    referral = MayorReferral.objects.get(case=case)
    assert (referral.response, referral.responded_on, referral.recorded_by) == (
        "accepted",
        date(2026, 11, 27),
        director,
    )
    assert referral.history.latest("history_id").history_change_reason == "Mayor's letter of 27 November"


def test_the_mayor_choosing_another_entity_must_name_it(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    with time_machine.travel(ANSWERED, tick=False):
        with pytest.raises(RuleViolation, match="Name the investigating entity"):
            mayor_response_record(
                case=case, response="other_entity", responded_on=date(2026, 11, 27), actor=director, reason="x"
            )
        with pytest.raises(RuleViolation, match="must fall between the date the findings were sent and today"):
            mayor_response_record(
                case=case, response="accepted", responded_on=date(2026, 12, 25), actor=director, reason="x"
            )
        mayor_response_record(
            case=case,
            response="other_entity",
            other_entity="Oregon Department of Justice",
            responded_on=date(2026, 11, 27),
            actor=director,
            reason="Mayor's letter",
        )
        with pytest.raises(RuleViolation, match="already recorded"):
            mayor_response_record(
                case=case, response="accepted", responded_on=date(2026, 11, 27), actor=director, reason="x"
            )
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED
    assert MayorReferral.objects.get(case=case).other_entity == "Oregon Department of Justice"


def test_only_the_director_records_the_mayors_response(client, intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    url = reverse("investigations:mayor-response-record", args=[case.pk])
    form = {"response": "accepted", "responded_on": "2026-11-27", "reason": "Letter"}
    client.force_login(investigator)
    assert client.post(url, form).status_code == 403
    with time_machine.travel(ANSWERED, tick=False):
        client.force_login(director)
        client.post(url, form)
        page = client.get(reverse("intake:case-section", args=[case.pk, "investigation"])).content.decode()
    assert MayorReferral.objects.get(case=case).response == "accepted"
    assert 'id="mayor-response"' in page and "Findings accepted" in page


# Chief and Covered Employees in one case ------------------------------------------------------------
def test_a_mixed_case_sends_the_officers_to_the_board_and_the_chief_to_the_mayor(
    client, intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator, covered_too=True)
    assert case.status == Case.Status.FINDINGS_READY
    assert case.mayor_referral.sent_at is not None
    chief_allegation = _chief_allegation(case)
    officer_allegation = case.allegations.exclude(pk=chief_allegation.pk).get()
    with time_machine.travel(ANSWERED, tick=False):
        panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
        with pytest.raises(RuleViolation, match=NO_AUTHORITY):
            vote_cast(panel=panel, allegation=chief_allegation, finding="out_of_policy", actor=board_members[0])
        client.force_login(board_members[0])
        page = client.get(reverse("discipline:panel-detail", args=[panel.pk])).content.decode()
        assert f"a{officer_allegation.pk}-finding" in page and f"a{chief_allegation.pk}-finding" not in page
        url = reverse("discipline:vote-cast", args=[panel.pk, chief_allegation.pk])
        assert client.post(url, {f"a{chief_allegation.pk}-finding": "out_of_policy"}).status_code == 404
        for member in board_members:
            vote_cast(panel=panel, allegation=officer_allegation, finding="in_policy", actor=member)
        panel_decide(panel=panel, actor=director)
    assert list(PanelResult.objects.values_list("allegation_id", flat=True)) == [officer_allegation.pk]
    case.refresh_from_db()
    assert case.status == Case.Status.MAYOR_REVIEW  # the Board is done; the Mayor has not answered
    with time_machine.travel(ANSWERED, tick=False):
        mayor_response_record(
            case=case, response="accepted", responded_on=date(2026, 11, 27), actor=director, reason="Letter"
        )
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


def test_a_mixed_case_whose_mayor_answered_first_closes_with_the_board(
    intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator, covered_too=True)
    officer_allegation = case.allegations.exclude(pk=_chief_allegation(case).pk).get()
    with time_machine.travel(ANSWERED, tick=False):
        mayor_response_record(
            case=case, response="accepted", responded_on=date(2026, 11, 27), actor=director, reason="Letter"
        )
        assert Case.objects.get(pk=case.pk).status == Case.Status.FINDINGS_READY
        panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
        for member in board_members:
            vote_cast(panel=panel, allegation=officer_allegation, finding="in_policy", actor=member)
        panel_decide(panel=panel, actor=director)
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED


# The filer's status page --------------------------------------------------------------------------
def test_the_status_page_tells_the_chief_route_in_plain_words(intake_user, director, investigator):
    case = _case(intake_user, director, investigator)
    stages = {s["key"]: s for s in status_timeline(case)["stages"]}
    assert "board" not in stages
    assert stages["mayor"]["state"] == "current"
    assert "names the Chief of Police" in stages["mayor"]["text"]
    with time_machine.travel(ANSWERED, tick=False):
        mayor_response_record(
            case=case,
            response="other_entity",
            other_entity="Oregon Department of Justice",
            responded_on=date(2026, 11, 27),
            actor=director,
            reason="Letter",
        )
    case.refresh_from_db()
    stages = {s["key"]: s for s in status_timeline(case)["stages"]}
    assert stages["mayor"]["state"] == "done"
    assert stages["mayor"]["note"] == (
        "On Nov. 27, 2026 the Mayor chose another organization to investigate: Oregon Department of Justice."
    )


def test_the_mayors_answer_shows_as_done_while_the_board_still_works(
    intake_user, director, investigator, board_members
):
    case = _case(intake_user, director, investigator, covered_too=True)
    with time_machine.travel(ANSWERED, tick=False):
        panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
        mayor_response_record(
            case=case, response="accepted", responded_on=date(2026, 11, 27), actor=director, reason="Letter"
        )
    case.refresh_from_db()
    stages = {s["key"]: s for s in status_timeline(case)["stages"]}
    assert stages["board"]["state"] == "current"
    assert stages["mayor"]["state"] == "done"
    assert stages["mayor"]["note"] == "The Mayor accepted the findings on Nov. 27, 2026."


def test_a_chief_case_left_before_the_board_by_older_code_still_shows_its_status_page(
    intake_user, director, investigator
):
    case = _case(intake_user, director, investigator)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.FINDINGS_READY)  # as older code left it
    stages = {s["key"]: s["state"] for s in status_timeline(Case.objects.get(pk=case.pk))["stages"]}
    assert stages["mayor"] == "current" and "board" not in stages


def test_a_case_without_the_chief_shows_no_mayor_stage(intake_user, director, investigator):
    from tests.arrange import case_investigating

    with time_machine.travel(FILED, tick=False):
        case = case_investigating(intake_user, director, investigator)
    assert "mayor" not in [s["key"] for s in status_timeline(case)["stages"]]


def test_only_the_director_sends_the_notice_for_a_case_about_the_chief(intake_user, director):
    from django.core.exceptions import PermissionDenied

    with time_machine.travel(FILED, tick=False):
        case = _decided_about_chief(intake_user)
        with pytest.raises(PermissionDenied):
            chief_notice_send(case=case, actor=intake_user, designee_name="Someone")


def test_the_filer_reads_the_mayor_stage_on_the_status_page(client, intake_user, director, investigator):
    from intake.models import Complaint
    from tests.intake.public import unlock

    case = _case(intake_user, director, investigator)
    complaint = Complaint.objects.get(case=case)
    from intake.access import access_code_hash, access_code_new

    code = access_code_new()
    Complaint.objects.filter(pk=complaint.pk).update(access_code_hash=access_code_hash(code))
    unlock(client, case, code)
    page = client.get("/complaints/status/").content.decode()
    assert "Review by the Mayor" in page and "names the Chief of Police" in page
    assert "Community Board review" not in page
