"""R2.10 certified access to PPB records, logged; R2.11 confidential and privileged marks."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from investigations.interviews import material_mark, ppb_record_open, prosecutor_export_build
from investigations.models import PpbRecordAccess
from investigations.services import evidence_receive, records_request_send, requested_record_answer
from oversight.accounts.roles import Role
from tests.arrange import case_investigating
from tests.case_page import case_page_text
from tests.conftest import make_user
from tests.investigations.test_records import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


@pytest.fixture
def produced(case, investigator, liaison):
    request = records_request_send(
        investigation=case.investigation, records_sought="Use-of-force report", actor=investigator
    )
    return requested_record_answer(record=request.records.get(), outcome="produced", upload=pdf(), actor=liaison)


def test_certified_investigator_opens_a_ppb_record_and_the_opening_is_logged(client, produced, investigator):
    client.force_login(investigator)
    assert client.get(f"/staff/investigations/records/{produced.pk}/file/").status_code == 200
    access = PpbRecordAccess.objects.get()
    assert (access.user, access.record) == (investigator, produced)


def test_an_expired_certification_refuses_the_opening(client, produced, investigator):
    investigator.ppb_records_certified_until = investigator.date_joined.date().replace(year=2020)
    investigator.save()
    with pytest.raises(PermissionDenied):
        ppb_record_open(record=produced, actor=investigator)
    client.force_login(investigator)
    assert client.get(f"/staff/investigations/records/{produced.pk}/file/").status_code == 403
    assert (
        b"needs a current certification"
        in client.get(f"/staff/investigations/ppb/requests/{produced.request_id}/").content
    )
    assert not PpbRecordAccess.objects.exists()


@pytest.fixture
def marked(case, investigator, director):
    confidential = evidence_receive(
        investigation=case.investigation,
        upload=pdf(),
        kind="document",
        description="CONFIDENTIAL-INFORMANT-NOTE",
        actor=investigator,
    )
    material_mark(obj=confidential, marking="confidential", actor=investigator, reason="Informant")
    privileged = evidence_receive(
        investigation=case.investigation,
        upload=pdf(),
        kind="document",
        description="PRIVILEGED-CITY-ATTORNEY-MEMO",
        actor=investigator,
    )
    material_mark(obj=privileged, marking="privileged", actor=director, reason="Attorney-client")
    return confidential, privileged


def test_only_the_director_marks_privileged(case, investigator):
    item = evidence_receive(
        investigation=case.investigation, upload=pdf(), kind="document", description="x", actor=investigator
    )
    with pytest.raises(PermissionDenied):
        material_mark(obj=item, marking="privileged", actor=investigator, reason="x")


def test_the_case_page_hides_marked_material_from_those_not_entitled(
    client, case, marked, investigator, director, intake_user
):
    seen = {}
    for user in (director, investigator, intake_user):
        client.force_login(user)
        seen[user.username] = case_page_text(client, case).encode()
    assert b"PRIVILEGED-CITY-ATTORNEY-MEMO" in seen["director"]
    assert b"CONFIDENTIAL-INFORMANT-NOTE" in seen["investigator"]
    assert b"PRIVILEGED-CITY-ATTORNEY-MEMO" not in seen["investigator"]
    assert b"CONFIDENTIAL-INFORMANT-NOTE" not in seen["intake_staff"]
    assert b"PRIVILEGED-CITY-ATTORNEY-MEMO" not in seen["intake_staff"]


def test_a_marked_file_is_404_for_those_not_entitled(client, marked, investigator, director):
    _confidential, privileged = marked
    client.force_login(investigator)
    assert client.get(f"/staff/investigations/evidence/{privileged.pk}/file/").status_code == 404
    client.force_login(director)
    assert client.get(f"/staff/investigations/evidence/{privileged.pk}/file/").status_code == 200


def test_marked_material_never_goes_to_a_prosecutor(case, marked, director):
    payload = json.dumps(prosecutor_export_build(case=case, office="MCDA", actor=director))
    assert "CONFIDENTIAL-INFORMANT-NOTE" not in payload and "PRIVILEGED-CITY-ATTORNEY-MEMO" not in payload
    assert json.loads(payload)["left_out"] == 2


def test_board_members_never_see_marked_material(client, intake_user, director, investigator, board_members):
    from tests.arrange import case_before_panel

    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    item = evidence_receive(
        investigation=case.investigation,
        upload=pdf(),
        kind="document",
        description="CONFIDENTIAL-X",
        actor=investigator,
    )
    material_mark(obj=item, marking="confidential", actor=investigator, reason="x")
    client.force_login(board_members[0])
    assert b"CONFIDENTIAL-X" not in client.get(f"/board/panels/{panel.pk}/").content
    assert client.get(f"/complaints/staff/cases/{case.pk}/").status_code == 403


def test_an_uncertified_new_investigator_is_refused(produced):
    rookie = make_user(Role.INVESTIGATOR, username="rookie", ppb_records_certified_until=None)
    with pytest.raises(PermissionDenied):
        ppb_record_open(record=produced, actor=rookie)
