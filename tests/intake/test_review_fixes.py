"""Rules that a review of the merged intake work found open, each closed and proved here."""

import pytest
from django.test import Client

from intake.allegation_types import allegation_type_update
from intake.exceptions import RuleViolation
from intake.models import Case, FilerMessage, ReconsiderationRequest
from intake.reconsideration import reconsideration_request
from intake.services import allegation_add, case_close, case_decide
from tests.factories import AllegationTypeFactory, ChiefFactory, file_complaint, mandatory_type
from tests.intake.public import file_through_form, unlock

pytestmark = pytest.mark.django_db


def test_a_case_naming_the_chief_cannot_be_routed_away(intake_user):
    case = file_complaint()
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=ChiefFactory(), actor=intake_user, reason="x"
    )
    with pytest.raises(RuleViolation, match="Chief of Police"):
        case_decide(case=case, decision="dismissal", reason="x", actor=intake_user)
    assert (
        case_decide(case=case, decision="investigate", reason="R1.7", actor=intake_user).status
        == "awaiting_investigation"
    )


def test_the_mandatory_category_binds_from_the_decision_and_a_used_type_keeps_its_category(intake_user, director):
    case = file_complaint()
    kind = mandatory_type()
    allegation_add(case=case, allegation_type=kind, actor=intake_user, reason="x")
    case = case_decide(case=case, decision="investigate", reason="Force with injury", actor=intake_user)
    assert case.mandatory_category == "force_with_injury"
    with pytest.raises(RuleViolation, match="cannot change"):
        allegation_type_update(
            allegation_type=kind, name=kind.name, is_active=True, mandatory_category="", actor=director, reason="x"
        )
    renamed = allegation_type_update(
        allegation_type=kind,
        name="Force causing injury",
        is_active=True,
        mandatory_category=kind.mandatory_category,
        actor=director,
        reason="Clearer name",
    )
    assert renamed.name == "Force causing injury"


def test_no_reconsideration_once_the_case_has_moved_on(intake_user, director):
    case = file_complaint(contact_email="filer@example.org")
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="mediation", reason="Both agreed", actor=intake_user)
    case_close(case=case, actor=intake_user, reason="Mediated")
    with pytest.raises(RuleViolation, match="moved on"):
        reconsideration_request(case=case, complaint=case.complaints.get(), reason="Please")
    assert not ReconsiderationRequest.objects.exists()


def test_the_decision_letter_is_on_the_status_page_even_for_a_filer_who_asked_not_to_be_contacted(client, intake_user):
    case, code = file_through_form(Client(), contact_method="none", contact_phone="503-555-0100")
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="dismissal", reason="Outside our jurisdiction", actor=intake_user)
    message = FilerMessage.objects.get(complaint__case=case)
    assert message.notice is not None and "Outside our jurisdiction" in message.body
    unlock(client, case, code)
    page = client.get("/complaints/status/").content.decode()
    assert "Outside our jurisdiction" in page and "right to ask the Director to reconsider" in page


def test_the_access_code_is_shown_once_then_the_session_forgets_it(client):
    case, code = file_through_form(client)
    again = client.get("/complaints/filed/").content.decode()
    assert case.number in again and code not in again and 'id="access-code-missing"' in again


def test_additions_from_a_status_page_are_limited_per_address_with_the_phone_named(client, settings):
    settings.STATUS_ADD_RATE_LIMIT = 2
    case, code = file_through_form(Client())
    unlock(client, case, code)
    for n in range(2):
        assert client.post("/complaints/status/add/", {"body": f"Note {n}"}).status_code == 302
    limited = client.post("/complaints/status/add/", {"body": "Note 3"})
    assert limited.status_code == 429
    assert settings.OFFICE_PHONE in limited.content.decode() and "Note 3" in limited.content.decode()
    assert FilerMessage.objects.filter(complaint__case=case, direction="from_filer").count() == 2
    assert Case.objects.count() == 1


def test_intake_staff_give_a_filer_who_lost_the_code_a_new_one_and_the_old_one_stops_working(client, intake_user):
    import re

    case, old = file_through_form(Client())
    complaint = case.complaints.get()
    client.force_login(intake_user)
    page = client.post(
        f"/complaints/staff/cases/{case.pk}/access-code/", {"complaint": complaint.pk}, follow=True
    ).content.decode()
    new = re.search(r"access code (\S+) for their status page", page).group(1)
    assert new != old
    filer = Client()
    assert unlock(filer, case, old).status_code == 400
    assert unlock(filer, case, new).status_code == 302
    last = complaint.history.order_by("-history_date").first()
    assert (last.history_user, last.history_change_reason) == (
        intake_user,
        "Filer lost the access code; new code given",
    )
