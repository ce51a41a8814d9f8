"""Civil suits' pages: the staff list (filters, constant queries), the Director's forms, the public aggregate."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from oversight.governance.models import CivilSuit

from .arrange_suits import NOW, settled, suit_arrange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_board_reads_the_list_with_the_officers_named(client, director, board_members):
    suit_arrange(director)
    client.force_login(board_members[0])
    page = client.get("/board/civil-suits/")
    assert page.status_code == 200
    assert "Doe v. City of Portland" in page.content.decode()
    assert "Holloway" in page.content.decode()
    assert "Record a civil suit" not in page.content.decode()


def test_the_list_filters_by_year_status_and_nature(client, director):
    suit_arrange(director, caption="Pending suit", court_case_number="P-1")
    settled(director, "S-1", "10.00", caption="Settled suit", nature="false_arrest")
    client.force_login(director)
    html = client.get("/board/civil-suits/", {"status": "settled"}).content.decode()
    assert "Settled suit" in html and "Pending suit" not in html
    html = client.get("/board/civil-suits/", {"nature": "excessive_force"}).content.decode()
    assert "Pending suit" in html and "Settled suit" not in html
    html = client.get("/board/civil-suits/", {"year": "2025"}).content.decode()
    assert "Pending suit" not in html and "Settled suit" not in html


def test_the_list_costs_the_same_queries_for_many_suits(client, director, django_assert_max_num_queries):
    client.force_login(director)
    for n in range(12):
        suit_arrange(director, court_case_number=f"N-{n}")
    with django_assert_max_num_queries(10):
        assert client.get("/board/civil-suits/").status_code == 200


def test_the_director_records_a_suit_through_the_form(client, director):
    client.force_login(director)
    data = {
        "caption": "Roe v. Officer",
        "court": "Multnomah County Circuit Court",
        "court_case_number": "26CV1234",
        "filed_on": "2026-03-01",
        "nature": "discrimination",
        "status": "pending",
        "reason": "Served on the City",
    }
    response = client.post("/board/civil-suits/record/", data)
    suit = CivilSuit.objects.get()
    assert response.status_code == 302 and response.url == f"/board/civil-suits/{suit.pk}/"
    assert suit.history.get().history_user == director


def test_the_form_refuses_a_negative_fee_with_the_field_named(client, director):
    client.force_login(director)
    suit = suit_arrange(director)
    response = client.post(
        f"/board/civil-suits/{suit.pk}/edit/",
        {
            "caption": suit.caption,
            "court": suit.court,
            "court_case_number": suit.court_case_number,
            "filed_on": "2026-02-03",
            "nature": "excessive_force",
            "status": "pending",
            "legal_fees": "-1",
            "reason": "x",
        },
    )
    assert response.status_code == 400
    suit.refresh_from_db()
    assert suit.legal_fees is None


def test_the_public_page_shows_totals_by_nature_and_names_no_officer(client, director):
    settled(director, "S-1", "125000.00", legal_fees=Decimal("9000.00"))
    suit_arrange(director, court_case_number="P-1", nature="false_arrest", filed_on=date(2026, 4, 1))
    page = client.get("/participate/civil-suits/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "$125,000.00" in html and "$9,000.00" in html
    assert "False arrest" in html
    for private in ("Holloway", "Doe v. City of Portland", "S-1", "P-1", "Robin"):
        assert private not in html
