"""The public notice of hearings (issue 9.5) passes axe-core in every public language and names no one."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from tests.arrange import case_before_panel
from tests.conftest import make_board_user, make_user
from tests.discipline.arrange_hearings import hearing_in
from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_the_public_hearings_page_is_accessible_in_every_language(page, live_server):
    director = make_user(Role.DIRECTOR, username="director_e2e")
    board = [make_board_user(f"board_e2e{i}") for i in range(3)]
    case, panel = case_before_panel(
        make_user(Role.INTAKE, username="intake_e2e"),
        director,
        make_user(Role.INVESTIGATOR, username="investigator_e2e"),
        board,
    )
    hearing_in(panel, director, days=30, place="City Hall, Rose Room", online_link="https://meet.example/cbpa")
    for language in LANGUAGES:
        page.goto(f"{live_server.url}/")
        page.locator(f'.site-languages button[value="{language}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.goto(f"{live_server.url}/board/hearings/")
        expect(page.locator("#public-hearings")).to_contain_text(case.number)
        assert_no_axe_violations(page)
