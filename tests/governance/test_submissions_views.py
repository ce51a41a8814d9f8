"""PPB's data submissions on the pages and the API (issue 10 part F, R4.7)."""

from datetime import date, datetime

import pytest
import time_machine

from oversight.accounts.my_work import my_work_for
from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import DataStandard, DataSubmission, DataSubmissionRow
from oversight.governance.submissions import data_period_create_due, data_submission_submit
from tests.governance.arrange_submissions import GOOD_ROWS, csv_file, periods_for, standard_record

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 5, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def january(director, board_members):
    _version, created = periods_for(director)
    return next(p for p in created if p.start_on == date(2026, 1, 1))


def test_the_director_records_a_standard_on_the_page(client, director, board_members):
    client.force_login(director)
    response = client.post(
        "/board/data/standards/record/",
        {
            "name": "Stops, quarterly",
            "description": "",
            "frequency": "quarterly",
            "grace_days": "30",
            "in_force_on": "2026-04-01",
            "columns": "quarter,date,required,First day\nstops,integer,required,Number of stops\n"
            "kind,choice,optional,Kind of stop,traffic|pedestrian",
            "vote_on": "2026-03-01",
            "votes_yes": "3",
            "votes_no": "0",
            "votes_abstain": "0",
            "reason": "Board meeting of 1 March",
        },
    )
    standard = DataStandard.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/board/data/standards/{standard.pk}/"
    columns = standard.versions.get().columns.all()
    assert [(c.name, c.kind, c.is_required, c.allowed_values) for c in columns] == [
        ("quarter", "date", True, []),
        ("stops", "integer", True, []),
        ("kind", "choice", False, ["traffic", "pedestrian"]),
    ]


def test_a_column_line_that_cannot_be_read_is_named_on_the_page(client, director, board_members):
    client.force_login(director)
    response = client.post("/board/data/standards/record/", {"name": "X", "columns": "count,number,required"})
    assert response.status_code == 400
    assert b"Line 1: write name, type" in response.content
    assert DataStandard.objects.count() == 0


def test_the_liaison_sees_the_periods_owed_and_uploads_a_good_file(client, january, liaison):
    client.force_login(liaison)
    page = client.get("/board/data/ppb/")
    assert b"Use of force, aggregates: 2026-01-01" in page.content and b"Overdue" in page.content
    response = client.post(f"/board/data/ppb/{january.pk}/upload/", {"file": csv_file(GOOD_ROWS)})
    assert response.status_code == 302
    assert DataSubmission.objects.get().row_count == 3


