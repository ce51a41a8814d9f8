"""PPB's data submissions (issue 10 part F, R4.7): standards and versions, periods on the deadline
engine, files stored whole or refused whole, corrections, reminders and escalation."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_sweep
from oversight.governance.models import (
    DataStandardVersion,
    DataSubmission,
    DataSubmissionAttempt,
    DataSubmissionPeriod,
    DataSubmissionRow,
)
from oversight.governance.submissions import (
    DataFileRefused,
    data_period_create_due,
    data_period_list,
    data_submission_submit,
    period_bounds,
)
from oversight.notices.models import Notice
from tests.conftest import make_user
from tests.governance.arrange_submissions import COLUMNS, GOOD_ROWS, csv_file, periods_for, standard_record

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 5, 10, 0, tzinfo=PACIFIC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def january(clock, director, board_members):
    _version, created = periods_for(director)
    return next(p for p in created if p.start_on == date(2026, 1, 1))


# Standards.


def test_a_standard_is_recorded_with_its_columns_and_the_boards_vote(clock, director, board_members):
    version = standard_record(director)
    assert (version.number, version.frequency, version.grace_days, version.seated_members) == (1, "monthly", 15, 3)
    assert [c.name for c in version.columns.all()] == [c["name"] for c in COLUMNS]
    record = version.history.get()
    assert (record.history_user, record.history_change_reason) == (
        director,
        "Board meeting of 10 December 2025, item 4",
    )


def test_only_the_director_records_a_standard(clock, board_members, liaison):
    with pytest.raises(PermissionDenied):
        standard_record(board_members[0])
    with pytest.raises(PermissionDenied):
        standard_record(liaison)


def test_a_standard_without_the_boards_majority_is_refused(clock, director, board_members):
    with pytest.raises(ValidationError) as refused:
        standard_record(director, votes_yes=1, votes_no=2)
    assert "votes_yes" in refused.value.message_dict


def test_a_standard_comes_into_force_on_the_first_day_of_a_period(clock, director, board_members):
    with pytest.raises(ValidationError) as refused:
        standard_record(director, frequency="quarterly", in_force_on=date(2026, 2, 1))
    assert "in_force_on" in refused.value.message_dict


def test_a_changed_standard_is_a_new_version_and_the_same_one_twice_is_one(clock, director, board_members):
    first = standard_record(director)
    assert standard_record(director, standard=first.standard) == first
    second = standard_record(director, standard=first.standard, grace_days=30, in_force_on=date(2026, 4, 1))
    assert (second.number, second.grace_days) == (2, 30)
    assert DataStandardVersion.objects.filter(standard=first.standard).count() == 2


# Periods.


@pytest.mark.parametrize(
    ("day", "frequency", "bounds"),
    [
        (date(2026, 2, 14), "monthly", (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2028, 2, 29), "monthly", (date(2028, 2, 1), date(2028, 2, 29))),
        (date(2026, 5, 20), "quarterly", (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 12, 31), "quarterly", (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 7, 4), "annually", (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_periods_are_calendar_months_quarters_and_years(day, frequency, bounds):
    assert period_bounds(day, frequency) == bounds


def test_each_ended_period_gets_one_row_and_its_clock_even_when_run_twice(clock, director, board_members):
    _version, created = periods_for(director)
    assert [(p.start_on, p.end_on) for p in created] == [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
    ]
    assert data_period_create_due() == []
    assert DataSubmissionPeriod.objects.count() == 2
    assert Deadline.objects.filter(rule=Deadline.Rule.DATA_SUBMISSION).count() == 2


def test_the_daily_task_creates_the_ended_periods(clock, director, board_members):
    from oversight.governance.tasks import data_period_create_due_task

    standard_record(director)
    assert (data_period_create_due_task(), data_period_create_due_task()) == (2, 0)


def test_a_period_is_due_the_grace_days_after_it_ends_rolled_to_a_business_day(january):
    # 31 January + 15 days is Sunday 15 February; Monday the 16th is Presidents' Day.
    clock = deadline_for(january, Deadline.Rule.DATA_SUBMISSION)
    assert clock.due_at == datetime(2026, 2, 17, 23, 59, 59, tzinfo=PACIFIC)
    assert [r.kind for r in clock.reminders.order_by("fire_at")][:3] == ["due_in_3_days", "breach", "overdue_week_1"]


def test_the_period_list_says_overdue_owed_and_received(january, liaison):
    statuses = {p.start_on: p.status for p in data_period_list()}
    assert statuses == {date(2026, 1, 1): "overdue", date(2026, 2, 1): "owed"}
    data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    assert {p.start_on: p.status for p in data_period_list()}[date(2026, 1, 1)] == "received"


def test_a_new_version_draws_the_periods_after_it(director, board_members):
    with time_machine.travel(datetime(2026, 8, 2, 9, tzinfo=PACIFIC), tick=False):
        first = standard_record(director)
        standard_record(director, standard=first.standard, frequency="quarterly", in_force_on=date(2026, 4, 1))
        created = data_period_create_due()
    assert [(p.start_on, p.end_on, p.version.number) for p in created] == [
        (date(2026, 1, 1), date(2026, 1, 31), 1),
        (date(2026, 2, 1), date(2026, 2, 28), 1),
        (date(2026, 3, 1), date(2026, 3, 31), 1),
        (date(2026, 4, 1), date(2026, 6, 30), 2),
    ]


# Files.


def test_a_good_file_stores_every_row_and_meets_the_clock(january, liaison):
    submission = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS, bom=True), actor=liaison)
    assert (submission.row_count, submission.is_current, submission.version.number) == (3, True, 1)
    assert list(submission.rows.values_list("number", flat=True)) == [2, 3, 4]
    assert submission.rows.get(number=2).values["count"] == 12
    january.refresh_from_db()
    assert january.received_at == NOW
    clock = deadline_for(january, Deadline.Rule.DATA_SUBMISSION)
    assert clock.met_at == NOW and clock.breached_at == clock.due_at  # received late: still a breach
    record = submission.history.get()
    assert (record.history_user, record.history_change_reason) == (liaison, "Data received")


def test_one_bad_row_refuses_the_whole_file_and_stores_nothing(january, liaison):
    rows_before = DataSubmissionRow.objects.count()
    body = GOOD_ROWS + "2026-01-01,north,abc,,\n" + GOOD_ROWS
    with pytest.raises(DataFileRefused) as refused:
        data_submission_submit(period=january, upload=csv_file(body), actor=liaison)
    assert refused.value.messages == ["Row 5, column 'count': 'abc' is not a whole number."]
    assert DataSubmissionRow.objects.count() == rows_before
    assert DataSubmission.objects.count() == 0
    january.refresh_from_db()
    assert january.received_at is None
    assert deadline_for(january, Deadline.Rule.DATA_SUBMISSION).met_at is None


def test_a_refused_file_is_kept_with_its_errors_for_the_board(january, liaison):
    with pytest.raises(DataFileRefused):
        data_submission_submit(period=january, upload=csv_file("2026-01-01,west,1,,\n"), actor=liaison)
    attempt = DataSubmissionAttempt.objects.get()
    assert (attempt.period, attempt.submitted_by, attempt.error_count, attempt.file_name) == (
        january,
        liaison,
        1,
        "uof.csv",
    )
    assert attempt.errors == [
        {"where": "row_2", "message": "Row 2, column 'precinct': 'west' is not one of: north, central, east."}
    ]


def test_a_file_that_is_not_text_is_refused_by_its_content(january, liaison):
    pdf = SimpleUploadedFile("data.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "text/csv")
    with pytest.raises(DataFileRefused) as refused:
        data_submission_submit(period=january, upload=pdf, actor=liaison)
    assert "must be a CSV text file" in refused.value.messages[0]
    assert DataSubmission.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(january, liaison, settings):
    settings.DATA_SUBMISSION_MAX_BYTES = 50
    with pytest.raises(DataFileRefused) as refused:
        data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    assert "the limit is" in refused.value.messages[0]


def test_only_a_ppb_liaison_sends_data(january, director):
    city = make_user(Role.LIAISON, username="city_liaison")
    city.agency = "city"
    city.save()
    for someone in (director, city):
        with pytest.raises(PermissionDenied):
            data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=someone)


def test_a_second_file_is_a_correction_that_needs_a_reason_and_replaces_the_first(january, liaison):
    first = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    corrected = "2026-01-01,north,13,0.5,\n"
    with pytest.raises(ValidationError) as refused:
        data_submission_submit(period=january, upload=csv_file(corrected), actor=liaison)
    assert "correction_reason" in refused.value.message_dict
    second = data_submission_submit(
        period=january, upload=csv_file(corrected), actor=liaison, correction_reason="North count was 13"
    )
    first.refresh_from_db()
    assert (first.is_current, second.is_current, second.replaces, second.row_count) == (False, True, first, 1)
    assert first.rows.count() == 3  # the corrected file's rows are kept
    assert first.history.latest().history_change_reason == "Replaced by a correction: North count was 13"


def test_the_same_file_sent_twice_is_stored_once(january, liaison):
    first = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    again = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison, correction_reason="retry")
    assert again == first
    assert DataSubmission.objects.count() == 1


def test_a_double_click_whose_first_file_lands_while_the_second_is_checked_gets_the_first(january, liaison):
    """The second request read "nothing received" before the first committed; under the period's lock it
    finds the same file stored and returns it, instead of asking for a correction's reason."""
    from oversight.governance.submissions import _store

    first = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    upload = csv_file(GOOD_ROWS)
    again = _store(january, first.version, [], liaison, first.via, upload, first.file_size, first.sha256, "")
    assert again == first and DataSubmission.objects.count() == 1


