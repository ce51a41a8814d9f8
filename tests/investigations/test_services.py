from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_decide
from investigations.models import FindingOutcome, Investigation
from investigations.services import (
    chief_notice_send,
    finding_record,
    investigation_complete,
    investigation_open,
    records_request_send,
)
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.notices.models import Notice
from tests.arrange import case_investigating, case_received
from tests.conftest import make_user
from tests.factories import ChiefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed_case(intake_user):
    case = case_received(intake_user)
    return case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)


def test_investigation_cannot_open_before_chief_notice(routed_case, director, investigator):
    with pytest.raises(RuleViolation, match="notice to the Chief"):
        investigation_open(case=routed_case, investigator=investigator, actor=director, reason="Assigned")
    assert not Investigation.objects.exists()


def test_chief_notice_is_a_logged_notice_to_the_chief(routed_case, director):
    chief = ChiefFactory()
    notice = chief_notice_send(case=routed_case, actor=director)
    logged = Notice.objects.get(pk=notice.notice_id)
    assert (notice.recipient, logged.recipient_address, logged.about) == (chief, chief.email, routed_case)


def test_chief_notice_only_after_routing_to_investigation(intake_user, director):
    ChiefFactory()
    case = case_received(intake_user)
    with pytest.raises(RuleViolation):
        chief_notice_send(case=case, actor=director)


def test_opening_starts_the_180_day_clock(routed_case, director, investigator):
    ChiefFactory()
    chief_notice_send(case=routed_case, actor=director)
    with time_machine.travel(datetime(2026, 11, 25, 10, tzinfo=PACIFIC), tick=False):
        investigation = investigation_open(
            case=routed_case, investigator=investigator, actor=director, reason="Assigned"
        )
    deadline = Deadline.objects.get(rule="investigation_180d", about_id=investigation.pk)
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2027, 5, 24)
    routed_case.refresh_from_db()
    assert routed_case.status == Case.Status.INVESTIGATING


def test_only_the_director_opens_investigations(routed_case, intake_user, investigator):
    ChiefFactory()
    chief_notice_send(case=routed_case, actor=intake_user)
    with pytest.raises(PermissionDenied):
        investigation_open(case=routed_case, investigator=investigator, actor=investigator, reason="x")


def test_records_request_notifies_ppb_liaisons_only(intake_user, director, investigator, liaison):
    other_agency = make_user(Role.LIAISON, username="cityliaison")
    other_agency.agency = "city"
    other_agency.save()
    case = case_investigating(intake_user, director, investigator)
    request = records_request_send(
        investigation=case.investigation, records_sought="911 call audio", actor=investigator
    )
    assert list(
        Notice.objects.filter(about_id=request.pk, subject__startswith="Records request").values_list(
            "recipient_user__username", flat=True
        )
    ) == ["ppb_liaison"]


def test_only_the_assigned_investigator_requests_records(intake_user, director, investigator, other_investigator):
    case = case_investigating(intake_user, director, investigator)
    with pytest.raises(PermissionDenied):
        records_request_send(investigation=case.investigation, records_sought="x", actor=other_investigator)


def test_findings_are_exactly_the_four_of_the_code():
    assert sorted(FindingOutcome.values) == ["in_policy", "insufficient_evidence", "out_of_policy", "unfounded"]


def test_a_fifth_finding_is_refused(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    with pytest.raises(Exception, match="not a valid choice"):
        finding_record(allegation=case.allegations.get(), outcome="exonerated", rationale="x", actor=investigator)


def test_investigation_completes_only_with_every_finding(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    with pytest.raises(RuleViolation):
        investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    finding_record(
        allegation=case.allegations.get(), outcome="unfounded", rationale="Video contradicts", actor=investigator
    )
    investigation = investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    assert investigation.status == Investigation.Status.COMPLETED
    assert Deadline.objects.get(rule="investigation_180d").met_at == investigation.completed_at
    case.refresh_from_db()
    assert case.status == Case.Status.FINDINGS_READY


def test_finding_history_names_the_investigator(intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    finding = finding_record(
        allegation=case.allegations.get(), outcome="in_policy", rationale="Policy allows", actor=investigator
    )
    assert finding.history.get().history_user == investigator


def test_a_late_investigation_needs_its_reason_and_is_counted(intake_user, director, investigator):
    from oversight.calendar.services import deadline_sweep
    from reports.selectors import annual_report_data

    start = datetime(2026, 1, 5, 10, tzinfo=PACIFIC)
    with time_machine.travel(start, tick=False):
        case = case_investigating(intake_user, director, investigator)
        finding_record(allegation=case.allegations.get(), outcome="unfounded", rationale="x", actor=investigator)
    deadline_sweep(now=datetime(2026, 7, 7, tzinfo=PACIFIC))  # day 180 ran to Monday July 6
    with time_machine.travel(datetime(2026, 7, 8, 10, tzinfo=PACIFIC), tick=False):
        with pytest.raises(RuleViolation, match="record why"):
            investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
        investigation = investigation_complete(
            investigation=case.investigation,
            actor=investigator,
            reason="Done",
            late_reason="Officer on extended leave for 60 days",
        )
    assert investigation.late_reason == "Officer on extended leave for 60 days"
    assert annual_report_data(year=2026)["investigations_past_180_days"] == 1


def test_assignment_shows_each_investigators_open_caseload(intake_user, director, investigator, other_investigator):
    from investigations.selectors import investigator_list

    case_investigating(intake_user, director, investigator)
    assert [(u.username, u.open_cases) for u in investigator_list()] == [("investigator2", 0), ("investigator", 1)]


def test_completing_late_before_any_sweep_still_counts_as_a_breach(intake_user, director, investigator):
    from reports.selectors import annual_report_data

    with time_machine.travel(datetime(2026, 1, 5, 10, tzinfo=PACIFIC), tick=False):
        case = case_investigating(intake_user, director, investigator)
        finding_record(allegation=case.allegations.get(), outcome="unfounded", rationale="x", actor=investigator)
    with time_machine.travel(datetime(2026, 7, 20, 10, tzinfo=PACIFIC), tick=False):  # no sweep ran (worker down)
        investigation_complete(investigation=case.investigation, actor=investigator, reason="Done", late_reason="Leave")
    assert Deadline.objects.get(rule="investigation_180d").breached_at is not None
    assert annual_report_data(year=2026)["investigations_past_180_days"] == 1
