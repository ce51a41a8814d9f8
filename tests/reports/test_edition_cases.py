"""Item d's list of cases in a report edition (issue 11.7): the page shows a hundred at a time, the PDF
says how many there are and where they are listed, and the CSV holds every one, in the reader's
language. Who may read the CSV: anyone for a published edition, only the Director and the
administrator for a draft."""

import csv
import datetime
import io

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation

from oversight.calendar.business_days import PACIFIC
from reports.editions import CASES_PER_PAGE, PDF_TEMPLATE, edition_context, edition_draft_build, edition_publish
from reports.models import ReportEdition

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=PACIFIC)
CASES = 250


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def _case(n):
    """Case ``n`` as item d stores it (codes, written in the reader's language when shown)."""
    kind = '=HYPERLINK("http://x.test")' if n == 7 else "Discourtesy"
    return {
        "n": n,
        "category": "",
        "origin": "complaint",
        "decision": "investigate",
        "filers": ["A"],
        "employees": ["A"],
        "findings": [["A", kind, "unfounded", "unfounded", "unfounded"]],
        "discipline": [],
    }


def _with_cases(edition, n=CASES):
    """The edition's stored item d given ``n`` cases (the snapshot is what every view renders)."""
    snapshot = dict(edition.snapshot)
    snapshot["items"] = [
        {**item, "blocks": [{"type": "cases", "cases": [_case(i) for i in range(1, n + 1)]}]}
        if item["key"] == "d"
        else item
        for item in snapshot["items"]
    ]
    ReportEdition.objects.filter(pk=edition.pk).update(snapshot=snapshot)
    edition.refresh_from_db()
    return edition


@pytest.fixture
def published(director):
    draft = edition_draft_build(kind="annual", year=2026, actor=director)
    return edition_publish(edition=_with_cases(draft), actor=director)


def _labels(html):
    return [f"Case {n}" for n in range(1, CASES + 1) if f">Case {n}<" in html]


def test_the_page_shows_a_hundred_cases_at_a_time_with_links_to_the_others(client, published):
    first = client.get("/reports/annual/2026/").content.decode()
    assert _labels(first) == [f"Case {n}" for n in range(1, CASES_PER_PAGE + 1)]
    assert "1 to 100 of 250" in first and "?cases=2#item-d" in first and "All 250 cases as CSV" in first
    last = client.get("/reports/annual/2026/", {"cases": 3}).content.decode()
    assert _labels(last) == [f"Case {n}" for n in range(201, 251)]
    assert "201 to 250 of 250" in last and "?cases=2#item-d" in last and "?cases=4" not in last


@pytest.mark.parametrize(("asked", "first", "last"), [("99", 201, 250), ("0", 1, 100), ("x", 1, 100)])
def test_a_page_number_out_of_range_shows_the_nearest_page(client, published, asked, first, last):
    page = client.get("/reports/annual/2026/", {"cases": asked})
    assert page.status_code == 200
    assert _labels(page.content.decode()) == [f"Case {n}" for n in range(first, last + 1)]


def test_the_pdf_says_how_many_cases_and_where_they_are_listed_without_printing_them(published, settings):
    settings.SITE_URL = "https://oversight.example.org"
    html = render_to_string(PDF_TEMPLATE, edition_context(published, for_print=True))
    assert "250 cases are listed on this report's web page and in its CSV file" in html
    assert f"https://oversight.example.org/reports/editions/{published.pk}/cases.csv" in html
    assert _labels(html) == []


def test_the_csv_holds_every_case_with_formulas_disarmed(client, published):
    response = client.get(f"/reports/editions/{published.pk}/cases.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Case", "Kind"] and len(rows) == CASES + 1
    assert rows[1][0] == "Case 1"
    assert rows[1][2:5] == ["Community Member A, Employee A", "Discourtesy", "Full investigation by OCPA"]
    assert rows[1][5] == "Employee A, Discourtesy: investigator Unfounded; Board Unfounded; final Unfounded"
    assert rows[1][7] == "Filed by Community Member A. 1 allegation against Employee A (Discourtesy). " + (
        "Sustained in the final finding: 0."
    )
    assert rows[7][3] == '\'=HYPERLINK("http://x.test")'


def test_the_csv_is_in_the_readers_language(client, published):
    with translation.override("es"):
        rows = list(csv.reader(io.StringIO("".join(_lines(published)))))
        expected = [translation.gettext("Case"), translation.gettext("Decision")]
        first = [
            translation.gettext("Case %(n)s") % {"n": 1},
            translation.gettext("Community Member %(letter)s") % {"letter": "A"},
            translation.gettext("Full investigation by OCPA"),
        ]
    assert [rows[0][0], rows[0][4]] == expected and expected != ["Case", "Decision"]
    assert [rows[1][0], rows[1][2].split(", ")[0], rows[1][4]] == first
    assert first != ["Case 1", "Community Member A", "Full investigation by OCPA"]


def _lines(edition):
    from oversight.csv_cells import csv_lines
    from reports.editions import edition_cases_csv_rows

    rows = edition_cases_csv_rows(edition)
    return list(csv_lines(next(rows), rows))


def test_a_drafts_csv_is_for_those_who_manage_editions_only(client, director, intake_user, admin_user):
    draft = _with_cases(edition_draft_build(kind="annual", year=2026, actor=director))
    url = f"/reports/editions/{draft.pk}/cases.csv"
    assert client.get(url).status_code == 404
    client.force_login(intake_user)
    assert client.get(url).status_code == 404
    for manager in (director, admin_user):
        client.force_login(manager)
        assert client.get(url).status_code == 200
    assert client.get("/reports/editions/999999/cases.csv").status_code == 404
