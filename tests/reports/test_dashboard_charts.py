"""The dashboard's charts (issue 11 part C): each chart's numbers against a data set arranged through the
real services, the filters, suppression of small neighbourhoods, and a constant number of queries."""

import datetime

import pytest
import time_machine

from discipline.outcomes import proceeding_record
from intake.models import Case
from investigations.services import finding_record, investigation_complete, records_request_send
from oversight.calendar.business_days import PACIFIC
from reports.dashboard import DASHBOARD_CHARTS, DashboardFilters, chart_build
from tests.arrange import case_investigating
from tests.discipline.arrange_discipline import discipline_adopted, guide_make
from tests.discipline.arrange_results import case_decided
from tests.governance.arrange_recommendations import adopted, draft, sent
from tests.reports.arrange_dashboard import NOW, at, filed_on, force_type, incident_opened_on

pytestmark = pytest.mark.django_db

ADOPTED_AT = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def values(chart, series=0):
    return dict(zip(chart.categories, chart.series[series].values, strict=True))


def test_every_dashboard_chart_builds_on_an_empty_database():
    charts = [chart_build(key, filters=DashboardFilters()) for key in DASHBOARD_CHARTS]
    assert [c.key for c in charts] == list(DASHBOARD_CHARTS)
    assert all(c.note for c in charts)


def test_complaints_over_time_counts_cases_by_month_of_the_chosen_year(intake_user):
    filed_on(datetime.date(2026, 1, 10), intake_user)
    filed_on(datetime.date(2026, 1, 31), intake_user)
    filed_on(datetime.date(2026, 3, 2), intake_user)
    incident_opened_on(datetime.date(2026, 3, 5), intake_user)
    filed_on(datetime.date(2025, 3, 5), intake_user)
    chart = chart_build("complaints_over_time", filters=DashboardFilters(year=2026))
    assert chart.categories[0] == "January" and len(chart.categories) == 12
    assert (values(chart)["January"], values(chart)["February"], values(chart)["March"]) == (2, 0, 1)
    assert values(chart, 1)["March"] == 1


def test_complaints_over_time_without_a_year_counts_by_year(intake_user):
    filed_on(datetime.date(2025, 12, 31), intake_user)
    filed_on(datetime.date(2026, 1, 1), intake_user)
    filed_on(datetime.date(2026, 2, 1), intake_user)
    chart = chart_build("complaints_over_time", filters=DashboardFilters())
    assert values(chart) == {"2025": 1, "2026": 2}


def test_complaints_over_time_for_a_quarter_has_its_three_months(intake_user):
    filed_on(datetime.date(2026, 4, 30), intake_user)
    filed_on(datetime.date(2026, 7, 1), intake_user)
    chart = chart_build(
        "complaints_over_time", filters=DashboardFilters(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 7, 1))
    )
    assert values(chart) == {"April": 1, "May": 0, "June": 0}


def test_allegations_by_type_counts_each_type_largest_first(intake_user):
    force = force_type()
    filed_on(datetime.date(2026, 2, 1), intake_user, allegation_type=force)
    filed_on(datetime.date(2026, 2, 2), intake_user, allegation_type=force)
    filed_on(datetime.date(2026, 2, 3), intake_user)
    chart = chart_build("allegations_by_type", filters=DashboardFilters(year=2026))
    assert chart.categories == ["Excessive force", "Discourtesy"]
    assert chart.series[0].values == [2, 1]


def test_neighbourhoods_under_five_are_suppressed_with_a_complementary_cell(intake_user):
    for day in range(1, 8):
        filed_on(datetime.date(2026, 2, day), intake_user, neighbourhood="buckman")
    for day in range(1, 7):
        filed_on(datetime.date(2026, 3, day), intake_user, neighbourhood="kenton")
    for day in range(1, 3):
        filed_on(datetime.date(2026, 4, day), intake_user, neighbourhood="lents")
    chart = chart_build("complaints_by_neighbourhood", filters=DashboardFilters(year=2026))
    published = values(chart)
    # Lents (2) is small; Kenton (6), the smallest other cell, is suppressed too, so the total (15)
    # minus the published cells cannot give Lents back.
    assert published == {"Buckman": 7, "Kenton": None, "Lents": None}
    assert "1 to 4" in chart.note


def test_a_neighbourhood_filter_suppresses_small_cells_in_every_chart(intake_user):
    for day in range(1, 4):
        filed_on(datetime.date(2026, 2, day), intake_user, neighbourhood="lents")
    filters = DashboardFilters(year=2026, neighbourhood="lents")
    assert values(chart_build("complaints_by_neighbourhood", filters=filters)) == {"Lents": None}
    over_time = chart_build("complaints_over_time", filters=filters)
    assert values(over_time)["February"] is None
    assert 3 not in over_time.series[0].values
    assert 3 not in chart_build("decisions", filters=filters).series[0].values


def test_decisions_count_cases_by_case_handling_decision(intake_user):
    filed_on(datetime.date(2026, 2, 1), intake_user, decision="mediation")
    filed_on(datetime.date(2026, 2, 2), intake_user, decision="dismissal")
    filed_on(datetime.date(2026, 2, 3), intake_user, decision="dismissal")
    filed_on(datetime.date(2026, 2, 4), intake_user)
    published = values(chart_build("decisions", filters=DashboardFilters(year=2026)))
    assert published["Mediation"] == 1 and published["Dismissal"] == 2
    assert published["Not yet decided"] == 1 and published["Full investigation by OCPA"] == 0


