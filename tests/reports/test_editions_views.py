"""The report editions' pages (issue 11 part A2): the public's published reports, and the Director's."""

import datetime
import subprocess

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from oversight.calendar.business_days import PACIFIC
from oversight.jobs.models import Job
from reports.editions import (
    edition_correct,
    edition_draft_build,
    edition_narrative_update,
    edition_pdf_render,
    edition_publish,
)
from reports.models import ReportEdition
from tests.arrange import case_received

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def published(director, kind="annual", quarter=None, **texts):
    edition = edition_draft_build(kind=kind, year=2026, quarter=quarter, actor=director)
    if texts:
        edition_narrative_update(edition=edition, actor=director, **texts)
    return edition_publish(edition=edition, actor=director)


def corrected(director, first, changelog="Item g counted one filer twice."):
    return edition_publish(edition=edition_correct(edition=first, actor=director, changelog=changelog), actor=director)


# The public pages.


def test_a_year_without_a_published_report_says_so(client):
    page = client.get("/reports/annual/2026/")
    assert page.status_code == 200
    assert "This report is not published yet" in page.content.decode()


def test_a_draft_is_never_shown_to_the_public(client, director):
    edition = edition_draft_build(kind="annual", year=2026, actor=director)
    edition_narrative_update(edition=edition, actor=director, executive_summary="Secret draft words.")
    page = client.get("/reports/annual/2026/").content.decode()
    assert "Secret draft words." not in page and "not published yet" in page
    assert client.get("/reports/annual/2026/v1/").status_code == 404


def test_the_public_page_shows_the_published_summary_and_items(client, director, intake_user):
    case_received(intake_user)
    published(director, executive_summary="We heard 1 complaint & listened.", overview="The Board has 11 seats.")
    page = client.get("/reports/annual/2026/").content.decode()
    assert "We heard 1 complaint &amp; listened." in page and "The Board has 11 seats." in page
    assert "Executive summary" in page and "Highlights" in page
    assert "Overview of the Board, its staff and its functions" in page


def test_the_public_page_reads_the_snapshot_not_live_counts(client, director, intake_user):
    published(director)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/reports/annual/2026/").status_code == 200
    assert not [q["sql"] for q in queries if '"intake_case"' in q["sql"] or '"intake_allegation"' in q["sql"]]


def test_an_unrecorded_item_says_no_data_recorded(client, director):
    edition = published(director)
    unrecorded = [item for item in edition.snapshot["items"] if not item["is_recorded"]]
    assert unrecorded  # with no data, items such as k (grievances) are not recorded
    page = client.get("/reports/annual/2026/").content.decode()
    section = page.split(f'id="item-{unrecorded[0]["key"]}"')[1].split("</section>")[0]
    assert "No data recorded" in section


def test_the_directors_prose_is_shown_as_written_in_spanish(client, director):
    published(director, executive_summary="The year in one line.")
    client.cookies["django_language"] = "es"
    with translation.override("es"):
        page = client.get("/reports/annual/2026/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<div class="report-prose" lang="en"><p>The year in one line.</p></div>' in page


def test_a_superseded_version_says_a_newer_one_exists_and_links_it(client, director):
    first = published(director)
    corrected(director, first)
    page = client.get("/reports/annual/2026/v1/").content.decode()
    assert "A corrected version of this report has been published." in page
    assert 'href="/reports/annual/2026/v2/"' in page


def test_the_newer_version_shows_its_changelog(client, director):
    corrected(director, published(director), changelog="Item g counted one filer twice.")
    page = client.get("/reports/annual/2026/").content.decode()
    assert "What this correction changed" in page and "Item g counted one filer twice." in page
    assert "Version 2, published 2026-06-15." in page


def test_the_quarterly_report_has_its_own_page(client, director):
    published(director, kind="quarterly", quarter=1, executive_summary="First quarter.")
    page = client.get("/reports/quarterly/2026/q1/").content.decode()
    assert "Quarterly report 2026, quarter 1" in page and "First quarter." in page
    assert client.get("/reports/quarterly/2026/q5/").status_code == 404


def test_the_index_lists_the_published_reports(client, director):
    published(director, kind="quarterly", quarter=1)
    edition_draft_build(kind="annual", year=2026, actor=director)
    page = client.get("/reports/annual/").content.decode()
    assert 'href="/reports/quarterly/2026/q1/"' in page
    assert "No annual report is published yet." in page


def test_the_published_pdf_is_public_once_rendered(client, director):
    edition = published(director)
    assert client.get("/reports/annual/2026.pdf").status_code == 404
    edition_pdf_render(edition=edition)
    response = client.get("/reports/annual/2026.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get("/reports/annual/2026/v1.pdf").status_code == 200


def test_a_drafts_pdf_is_for_staff_only(client, director):
    edition = edition_pdf_render(edition=edition_draft_build(kind="annual", year=2026, actor=director))
    assert client.get("/reports/annual/2026.pdf").status_code == 404
    client.force_login(director)
    assert client.get(f"/reports/editions/{edition.pk}/pdf/").status_code == 200


def test_the_public_page_costs_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    first = published(director, executive_summary="One.")
    for n in range(3):
        first = corrected(director, first, changelog=f"Fix {n}.")
    with django_assert_max_num_queries(3):  # the version, the newer one it links to, the list of versions
        assert client.get("/reports/annual/2026/v2/").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/reports/annual/").status_code == 200


# The PDF: the same headings as the page, and a chart's table.


def _pdf_text(edition):
    with edition.pdf.open("rb") as pdf:
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.read(), capture_output=True, check=True)
    return text.stdout.decode()


def test_the_pdf_has_the_same_headings_as_the_page_and_a_charts_table(client, director, intake_user):
    for _ in range(2):
        case_received(intake_user)
    edition = edition_pdf_render(edition=published(director, executive_summary="Summary for print."))
    text = " ".join(_pdf_text(edition).split())
    page = client.get("/reports/annual/2026/").content.decode()
    headings = ["Executive summary", "Highlights", "Overview of the Board, its staff and its functions"]
    for heading in headings:
        assert heading in page and heading in text, heading
    assert "Summary for print." in text
    charts = [b["chart"] for item in edition.snapshot["items"] for b in item["blocks"] if b["type"] == "chart"]
    assert charts, "the snapshot has charts"
    assert charts[0]["title"] in text and "Category" in text  # the table under the chart


# The Director's pages.


def test_the_director_sees_the_editions(client, director):
    edition_draft_build(kind="annual", year=2026, actor=director)
    client.force_login(director)
    page = client.get("/reports/editions/").content.decode()
    assert "Annual report 2026" in page and "Build the draft" in page


def test_the_board_cannot_open_a_draft(client, director, board_members):
    edition = edition_draft_build(kind="annual", year=2026, actor=director)
    client.force_login(board_members[0])
    assert client.get(f"/reports/editions/{edition.pk}/").status_code == 403


def test_the_director_saves_the_executive_summary(client, director):
    edition = edition_draft_build(kind="annual", year=2026, actor=director)
    client.force_login(director)
    response = client.post(f"/reports/editions/{edition.pk}/", {"executive_summary": "Written.", "overview": "Us."})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.executive_summary, edition.overview) == ("Written.", "Us.")
    assert edition.history.first().history_user == director