def test_a_file_with_one_bad_row_is_refused_on_the_page_with_the_row_named(client, january, liaison):
    client.force_login(liaison)
    response = client.post(
        f"/board/data/ppb/{january.pk}/upload/", {"file": csv_file(GOOD_ROWS + "2026-01-01,north,abc,,\n")}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "The file was refused: 1 error. Nothing was stored." in text
    assert "Row 5, column &#x27;count&#x27;: &#x27;abc&#x27; is not a whole number." in text
    assert DataSubmissionRow.objects.count() == 0


def test_the_api_stores_a_good_file(client, january, liaison):
    client.force_login(liaison)
    response = client.post(f"/api/v1/data-submissions/{january.pk}/", {"file": csv_file(GOOD_ROWS)})
    assert response.status_code == 201
    assert response.json()["row_count"] == 3 and response.json()["is_current"] is True


def test_the_api_answers_400_with_the_errors_by_row(client, january, liaison):
    client.force_login(liaison)
    body = "2026-01-01,west,abc,,\n2026-01-01,north,1,,\n2026-02-30,east,2,,\n"
    response = client.post(f"/api/v1/data-submissions/{january.pk}/", {"file": csv_file(body)})
    assert response.status_code == 400
    assert response.json() == {
        "detail": ["The file has 3 error(s); none of its rows were stored."],
        "row_2": [
            "Row 2, column 'precinct': 'west' is not one of: north, central, east.",
            "Row 2, column 'count': 'abc' is not a whole number.",
        ],
        "row_4": ["Row 4, column 'month': '2026-02-30' is not a date written YYYY-MM-DD."],
    }
    assert DataSubmissionRow.objects.count() == 0


def test_the_api_names_missing_columns_under_header(client, january, liaison):
    client.force_login(liaison)
    response = client.post(
        f"/api/v1/data-submissions/{january.pk}/", {"file": csv_file("2026-01-01,1\n", header="month,count\n")}
    )
    assert response.status_code == 400
    assert response.json()["header"] == ["Missing column(s): 'precinct', 'rate', 'note'."]


def test_the_api_asks_for_the_reason_of_a_correction(client, january, liaison):
    data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    client.force_login(liaison)
    response = client.post(f"/api/v1/data-submissions/{january.pk}/", {"file": csv_file("2026-01-01,east,4,,\n")})
    assert response.status_code == 400
    assert list(response.json()) == ["correction_reason"]


def test_the_api_lists_the_periods_with_their_status(client, january, liaison):
    client.force_login(liaison)
    results = client.get("/api/v1/data-submissions/").json()["results"]
    assert [(r["start_on"], r["status"]) for r in results] == [("2026-01-01", "overdue"), ("2026-02-01", "owed")]


def test_the_board_reads_a_submissions_rows_and_downloads_them_as_csv(client, january, liaison, board_members):
    submission = data_submission_submit(period=january, upload=csv_file(GOOD_ROWS), actor=liaison)
    client.force_login(board_members[0])
    page = client.get(f"/board/data/submissions/{submission.pk}/")
    assert page.status_code == 200 and b"quiet month" in page.content
    download = client.get(f"/board/data/submissions/{submission.pk}/csv/")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    assert text.splitlines() == [
        "month,precinct,count,rate,note",
        "2026-01-01,north,12,0.5,",
        "2026-01-01,central,7,,quiet month",
        "2026-01-01,east,0,0,",
    ]


def test_the_period_page_shows_the_refused_files_to_the_board(client, january, liaison, director):
    client.force_login(liaison)
    client.post(f"/board/data/ppb/{january.pk}/upload/", {"file": csv_file("2026-01-01,north,abc,,\n")})
    client.force_login(director)
    page = client.get(f"/board/data/periods/{january.pk}/")
    assert "Row 2, column &#x27;count&#x27;: &#x27;abc&#x27; is not a whole number." in page.content.decode()


def test_the_period_list_filters_by_status(client, january, director):
    client.force_login(director)
    page = client.get("/board/data/periods/?status=overdue")
    assert b"2026-01-01" in page.content and b"2026-02-01" not in page.content


def test_the_period_list_costs_the_same_queries_for_many_periods(
    client, director, board_members, django_assert_max_num_queries
):
    with time_machine.travel(datetime(2028, 3, 5, 10, tzinfo=PACIFIC), tick=False):
        standard_record(director)
        standard_record(director, name="Stops, quarterly", frequency="quarterly")
        assert len(data_period_create_due()) > 30
        client.force_login(director)
        with django_assert_max_num_queries(12):
            assert client.get("/board/data/periods/").status_code == 200
        with django_assert_max_num_queries(10):
            assert client.get("/board/data/").status_code == 200


def test_the_liaisons_list_costs_a_few_queries(client, director, board_members, liaison, django_assert_max_num_queries):
    with time_machine.travel(datetime(2028, 3, 5, 10, tzinfo=PACIFIC), tick=False):
        standard_record(director)
        data_period_create_due()
        client.force_login(liaison)
        with django_assert_max_num_queries(10):
            assert client.get("/board/data/ppb/").status_code == 200


def test_my_work_shows_the_liaison_what_is_owed_and_the_director_what_is_overdue(january, liaison, director):
    liaison_parts = [p for _role, parts in my_work_for(user=liaison, now=NOW) for p in parts]
    owed = next(p for p in liaison_parts if p["title"] == "PPB data owed to the Board")
    assert (owed["count"], owed["late"]) == (2, 1)
    director_parts = [p for _role, parts in my_work_for(user=director, now=NOW) for p in parts]
    overdue = next(p for p in director_parts if p["title"] == "PPB data submissions overdue")
    assert overdue["count"] == 1 and overdue["rows"][0]["is_late"]


def test_the_liaison_cannot_open_the_boards_pages(client, january, liaison):
    client.force_login(liaison)
    for url in ("/board/data/", "/board/data/periods/", f"/board/data/periods/{january.pk}/"):
        assert client.get(url).status_code == 403


def test_the_board_reads_a_standards_versions_and_the_director_may_revise_it(client, january, director, board_members):
    standard = january.standard
    client.force_login(board_members[0])
    page = client.get(f"/board/data/standards/{standard.pk}/")
    assert b"Version 1 is in force today." in page.content and b"Record new version" not in page.content
    client.force_login(director)
    assert b"Record new version" in client.get(f"/board/data/standards/{standard.pk}/").content