def test_findings_are_counted_at_the_investigator_board_and_final_level(
    intake_user, director, investigator, board_members
):
    with time_machine.travel(ADOPTED_AT, tick=False):
        case_decided(intake_user, director, investigator, board_members, finding="unfounded")
        case_investigating(intake_user, director, investigator)
    chart = chart_build("findings", filters=DashboardFilters(year=2026))
    assert [s.name for s in chart.series] == ["Investigator's finding", "Board's finding", "Final finding"]
    for level in range(3):
        assert values(chart, level)["Unfounded"] == 1
        assert values(chart, level)["No finding yet"] == 1


def test_a_finding_filter_keeps_the_allegations_with_that_final_finding(
    intake_user, director, investigator, board_members
):
    with time_machine.travel(ADOPTED_AT, tick=False):
        case_decided(intake_user, director, investigator, board_members, finding="unfounded")
        case_investigating(intake_user, director, investigator)
    filters = DashboardFilters(year=2026, finding="unfounded")
    assert sum(chart_build("allegations_by_type", filters=filters).series[0].values) == 1
    assert values(chart_build("decisions", filters=filters))["Full investigation by OCPA"] == 1
    over_time = chart_build("complaints_over_time", filters=DashboardFilters(finding="unfounded"))
    assert values(over_time)["2026"] == 1


def test_discipline_is_counted_as_proposed_decided_and_final_after_arbitration(
    intake_user, director, investigator, board_members
):
    with time_machine.travel(ADOPTED_AT, tick=False):
        _case, decision = discipline_adopted(intake_user, director, investigator, board_members, guide_make())
        proceeding_record(
            decision=decision,
            kind="civil_service_board",
            filed_on=datetime.date(2026, 3, 3),
            decided_on=datetime.date(2026, 3, 3),
            outcome="modified",
            resulting_level="letter_of_reprimand",
            actor=director,
        )
    chart = chart_build("discipline", filters=DashboardFilters(year=2026))
    assert values(chart, 0)["Suspension without pay"] == 1
    assert values(chart, 1)["Suspension without pay"] == 1
    assert values(chart, 2)["Suspension without pay"] == 0 and values(chart, 2)["Letter of reprimand"] == 1


def test_timeliness_reads_the_recorded_clocks(intake_user, director, investigator):
    with time_machine.travel(at(datetime.date(2026, 1, 5)), tick=False):
        late = case_investigating(intake_user, director, investigator)
        open_case = case_investigating(intake_user, director, investigator)
        records_request_send(
            investigation=open_case.investigation, records_sought="Body-camera video", actor=investigator
        )
    with time_machine.travel(at(datetime.date(2026, 7, 20)), tick=False):
        for allegation in late.allegations.all():
            finding_record(allegation=allegation, outcome="unfounded", rationale="Video", actor=investigator)
        investigation_complete(
            investigation=late.investigation, actor=investigator, reason="Done", late_reason="Witness abroad"
        )
        chart = chart_build("timeliness", filters=DashboardFilters(year=2026))
    assert chart.categories == ["Investigations (180-day limit)", "Records requests (5 business days)"]
    assert values(chart, 1)["Investigations (180-day limit)"] == 1  # late
    assert values(chart, 2)["Investigations (180-day limit)"] == 1  # open, within the limit
    assert values(chart, 2)["Records requests (5 business days)"] == 1


def test_recommendations_are_counted_by_status_and_drafts_never(director, board_members):
    draft(director, title="Still a draft")
    adopted(director, title="Adopted one")
    sent(director, title="Sent one")
    chart = chart_build("recommendations_by_status", filters=DashboardFilters(year=2026))
    published = values(chart)
    assert "Draft" not in published
    assert published["Adopted by the Board"] == 1 and published["Sent to PPB, awaiting its answer"] == 1
    assert sum(chart.series[0].values) == 2


def test_recommendations_of_another_year_are_not_counted(director, board_members):
    adopted(director)
    assert sum(chart_build("recommendations_by_status", filters=DashboardFilters(year=2025)).series[0].values) == 0


def test_chief_allegations_and_other_years_stay_out(intake_user):
    filed_on(datetime.date(2025, 6, 1), intake_user)
    assert Case.objects.count() == 1
    assert sum(chart_build("allegations_by_type", filters=DashboardFilters(year=2026)).series[0].values or [0]) == 0


@pytest.mark.parametrize("size", [1, 12])
def test_the_whole_dashboard_costs_a_constant_number_of_queries(intake_user, django_assert_max_num_queries, size):
    force = force_type()
    for i in range(size):
        filed_on(
            datetime.date(2026, 1 + i % 12, 1 + i),
            intake_user,
            neighbourhood=["buckman", "kenton", "lents"][i % 3],
            allegation_type=force if i % 2 else None,
            decision="mediation" if i % 3 else None,
        )
    with django_assert_max_num_queries(len(DASHBOARD_CHARTS)):
        for key in DASHBOARD_CHARTS:
            chart_build(key, filters=DashboardFilters(year=2026))
    with django_assert_max_num_queries(len(DASHBOARD_CHARTS)):
        for key in DASHBOARD_CHARTS:
            chart_build(key, filters=DashboardFilters(year=2026, allegation_type=force.pk, neighbourhood="lents"))


def test_a_finding_filter_may_read_the_investigators_finding(intake_user, director, investigator, board_members):
    with time_machine.travel(ADOPTED_AT, tick=False):
        case_decided(intake_user, director, investigator, board_members, finding="unfounded")
    at_board = DashboardFilters(year=2026, finding="unfounded", level="board")
    at_investigator = DashboardFilters(year=2026, finding="in_policy", level="investigator")
    assert sum(chart_build("allegations_by_type", filters=at_board).series[0].values) == 1
    assert sum(chart_build("allegations_by_type", filters=at_investigator).series[0].values) == 0