def test_a_file_is_checked_against_the_version_in_force_and_keeps_it(january, director, liaison):
    standard_record(
        director,
        standard=january.standard,
        in_force_on=date(2026, 3, 1),
        columns=[{"name": "month", "kind": "date"}, {"name": "total", "kind": "integer"}],
    )
    with pytest.raises(DataFileRefused):
        data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    submission = data_submission_submit(
        period=january, upload=csv_file("2026-01-01,19\n", header="month,total\n"), actor=liaison
    )
    assert submission.version.number == 2


# Reminders and escalation.


def _notices(user):
    return list(Notice.objects.filter(recipient_user=user).order_by("pk").values_list("subject", flat=True))


def _at(*args):
    return time_machine.travel(datetime(*args, tzinfo=PACIFIC), tick=False)


def test_the_liaison_is_reminded_three_days_before_and_both_are_told_at_the_breach(director, board_members, liaison):
    with _at(2026, 2, 2, 9):
        periods_for(director)
    with _at(2026, 2, 15, 9):
        deadline_sweep()
    assert _notices(liaison) == ["PPB data due 2026-02-17: Use of force, aggregates"]
    assert _notices(director) == []
    with _at(2026, 2, 18, 9):
        deadline_sweep()
        deadline_sweep()
    overdue = "PPB data overdue: Use of force, aggregates, 2026-01-01 to 2026-01-31"
    assert _notices(director) == [overdue]
    assert _notices(liaison)[1:] == [overdue]
    period = DataSubmissionPeriod.objects.get()
    assert deadline_for(period, Deadline.Rule.DATA_SUBMISSION).breached_at is not None


def test_an_overdue_submission_escalates_again_each_week_until_it_arrives(director, board_members, liaison):
    with _at(2026, 2, 2, 9):
        (period,) = periods_for(director)[1]
    for day in (18, 25):
        with _at(2026, 2, day, 9):
            deadline_sweep()
    with _at(2026, 3, 4, 9):
        deadline_sweep()
        data_submission_submit(period=period, upload=csv_file(GOOD_ROWS), actor=liaison)
    with _at(2026, 3, 20, 9):
        deadline_sweep()
    assert [s.split(":")[0] for s in _notices(director)] == [
        "PPB data overdue",
        "PPB data still overdue (1 weeks)",
        "PPB data still overdue (2 weeks)",
    ]


def test_a_sweep_that_first_sees_a_clock_weeks_late_still_records_the_breach(director, board_members, liaison):
    with _at(2026, 2, 2, 9):
        (period,) = periods_for(director)[1]
    with _at(2026, 3, 12, 9):
        deadline_sweep()
    clock = deadline_for(period, Deadline.Rule.DATA_SUBMISSION)
    assert clock.breached_at == clock.due_at
    assert _notices(director) == [
        "PPB data still overdue (3 weeks): Use of force, aggregates, 2026-01-01 to 2026-01-31"
    ]
