"""Pure arithmetic across real calendars. The golden table fails if a library upgrade moves a day."""

from datetime import date, datetime

import pytest

from oversight.calendar.business_days import PACIFIC, BusinessCalendar, add_business_days, add_calendar_days

CAL = BusinessCalendar()


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=PACIFIC)


# (sent at, Pacific) -> due date of a 5-business-day request
GOLDEN_5BD = [
    (at(2026, 11, 23), date(2026, 12, 1)),  # Monday of Thanksgiving week: Thursday skipped
    (at(2026, 11, 25), date(2026, 12, 3)),  # Wednesday before Thanksgiving
    (at(2026, 11, 26), date(2026, 12, 4)),  # sent on Thanksgiving: counts from Friday
    (at(2026, 12, 22), date(2026, 12, 30)),  # Christmas Friday skipped
    (at(2026, 12, 28), date(2027, 1, 5)),  # New Year's Day skipped
    (at(2027, 12, 20), date(2027, 12, 28)),  # Christmas 2027 is a Saturday, observed Friday 24th
    (at(2026, 6, 29), date(2026, 7, 7)),  # Independence Day 2026 is a Saturday, observed Friday 3rd
    (at(2027, 6, 14), date(2027, 6, 22)),  # Juneteenth 2027 is a Saturday, observed Friday 18th
    (at(2026, 11, 6), date(2026, 11, 16)),  # Veterans Day (Wednesday 11th) skipped
    (at(2026, 11, 21), date(2026, 12, 1)),  # sent on a Saturday: Monday is day 0
]


@pytest.mark.parametrize(("sent", "due"), GOLDEN_5BD)
def test_five_business_days_golden_table(sent, due):
    due_at, _steps = add_business_days(sent, 5, CAL)
    assert due_at.date() == due


def test_request_at_4_59_pm_counts_from_that_day():
    due_at, _ = add_business_days(at(2026, 11, 20, 16, 59), 5, CAL)
    assert due_at.date() == date(2026, 11, 30)


def test_request_at_5_01_pm_counts_from_the_next_business_day():
    due_at, steps = add_business_days(at(2026, 11, 20, 17, 1), 5, CAL)
    assert due_at.date() == date(2026, 12, 1)
    assert "after close of business" in steps[0]["reason"]


def test_explanation_names_each_skipped_holiday_and_weekend():
    _, steps = add_business_days(at(2026, 11, 23), 5, CAL)
    by_date = {s["date"]: s for s in steps}
    assert by_date["2026-11-26"] == {"date": "2026-11-26", "counted": False, "reason": "holiday: Thanksgiving Day"}
    assert by_date["2026-11-28"]["reason"] == "weekend"
    assert [s["date"] for s in steps if s["counted"]] == [
        "2026-11-24",
        "2026-11-25",
        "2026-11-27",
        "2026-11-30",
        "2026-12-01",
    ]


def test_city_closure_day_is_skipped():
    city = BusinessCalendar(closed={date(2026, 11, 27): "Day after Thanksgiving"})
    due_at, steps = add_business_days(at(2026, 11, 23), 5, city)
    assert due_at.date() == date(2026, 12, 2)
    assert {"date": "2026-11-27", "counted": False, "reason": "holiday: Day after Thanksgiving"} in steps


def test_city_can_work_a_state_holiday():
    city = BusinessCalendar(opened={date(2026, 11, 11): "City open on Veterans Day"})
    due_at, _ = add_business_days(at(2026, 11, 6), 5, city)
    assert due_at.date() == date(2026, 11, 13)


def test_due_instant_is_the_end_of_the_pacific_day():
    due_at, _ = add_business_days(at(2026, 11, 23), 5, CAL)
    assert (due_at.hour, due_at.minute, due_at.tzinfo) == (23, 59, PACIFIC)


def test_180_days_lands_on_the_180th_calendar_day():
    due_at, steps = add_calendar_days(at(2026, 1, 5), 180, CAL)
    # 2026-01-05 + 180 days is Saturday 2026-07-04 (also Independence Day): runs to Monday the 6th
    assert due_at.date() == date(2026, 7, 6)
    assert steps[-1] == {"date": "2026-07-06", "counted": True, "reason": "next business day (last day)"}


def test_180_days_on_a_business_day_is_not_moved():
    due_at, steps = add_calendar_days(at(2026, 11, 25), 180, CAL)
    assert due_at.date() == date(2027, 5, 24)
    assert len(steps) == 2
