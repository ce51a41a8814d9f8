import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from intake.exceptions import RuleViolation
from intake.models import Case, Complaint
from intake.services import allegation_add, case_categorize, case_close, case_decide, complaint_file
from oversight.notices.models import Notice
from tests.arrange import case_received
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, complaint_data, mandatory_type

pytestmark = pytest.mark.django_db


def test_filing_opens_a_case_with_a_number():
    complaint = complaint_file(data=complaint_data(), submission_key=uuid.uuid4())
    assert complaint.case.status == Case.Status.RECEIVED
    assert complaint.case.number.startswith(f"{complaint.case.received_at.year}-")


def test_the_same_submission_twice_creates_one_case():
    key = uuid.uuid4()
    first = complaint_file(data=complaint_data(), submission_key=key)
    second = complaint_file(data=complaint_data(), submission_key=key)
    assert first.pk == second.pk
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_of_one_form_create_one_case():
    key, results, barrier = uuid.uuid4(), [], threading.Barrier(2)

    def submit():
        barrier.wait()
        try:
            results.append(complaint_file(data=complaint_data(), submission_key=key).case_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    assert Case.objects.count() == 1


def test_anonymous_complaint_owes_no_notice():
    complaint_file(data=complaint_data(), submission_key=uuid.uuid4())
    assert Notice.objects.count() == 0


def test_complaint_with_email_logs_an_acknowledgement_notice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        complaint = complaint_file(data=complaint_data(contact_email="filer@example.org"), submission_key=uuid.uuid4())
    notice = Notice.objects.get()
    assert notice.recipient_address == "filer@example.org"
    assert complaint.case.number in notice.body
    assert len(callbacks) == 1  # delivery is enqueued only after commit


def test_filing_records_history_with_reason():
    complaint = complaint_file(data=complaint_data(), submission_key=uuid.uuid4())
    assert complaint.case.history.get().history_change_reason == "Complaint received (web)"


def test_staff_channel_needs_intake_staff(investigator):
    with pytest.raises(PermissionDenied):
        complaint_file(
            data=complaint_data(), submission_key=uuid.uuid4(), actor=investigator, channel=Complaint.Channel.PHONE
        )


def test_allegation_against_chief_puts_case_on_chief_route(intake_user):
    case = case_received(intake_user, employee=ChiefFactory())
    case.refresh_from_db()
    assert case.is_chief_route


def test_allegation_may_name_an_unidentified_officer(intake_user):
    case = case_received(intake_user, employee=None)
    assert case.allegations.get().employee is None


def test_allegation_against_a_non_covered_employee_is_refused(intake_user):
    case = case_received(intake_user)
    civilian = EmployeeFactory(is_covered=False)
    with pytest.raises(RuleViolation):
        allegation_add(
            case=case, allegation_type=AllegationTypeFactory(), employee=civilian, actor=intake_user, reason="x"
        )


@pytest.mark.parametrize(
    "decision", ["mediation", "informal_resolution", "supervisor_referral", "agency_referral", "dismissal"]
)
def test_mandatory_allegation_type_cannot_be_routed_away(intake_user, decision):
    case = case_received(intake_user, allegation_type=mandatory_type())
    with pytest.raises(RuleViolation, match="must investigate"):
        case_decide(case=case, decision=decision, reason="Minor", actor=intake_user)
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_mandatory_category_on_the_case_binds_it_to_investigation(intake_user):
    case = case_received(intake_user)
    case_categorize(case=case, mandatory_category="death_in_custody", actor=intake_user, reason="In custody death")
    with pytest.raises(RuleViolation):
        case_decide(case=case, decision="mediation", reason="x", actor=intake_user)


def test_mandatory_case_can_be_investigated(intake_user):
    case = case_received(intake_user, allegation_type=mandatory_type())
    case = case_decide(case=case, decision="investigate", reason="Mandatory", actor=intake_user)
    assert case.status == Case.Status.AWAITING_INVESTIGATION


def test_decision_records_who_and_why(intake_user):
    case = case_received(intake_user)
    case = case_decide(case=case, decision="mediation", reason="Both parties agree", actor=intake_user)
    assert (case.decision, case.decision_reason, case.decided_by) == ("mediation", "Both parties agree", intake_user)
    record = case.history.latest("history_id")
    assert (record.history_user, record.history_change_reason, record.status) == (
        intake_user,
        "Both parties agree",
        "resolved",
    )


def test_decision_needs_an_allegation(intake_user):
    case = complaint_file(data=complaint_data(), submission_key=uuid.uuid4()).case
    with pytest.raises(RuleViolation):
        case_decide(case=case, decision="dismissal", reason="x", actor=intake_user)


def test_deciding_twice_the_same_way_is_harmless(intake_user):
    case = case_received(intake_user)
    case_decide(case=case, decision="mediation", reason="x", actor=intake_user)
    case_decide(case=case, decision="mediation", reason="x", actor=intake_user)
    assert case.history.count() == 2  # created, decided


def test_investigator_cannot_make_the_case_handling_decision(intake_user, investigator):
    case = case_received(intake_user)
    with pytest.raises(PermissionDenied):
        case_decide(case=case, decision="dismissal", reason="x", actor=investigator)


def test_routed_case_closes(intake_user):
    case = case_received(intake_user)
    case_decide(case=case, decision="agency_referral", reason="Sheriff's deputy", actor=intake_user)
    case = case_close(case=case, actor=intake_user, reason="Referred")
    assert case.status == Case.Status.CLOSED and case.closed_at


def test_investigated_case_cannot_be_closed_at_intake(intake_user):
    case = case_received(intake_user)
    case_decide(case=case, decision="investigate", reason="x", actor=intake_user)
    with pytest.raises(RuleViolation):
        case_close(case=case, actor=intake_user, reason="x")