def test_a_correction_without_a_changelog_shows_the_error_summary(client, director):
    draft = edition_correct(edition=published(director), actor=director, changelog="Fix.")
    client.force_login(director)
    response = client.post(f"/reports/editions/{draft.pk}/", {"executive_summary": "x", "changelog": ""})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()


def test_publishing_from_the_page_freezes_the_report(client, director):
    edition = edition_draft_build(kind="annual", year=2026, actor=director)
    client.force_login(director)
    assert "Publish this report" in client.get(f"/reports/editions/{edition.pk}/publish/").content.decode()
    assert client.post(f"/reports/editions/{edition.pk}/publish/").status_code == 302
    edition.refresh_from_db()
    assert edition.status == "published"
    page = client.get(f"/reports/editions/{edition.pk}/").content.decode()
    assert "Save the texts" not in page and "Start a correction" in page


def test_a_published_report_is_not_rebuilt_from_the_page(client, director):
    edition = published(director)
    client.force_login(director)
    response = client.post(f"/reports/editions/{edition.pk}/rebuild/", follow=True)
    assert "A published report never changes." in response.content.decode()
    assert not Job.objects.exists()


def test_starting_a_correction_from_the_page_opens_the_new_draft(client, director):
    edition = published(director)
    client.force_login(director)
    response = client.post(f"/reports/editions/{edition.pk}/correct/", {"changelog": "Item g fixed."})
    correction = ReportEdition.objects.get(version=2)
    assert response["Location"] == f"/reports/editions/{correction.pk}/"
    assert correction.changelog == "Item g fixed."


def test_building_a_draft_from_the_page_starts_a_job(client, director):
    client.force_login(director)
    response = client.post("/reports/editions/build/", {"kind": "quarterly", "year": 2026, "quarter": "2"})
    job = Job.objects.get()
    assert response["Location"] == f"/staff/jobs/{job.pk}/"
    assert (job.kind, job.started_by) == (Job.Kind.REPORT_EDITION, director)


def test_rendering_the_pdf_from_the_page_starts_a_job(client, director):
    edition = edition_draft_build(kind="annual", year=2026, actor=director)
    client.force_login(director)
    response = client.post(f"/reports/editions/{edition.pk}/render/")
    assert response["Location"] == f"/staff/jobs/{Job.objects.get().pk}/"


def test_the_editions_list_costs_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    editions = [
        ReportEdition(kind="annual", year=2026, version=v, status="superseded", changelog="x", snapshot={})
        for v in range(1, 61)
    ]
    ReportEdition.objects.bulk_create(editions)  # more rows than one page (50)
    client.force_login(director)
    with django_assert_max_num_queries(9):  # session, user, roles, count and page, whatever the rows
        page = client.get("/reports/editions/")
    assert page.status_code == 200 and "Next page" in page.content.decode()
