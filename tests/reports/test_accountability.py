"""The contract-accountability metrics (issue 11 part D): each figure from arranged data, "No data recorded"
rather than a silent zero, the SQL shown is the SQL run (and gives the figure), and a constant number of
queries."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.incidents import case_open_for_incident
from intake.services import allegation_add, case_decide
from investigations.interviews import interview_complete, interview_schedule
from investigations.services import chief_notice_send, investigation_open
from oversight.calendar.business_days import PACIFIC
from reports.accountability import accountability_metrics
from tests.arrange import case_investigating
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
ARRANGED_AT = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=PACIFIC)
HELD_AT = datetime.datetime(2026, 12, 2, 11, 0, tzinfo=PACIFIC)
NOW = datetime.datetime(2027, 1, 15, 9, 0, tzinfo=PACIFIC)


def _metrics():
    with time_machine.travel(NOW, tick=False):
        return {m["key"]: m for m in accountability_metrics(start=START, end=END)}


def _interview(case, investigator, *, seen="", hour=10):
    officer = EmployeeFactory(shift_starts=datetime.time(7), shift_ends=datetime.time(17))
    with time_machine.travel(ARRANGED_AT, tick=False):
        interview = interview_schedule(
            investigation=case.investigation,
            employee=officer,
            scheduled_at=datetime.datetime(2026, 12, 2, hour, 0, tzinfo=PACIFIC),
            union_representative="PPA representative",
            actor=investigator,
        )
    with time_machine.travel(HELD_AT, tick=False):
        return interview_complete(interview=interview, statement="Held.", evidence_seen_before=seen, actor=investigator)


@pytest.fixture
def case(intake_user, director, investigator):
    with time_machine.travel(ARRANGED_AT, tick=False):
        return case_investigating(intake_user, director, investigator)


def test_figures_with_nothing_recorded_say_so_instead_of_zero(db):
    metrics = _metrics()
    for key in (
        "interview-hours-complaint",
        "interview-hours-mandatory",
        "complaints-lost-to-time-limits",
        "evidence-seen-before-interview",
        "discipline-reduced-after-board",
        "administrative-leave-days",
        "administrative-leave-cost",
        "civil-suits-settlements",
    ):
        assert (metrics[key]["is_recorded"], metrics[key]["value"]) == (False, None), key


def test_hours_from_the_incident_day_to_the_interview_are_measured_for_complaints(case, investigator):
    _interview(case, investigator)
    metric = _metrics()["interview-hours-complaint"]
    incident_day = case.complaints.get().incident_on
    start_of_day = datetime.datetime.combine(incident_day, datetime.time(0), tzinfo=PACIFIC)
    # Real elapsed hours across the change from daylight time (aware datetimes of one zone subtract naively).
    expected = round(
        (HELD_AT.astimezone(datetime.UTC) - start_of_day.astimezone(datetime.UTC)).total_seconds() / 3600, 1
    )
    assert metric["is_recorded"] and metric["value"] == expected and metric["detail"]["p90"] == expected
    assert metric["detail"]["interviews"] == 1


def test_cases_opened_without_a_complaint_count_from_their_own_incident_day(intake_user, director, investigator):
    with time_machine.travel(ARRANGED_AT, tick=False):
        case = case_open_for_incident(
            mandatory_category="deadly_force",
            incident_on=datetime.date(2026, 11, 29),
            incident_summary="Officer-involved shooting",
            actor=intake_user,
            reason="Opened",
        )
        allegation_add(
            case=case,
            allegation_type=AllegationTypeFactory(),
            employee=EmployeeFactory(),
            actor=intake_user,
            reason="x",
        )
        case_decide(case=case, decision="investigate", reason="Required", actor=intake_user)
        ChiefFactory()
        chief_notice_send(case=case, actor=director)
        investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
        case.refresh_from_db()
    _interview(case, investigator)
    metrics = _metrics()
    start_of_day = datetime.datetime(2026, 11, 29, 0, 0, tzinfo=PACIFIC)
    assert metrics["interview-hours-mandatory"]["value"] == round((HELD_AT - start_of_day).total_seconds() / 3600, 1)
    assert metrics["interview-hours-complaint"]["is_recorded"] is False


def test_evidence_seen_counts_yes_of_those_asked_and_says_how_many_did_not_record_it(case, investigator):
    for hour, seen in ((8, "yes"), (9, "no"), (10, "not_asked"), (11, ""), (12, "yes")):
        _interview(case, investigator, seen=seen, hour=hour)
    metric = _metrics()["evidence-seen-before-interview"]
    assert metric["value"] == pytest.approx(66.7)
    assert metric["detail"] == {"yes": 2, "no": 1, "not_asked": 1, "unrecorded": 1, "asked": 3}


def test_the_sql_shown_is_the_sql_run_and_gives_the_figure(case, investigator):
    for hour, seen in ((8, "yes"), (9, "no")):
        _interview(case, investigator, seen=seen, hour=hour)
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as run:
        metrics = accountability_metrics(start=START, end=END)
    executed = [q["sql"] for q in run.captured_queries]
    shown = [s.rstrip(";") for m in metrics if m["query"] for s in m["query"].split(";\n\n")]
    assert shown and set(shown) <= set(executed)
    by_key = {m["key"]: m for m in metrics}
    with connection.cursor() as cursor:
        cursor.execute(by_key["evidence-seen-before-interview"]["query"].rstrip(";"))
        yes, no, not_asked, unrecorded = cursor.fetchone()
    assert (yes, no) == (1, 1) and by_key["evidence-seen-before-interview"]["value"] == 50.0
    with connection.cursor() as cursor:
        cursor.execute(by_key["interview-hours-complaint"]["query"].rstrip(";"))
        median, _p90, n = cursor.fetchone()
    assert n == 2 and round(median, 1) == by_key["interview-hours-complaint"]["value"]


def test_paid_leave_and_civil_suits_come_from_their_yearly_summaries(case, director):
    from discipline.leave import administrative_leave_record
    from tests.governance.arrange_suits import settled

    officer = case.allegations.get().employee
    with time_machine.travel(NOW, tick=False):
        administrative_leave_record(
            actor=director,
            case=case,
            employee=officer,
            start_on=datetime.date(2026, 12, 1),
            end_on=datetime.date(2026, 12, 10),
            cost=Decimal("4200.00"),
            reason="Payroll report",
        )
        settled(director, "3:26-cv-00101", "150000.00")
    metrics = _metrics()
    assert metrics["administrative-leave-days"]["value"] == 10
    assert metrics["administrative-leave-cost"]["value"] == Decimal("4200.00")
    assert metrics["civil-suits-settlements"]["value"] == Decimal("150000.00")
    assert metrics["civil-suits-judgments"]["is_recorded"] is True


def test_the_metrics_run_a_constant_number_of_queries(case, investigator, django_assert_max_num_queries):
    for hour in range(7, 17):
        _interview(case, investigator, seen="yes", hour=hour)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(10):
        accountability_metrics(start=START, end=END)


def test_discipline_overturned_by_arbitration_counts_as_reduced_after_the_board(
    intake_user, director, investigator, board_members
):
    from discipline.outcomes import proceeding_decide, proceeding_record
    from tests.discipline.arrange_appeals import DECIDED_AT, LAST_DAY
    from tests.discipline.arrange_discipline import discipline_adopted, guide_make

    with time_machine.travel(DECIDED_AT + datetime.timedelta(days=1), tick=False):
        _case, decision = discipline_adopted(intake_user, director, investigator, board_members, guide_make())
    with time_machine.travel(LAST_DAY, tick=False):
        proceeding = proceeding_record(
            decision=decision, kind="arbitration", filed_on=datetime.date(2026, 6, 1), actor=director
        )
        proceeding_decide(
            proceeding=proceeding, outcome="overturned", decided_on=datetime.date(2026, 6, 1), actor=director
        )
    metric = _metrics()["discipline-reduced-after-board"]
    assert metric["is_recorded"] and metric["value"] == 1
    assert metric["detail"]["overturned"] == 1 and metric["detail"]["arbitration"] == 1
