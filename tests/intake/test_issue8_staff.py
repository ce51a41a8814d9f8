"""Staff-side defects found in the browser (issue 8): one effective mandatory category everywhere,
decision forms that offer only what the law allows, the complaint's incident line, and who did what
on the timeline."""

import re
import uuid
from datetime import date, datetime, time

import pytest
import time_machine
from django.test import Client

from intake.exceptions import RuleViolation
from intake.models import Case
from intake.reconsideration import reconsideration_request
from intake.services import allegation_add, case_categorize, case_decide, complaint_file
from intake.timeline import case_timeline
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_investigating, case_received
from tests.factories import AllegationTypeFactory, ChiefFactory, complaint_data, mandatory_type

pytestmark = pytest.mark.django_db

NOV_20 = datetime(2026, 11, 20, 10, 0, tzinfo=PACIFIC)


def _page(client, user, case, section="decision"):
    client.force_login(user)
    return client.get(f"/complaints/staff/cases/{case.pk}/{section}/")


def _text(html):
    """The page as a person reads it: tags out, runs of white space as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def carried(intake_user):
    """A received case whose only category comes from its allegation type (force resulting in injury)."""
    with time_machine.travel(NOV_20, tick=False):
        return case_received(intake_user, allegation_type=mandatory_type())


# 1. One effective mandatory category


def test_clearing_a_category_an_allegation_type_carries_is_refused_and_says_why(carried, intake_user):
    case_categorize(case=carried, mandatory_category="deadly_force", actor=intake_user, reason="Shots fired")
    with pytest.raises(RuleViolation, match="“Force resulting in injury” carries the mandatory category"):
        case_categorize(case=carried, mandatory_category="", actor=intake_user, reason="Mistake")
    carried.refresh_from_db()
    assert carried.mandatory_category == "deadly_force"


def test_clearing_nothing_is_refused_too_while_the_allegation_type_carries_a_category(carried, intake_user):
    with pytest.raises(RuleViolation, match="keeps that category while the allegation stands"):
        case_categorize(case=carried, mandatory_category="", actor=intake_user, reason="Mistake")


def test_a_category_no_allegation_carries_can_still_be_cleared(intake_user):
    case = case_received(intake_user)
    case_categorize(case=case, mandatory_category="discrimination", actor=intake_user, reason="x")
    case = case_categorize(case=case, mandatory_category="", actor=intake_user, reason="Entered by mistake")
    assert case.mandatory_category == ""


def test_the_queue_the_api_and_the_case_page_show_the_same_category(client, carried, intake_user):
    client.force_login(intake_user)
    queue = client.get("/complaints/staff/").content.decode()
    row = re.search(rf"{carried.number}</a></th>.*?</tr>", queue, re.S).group(0)
    assert "Force resulting in injury" in row
    assert client.get(f"/api/v1/cases/{carried.pk}/").json()["mandatory_category"] == "force_with_injury"
    assert client.get("/api/v1/cases/").json()["results"][0]["mandatory_category"] == "force_with_injury"
    page = client.get(f"/complaints/staff/cases/{carried.pk}/").content.decode()
    summary = re.search(r'id="case-category">(.*?)</dd>', page).group(1)
    assert summary == "Force resulting in injury (carried by an allegation type)"


def test_the_case_summary_shows_the_label_of_the_cases_own_category(client, intake_user):
    case = case_received(intake_user)
    case_categorize(case=case, mandatory_category="constitutional_rights", actor=intake_user, reason="x")
    page = _page(client, intake_user, case).content.decode()
    assert re.search(r'id="case-category">(.*?)</dd>', page).group(1) == (
        "Violation of federal or state constitutional rights"
    )
    assert "constitutional_rights<" not in page


def test_the_category_form_names_the_allegation_type_and_does_not_offer_none(client, carried, intake_user):
    form = next(p for p in _page(client, intake_user, carried).context["parts"] if "category_form" in p)[
        "category_form"
    ]
    field = form.fields["mandatory_category"]
    assert "" not in [value for value, _label in field.choices]
    assert "“Force resulting in injury”" in str(field.help_text) and "while that allegation stands" in str(
        field.help_text
    )
    assert form.initial["mandatory_category"] == "force_with_injury"


def test_posting_a_clear_shows_the_reason_and_the_queue_keeps_the_category(client, carried, intake_user):
    client.force_login(intake_user)
    response = client.post(f"/complaints/staff/cases/{carried.pk}/category/", {"mandatory_category": ""}, follow=True)
    html = response.content.decode()
    assert "carries the mandatory category Force resulting in injury" in html
    assert "Category recorded." not in html
    row = client.get("/api/v1/cases/").json()["results"][0]
    assert row["mandatory_category"] == "force_with_injury"


def test_the_refused_decision_names_the_category_by_its_label(carried, intake_user):
    with pytest.raises(RuleViolation, match=r"\(Force resulting in injury\); it cannot be routed elsewhere"):
        case_decide(case=carried, decision="dismissal", reason="x", actor=intake_user)


# 2. Decisions offered are the decisions allowed


def _decision_choices(client, user, case):
    form = next(p for p in _page(client, user, case).context["parts"] if "decision_form" in p)["decision_form"]
    return [value for value, _label in form.fields["decision"].choices], str(form.fields["decision"].help_text)


def test_a_mandatory_category_case_is_offered_only_a_full_investigation(client, carried, intake_user):
    choices, why = _decision_choices(client, intake_user, carried)
    assert choices == ["investigate"]
    assert "category OCPA must investigate (Force resulting in injury)" in why


def test_a_case_naming_the_chief_is_offered_only_a_full_investigation(client, intake_user):
    case = case_received(intake_user, employee=ChiefFactory())
    choices, why = _decision_choices(client, intake_user, case)
    assert choices == ["investigate"] and "Chief of Police" in why


def test_an_ordinary_case_is_offered_all_six_decisions(client, intake_user):
    choices, why = _decision_choices(client, intake_user, case_received(intake_user))
    assert choices == list(Case.Decision.values) and why == ""


def test_the_service_still_refuses_a_decision_the_form_does_not_offer(client, carried, intake_user):
    client.force_login(intake_user)
    response = client.post(
        f"/complaints/staff/cases/{carried.pk}/decide/", {"decision": "dismissal", "reason": "x"}, follow=True
    )
    assert "it cannot be routed elsewhere" in response.content.decode()
    carried.refresh_from_db()
    assert (carried.status, carried.decision) == (Case.Status.RECEIVED, "")


def test_the_directors_reconsideration_form_offers_only_decisions_that_could_change_it(
    client, carried, intake_user, director
):
    with time_machine.travel(NOV_20, tick=False):
        case = case_decide(case=carried, decision="investigate", reason="Required", actor=intake_user)
        reconsideration_request(case=case, complaint=case.complaints.get(), reason="Please dismiss")
    section = next(s for s in _page(client, director, case).context["parts"] if "rows" in s)
    form = section["rows"][0][1]
    assert [value for value, _label in form.fields["new_decision"].choices] == [""]
    assert "it cannot be routed elsewhere" in str(form.fields["new_decision"].help_text)


def test_the_directors_reconsideration_form_leaves_out_the_current_decision(client, intake_user, director):
    with time_machine.travel(NOV_20, tick=False):
        case = case_decide(case=case_received(intake_user), decision="dismissal", reason="x", actor=intake_user)
        reconsideration_request(case=case, complaint=case.complaints.get(), reason="Please look again")
    section = next(s for s in _page(client, director, case).context["parts"] if "rows" in s)
    choices = [value for value, _label in section["rows"][0][1].fields["new_decision"].choices]
    assert choices == ["", *(d for d in Case.Decision.values if d != "dismissal")]


# 7. The incident line of a complaint


def _phoned_in(intake_user, **data):
    with time_machine.travel(NOV_20, tick=False):
        complaint = complaint_file(
            data=complaint_data(incident_on=date(2026, 11, 15), incident_place="SE Division", **data),
            submission_key=uuid.uuid4(),
            actor=intake_user,
            channel="phone",
        )
    allegation_add(case=complaint.case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    return complaint.case


def test_the_incident_line_has_no_space_before_the_comma(client, intake_user):
    case = _phoned_in(intake_user)
    text = _text(_page(client, intake_user, case, "complaint").content.decode())
    assert "incident on 2026-11-15, SE Division" in text


def test_the_incident_time_stands_between_the_date_and_the_comma(client, intake_user):
    case = _phoned_in(intake_user, incident_time=time(14, 30))
    html = _page(client, intake_user, case, "complaint").content.decode()
    assert "incident on 2026-11-15 14:30, SE Division" in _text(html)
    assert '<time class="site-date" datetime="2026-11-15">' in html


# 8. Who did it: the filer, a staff member, or the Oversight System


def test_a_report_the_system_rendered_is_by_the_oversight_system(intake_user, director, investigator):
    from investigations.services import finding_record, investigation_report_render

    with time_machine.travel(NOV_20, tick=False):
        case = case_investigating(intake_user, director, investigator)
        for allegation in case.allegations.all():
            finding_record(allegation=allegation, outcome="unfounded", rationale="Video", actor=investigator)
        investigation_report_render(investigation_id=case.investigation.pk)
    rendered = [e for e in case_timeline(case=case, user=director) if e.why == "Investigation report rendered"]
    assert [e.who for e in rendered] == ["Oversight System"]


def test_a_web_filing_and_what_the_filer_adds_later_are_by_the_filer(intake_user, director):
    from tests.intake.public import file_through_form, photo, unlock

    filer = Client()
    with time_machine.travel(NOV_20, tick=False):
        case, code = file_through_form(filer, contact_email="filer@example.org", attachments=[photo()])
        unlock(filer, case, code)
        filer.post("/complaints/status/add/", {"body": "A neighbour filmed it."})
    who = {(e.part, e.why): e.who for e in case_timeline(case=case, user=director)}
    assert who[("Case", "Complaint received (web)")] == "Filer"
    assert who[("Complaint", "Complaint received")] == "Filer"
    assert who[("Filer's file", "File received from the filer")] == "Filer"
    assert who[("Message with the filer", "Information added by the filer")] == "Filer"
    assert "Filer or system" not in who.values()


def test_a_phoned_in_complaint_names_the_staff_member(intake_user, director):
    case = _phoned_in(intake_user)
    who = {(e.part, e.why): e.who for e in case_timeline(case=case, user=director)}
    assert who[("Case", "Complaint received (phone)")] == str(intake_user)
