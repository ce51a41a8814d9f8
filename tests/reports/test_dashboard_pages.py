"""The public dashboard and the "Data and reports" hub (issue 11 part C): every chart with its table and a
CSV link keeping the filters, the CSV's rows equal to the table's, bad filters, languages, privacy and a
constant number of queries."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.conf import settings

from oversight.accounts.roles import Role
from reports.dashboard import DASHBOARD_CHARTS, DashboardFilters, chart_build
from tests.conftest import make_user
from tests.reports.arrange_dashboard import NOW, filed_on, force_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def _table_rows(html, key):
    """The rows of the table under chart ``key``: [category, cell, ...] as text."""
    figure = re.search(rf'<figure class="report-figure" id="{key}".*?</figure>', html, re.S).group(0)
    body = re.search(r"<tbody>(.*?)</tbody>", figure, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        rows.append(
            [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        )
    return rows


def test_the_dashboard_shows_every_chart_with_its_table_and_csv_link(client, intake_user):
    filed_on(datetime.date(2026, 2, 1), intake_user)
    response = client.get("/reports/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in DASHBOARD_CHARTS:
        assert f'id="{key}"' in html
        assert f'href="/reports/dashboard/{key}.csv"' in html
    assert html.count("<table") == len(DASHBOARD_CHARTS)
    assert html.count("<svg") + html.count("No data recorded for this chart.") == len(DASHBOARD_CHARTS)


def test_csv_links_keep_the_filters(client, intake_user):
    force = force_type()
    response = client.get("/reports/dashboard/", {"year": "2026", "type": force.pk, "neighbourhood": "kenton"})
    assert f'href="/reports/dashboard/findings.csv?year=2026&amp;type={force.pk}&amp;neighbourhood=kenton"' in (
        response.content.decode()
    )


def test_a_filter_narrows_the_charts_on_the_page(client, intake_user):
    for day in range(1, 6):
        filed_on(datetime.date(2026, 2, day), intake_user, neighbourhood="kenton")
    filed_on(datetime.date(2025, 2, 1), intake_user, neighbourhood="kenton")
    html = client.get("/reports/dashboard/", {"year": "2026", "neighbourhood": "kenton"}).content.decode()
    assert ["Kenton", "5"] in _table_rows(html, "complaints_by_neighbourhood")
    assert ["February", "5", "0"] in _table_rows(html, "complaints_over_time")


def test_the_csv_has_the_same_rows_as_the_table(client, intake_user):
    force = force_type()
    for day in range(1, 4):
        filed_on(datetime.date(2026, 2, day), intake_user, allegation_type=force, neighbourhood="lents")
    for day in range(1, 8):
        filed_on(datetime.date(2026, 3, day), intake_user, neighbourhood="buckman")
    query = {"year": "2026"}
    html = client.get("/reports/dashboard/", query).content.decode()
    for key in DASHBOARD_CHARTS:
        response = client.get(f"/reports/dashboard/{key}.csv", query)
        assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
        rows = _csv(response)
        table = _table_rows(html, key)
        assert len(rows) - 1 == len(table), key
        for row, table_row in zip(rows[1:], table, strict=True):
            assert row[0] == table_row[0], key
            for cell, shown in zip(row[1 : len(table_row)], table_row[1:], strict=True):
                assert (cell or "Suppressed (fewer than 5)") == shown.replace(",", ""), key


def test_a_suppressed_cell_is_empty_in_the_csv_with_the_reason(client, intake_user):
    for day in range(1, 3):
        filed_on(datetime.date(2026, 2, day), intake_user, neighbourhood="lents")
    for day in range(1, 8):
        filed_on(datetime.date(2026, 3, day), intake_user, neighbourhood="buckman")
    rows = _csv(client.get("/reports/dashboard/complaints_by_neighbourhood.csv", {"year": "2026"}))
    assert rows == [
        ["Category", "Cases", "Note"],
        ["Buckman", "", "Suppressed (fewer than 5)"],
        ["Lents", "", "Suppressed (fewer than 5)"],
    ]


def test_the_csv_is_in_the_readers_language(client, intake_user):
    filed_on(datetime.date(2026, 2, 1), intake_user, decision="mediation")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    rows = _csv(client.get("/reports/dashboard/decisions.csv"))
    assert ["Mediación", "1"] in rows


def test_an_unknown_filter_value_is_a_form_error_on_the_page(client):
    response = client.get("/reports/dashboard/", {"year": "1850", "neighbourhood": "atlantis"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html and "atlantis" in html
    assert 'aria-invalid="true"' in html


def test_an_unknown_filter_value_makes_the_csv_answer_400(client):
    response = client.get("/reports/dashboard/findings.csv", {"finding": "guilty"})
    assert response.status_code == 400
    assert "guilty" in response.content.decode()


def test_an_unknown_chart_is_404(client):
    assert client.get("/reports/dashboard/officer_names.csv").status_code == 404


def test_the_filters_read_back_from_their_query():
    filters = DashboardFilters(year=2026, finding="unfounded", neighbourhood="kenton")
    from django.http import QueryDict

    again = DashboardFilters.from_query(QueryDict(filters.as_query()))
    assert again == filters and again.is_valid


def test_the_dashboard_names_no_one(client, intake_user):
    filed_on(datetime.date(2026, 2, 1), intake_user)
    html = client.get("/reports/dashboard/").content.decode()
    assert "Robin" not in html and "Officer" not in html and "shoved" not in html and "Hawthorne" not in html


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_dashboard_and_the_hub_open_in_every_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for path in ("/reports/", "/reports/dashboard/"):
        response = client.get(path)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def test_staff_see_the_same_public_dashboard(client, intake_user):
    client.force_login(make_user(Role.BOARD, username="board-reader"))
    assert client.get("/reports/dashboard/").status_code == 200


def test_the_hub_links_every_kind_of_published_data(client):
    html = client.get("/reports/").content.decode()
    for href in ("/reports/annual/", "/reports/dashboard/", "/reports/data/", "/reports/accountability/"):
        assert f'href="{href}"' in html
    assert 'href="/participate/recommendations/"' in html


def test_the_site_navigation_leads_to_the_hub(client):
    html = client.get("/").content.decode()
    assert 'href="/reports/"' in html


@pytest.mark.parametrize("size", [2, 60])
def test_the_dashboard_page_costs_a_constant_number_of_queries(
    client, intake_user, django_assert_max_num_queries, size
):
    force = force_type()
    neighbourhoods = ["buckman", "kenton", "lents", "cully"]
    for i in range(size):
        filed_on(
            datetime.date(2026, 1 + i % 12, 1 + i % 28),
            intake_user,
            neighbourhood=neighbourhoods[i % 4],
            allegation_type=force if i % 2 else None,
            decision="dismissal" if i % 3 else None,
        )
    # The charts, the years and the allegation types offered by the form; nothing per row.
    with django_assert_max_num_queries(len(DASHBOARD_CHARTS) + 3):
        assert client.get("/reports/dashboard/", {"year": "2026", "type": force.pk}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/reports/dashboard/decisions.csv", {"year": "2026"}).status_code == 200


def test_one_chart_definition_serves_the_dashboard_and_a_stored_report(client, intake_user):
    filed_on(datetime.date(2026, 2, 1), intake_user, decision="mediation")
    stored = chart_build("decisions", filters=DashboardFilters(year=2026)).to_dict()
    from django.template import Context, Template

    html = Template("{% load report_charts %}{% chart_figure chart %}").render(Context({"chart": stored}))
    assert ["Mediation", "1"] in _table_rows(html, "decisions")
