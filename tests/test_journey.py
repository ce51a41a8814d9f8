"""One case through the whole law, every step through the staff portal's real views."""

import re

import pytest

from intake.models import Case
from investigations.models import RecordsRequest
from oversight.calendar.models import Deadline
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def _post(client, user, url, data=None):
    client.force_login(user)
    response = client.post(url, data or {})
    assert response.status_code == 302, (url, response.status_code)
    return client.get(response["Location"])


def test_a_complaint_walks_through_every_stage(client, intake_user, director, investigator, liaison, board_members):
    AllegationTypeFactory()
    officer = EmployeeFactory(badge_number="41234")
    ChiefFactory()
    form = client.get("/complaints/new/").content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', form).group(1)
    filed = client.post(
        "/complaints/new/",
        {
            "submission_key": key,
            "filer_type": "complainant",
            "narrative": "Pushed to the ground without warning.",
            "incident_on": "2026-11-01",
            "incident_place": "NE Alberta & 15th",
        },
        follow=True,
    )
    number = re.search(rb'id="case-number">(\d{4}-\d{5})<', filed.content).group(1).decode()
    case = Case.objects.get(number=number)
    base = f"/complaints/staff/cases/{case.pk}"

    page = _post(
        client,
        intake_user,
        f"{base}/allegations/",
        {"allegation_type": AllegationTypeFactory().pk, "employee": "41234", "reason": "From the narrative"},
    )
    assert str(officer.last_name).encode() in page.content
    _post(client, intake_user, f"{base}/decide/", {"decision": "investigate", "reason": "Community concern"})
    _post(client, director, f"/staff/investigations/cases/{case.pk}/chief-notice/")
    _post(
        client,
        director,
        f"/staff/investigations/cases/{case.pk}/open/",
        {"investigator": investigator.pk, "reason": "Assigned"},
    )
    case.refresh_from_db()
    assert case.status == Case.Status.INVESTIGATING
    assert Deadline.objects.filter(rule="investigation_180d").exists()

    _post(
        client,
        investigator,
        f"/staff/investigations/{case.investigation.pk}/records-requests/",
        {"records_sought": "BWC footage"},
    )
    request = RecordsRequest.objects.get()
    client.force_login(liaison)
    inbox = client.get("/staff/investigations/ppb/requests/")
    assert f"/ppb/requests/{request.pk}/".encode() in inbox.content
    record = request.records.get()
    client.post(
        f"/staff/investigations/ppb/requests/{request.pk}/records/{record.pk}/answer/",
        {
            f"r{record.pk}-outcome": "withheld",
            f"r{record.pk}-reason": "Open criminal case",
            f"r{record.pk}-legal_justification": "ORS 192.345(3)",
        },
    )
    request.refresh_from_db()
    assert request.status == RecordsRequest.Status.ANSWERED

    allegation = case.allegations.get()
    _post(
        client,
        investigator,
        f"/staff/investigations/allegations/{allegation.pk}/finding/",
        {"outcome": "out_of_policy", "rationale": "Footage shows an unprovoked push"},
    )
    _post(
        client,
        investigator,
        f"/staff/investigations/{case.investigation.pk}/complete/",
        {"reason": "Findings complete"},
    )
    _post(
        client,
        director,
        f"/board/cases/{case.pk}/panel/",
        {"members": [m.pk for m in board_members], "reason": "Hearing set"},
    )
    panel = case.panels.get()
    for member in board_members:
        _post(
            client,
            member,
            f"/board/panels/{panel.pk}/allegations/{allegation.pk}/vote/",
            {f"a{allegation.pk}-finding": "out_of_policy"},
        )
    page = _post(client, board_members[0], f"/board/panels/{panel.pk}/decide/", {"confirm_complete": "1"})
    assert b"Out of Policy (sustained)" in page.content
    # The panel adopts corrective action by vote (issue 9.7): the guide's least serious category, whose
    # presumptive sanction is corrective, is final when adopted (no Loudermill), so the case closes.
    from discipline.models import DisciplineProposal, MisconductCategory, SanctionLevel
    from tests.discipline.arrange_discipline import starter_guide

    starter_guide()
    category = MisconductCategory.objects.get(name__startswith="Category A")
    level = SanctionLevel.objects.get(name="Command counseling", guide=category.guide)
    _post(
        client,
        board_members[0],
        f"/board/panels/{panel.pk}/allegations/{allegation.pk}/proposals/",
        {
            f"d{allegation.pk}-category": category.pk,
            f"d{allegation.pk}-level": level.pk,
            f"d{allegation.pk}-just_cause": "Discourtesy bears on the officer's work with the public.",
        },
    )
    proposal = DisciplineProposal.objects.get(allegation=allegation)
    for member in board_members[:2]:
        _post(client, member, f"/board/discipline/proposals/{proposal.pk}/vote/", {f"p{proposal.pk}-choice": "approve"})

    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    reasons = list(case.history.order_by("history_id").values_list("status", flat=True))
    assert reasons == [
        "received",
        "awaiting_investigation",
        "investigating",
        "findings_ready",
        "board_review",
        "discipline",
        "closed",
    ]


def test_a_rule_violation_in_a_form_becomes_a_message_not_an_error(client, intake_user):
    from tests.arrange import case_received
    from tests.factories import mandatory_type

    case = case_received(intake_user, allegation_type=mandatory_type())
    client.force_login(intake_user)
    page = client.post(
        f"/complaints/staff/cases/{case.pk}/decide/", {"decision": "mediation", "reason": "x"}, follow=True
    )
    assert b"cannot be routed elsewhere" in page.content
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_public_form_re_renders_with_errors_and_keeps_what_was_typed(client):
    page = client.post(
        "/complaints/new/",
        {
            "narrative": "Something happened",
            "incident_place": "Downtown",
            "submission_key": "5b2c1f7e-8d55-4ad4-9d45-1f5e22f9a3a1",
        },
    )
    assert page.status_code == 400
    assert b"Something happened" in page.content and b"Downtown" in page.content
    assert b'aria-invalid="true"' in page.content
    assert Case.objects.count() == 0


def test_double_submitted_public_form_creates_one_case(client):
    data = {
        "submission_key": "0c6a1c39-5d8f-4f35-b1a4-0b0e0c3e3f11",
        "filer_type": "third_party",
        "narrative": "Saw it happen",
        "incident_on": "2026-11-02",
        "incident_place": "Pioneer Square",
    }
    first = client.post("/complaints/new/", data, follow=True)
    second = client.post("/complaints/new/", data, follow=True)
    assert Case.objects.count() == 1
    number = Case.objects.get().number.encode()
    assert number in first.content and number in second.content
