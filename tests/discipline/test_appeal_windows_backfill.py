"""Appeal windows are opened with results, never by a read; older results got theirs in a migration (issue 9)."""

import datetime
import importlib

import pytest
import time_machine
from django.apps import apps

from discipline.appeals import appeal_file, appeal_list_for_case, appeal_options
from discipline.outcomes import final_outcome_list_for_case
from intake.exceptions import RuleViolation
from intake.timeline import case_timeline
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for

from .arrange_appeals import DECIDED_AT, LAST_DAY, case_decided

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("discipline.migrations.0010_appeal_windows_backfill").backfill


@pytest.fixture
def decided_without_window(intake_user, director, investigator, board_members):
    """A decided hearings panel as results were before they opened their own window."""
    case, panel, allegation = case_decided(intake_user, director, investigator, board_members)
    deadline_for(panel, Deadline.Rule.APPEAL_WINDOW).delete()
    return case, panel, allegation


def test_reading_the_appeal_options_starts_no_window(decided_without_window):
    case, panel, _allegation = decided_without_window
    (option,) = appeal_options(case=case, party=case.complaints.get(), now=LAST_DAY)
    assert deadline_for(panel, Deadline.Rule.APPEAL_WINDOW) is None
    assert not option.may_appeal and "No time to appeal is recorded" in option.why_not


def test_an_appeal_on_a_result_without_a_window_is_refused_not_dated_by_guess(decided_without_window):
    case, _panel, allegation = decided_without_window
    with pytest.raises(RuleViolation, match="No time to appeal is recorded"):
        appeal_file(case=case, allegation=allegation, complaint=case.complaints.get(), grounds="Wrong.", actor=None)


def test_the_migration_starts_the_missing_window_from_the_results_own_time(decided_without_window):
    _case, panel, _allegation = decided_without_window
    backfill(apps, None)
    window = deadline_for(panel, Deadline.Rule.APPEAL_WINDOW)
    assert window.starts_at == DECIDED_AT
    assert window.due_at.astimezone(PACIFIC).date() == datetime.date(2026, 4, 1)
    assert window.explanation[-1] == {"date": "2026-04-01", "counted": True, "reason": "calendar day 30"}
    (row,) = window.history.all()
    assert row.history_user is None and "result recorded before windows" in row.history_change_reason


def test_the_migration_run_twice_starts_each_window_once(decided_without_window):
    backfill(apps, None)
    backfill(apps, None)
    assert Deadline.objects.filter(rule=Deadline.Rule.APPEAL_WINDOW).count() == 1


# The case page's appeals section and timeline read through the visibility selectors (issue 9).


@pytest.fixture
def appealed(intake_user, director, investigator, board_members):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members)
    with time_machine.travel(LAST_DAY, tick=False):
        appeal_file(
            case=case, allegation=allegation, complaint=case.complaints.get(), grounds="They ignored it.", actor=None
        )
    return case


def _timeline_parts(case, user):
    return {entry.part for entry in case_timeline(case=case, user=user)}


def test_the_timeline_shows_an_appeal_to_the_director_and_not_to_the_cases_investigator(
    appealed, director, investigator
):
    assert "Appeal" in _timeline_parts(appealed, director)
    assert "Appeal" not in _timeline_parts(appealed, investigator)


def test_the_cases_appeals_and_final_outcomes_are_read_through_the_visibility_selectors(
    appealed, director, investigator
):
    assert [a.grounds for a in appeal_list_for_case(appealed, user=director)] == ["They ignored it."]
    assert appeal_list_for_case(appealed, user=investigator) == []
    assert final_outcome_list_for_case(appealed, user=director)
    assert final_outcome_list_for_case(appealed, user=investigator) == []
