"""The Board's roster, sub-committee, training and bylaws pages in Chromium: axe finds nothing, and the
Director records a bylaws version on the page (issue 9 parts 1-2)."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from oversight.governance.models import BodyRule
from oversight.governance.services import bylaws_version_record
from tests.conftest import make_board_user, make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in
from tests.governance.arrange_board import board_arrange

pytestmark = pytest.mark.django_db(transaction=True)


def _arrange():
    director = make_user(Role.DIRECTOR, username="dana")
    members = [make_board_user(f"board{i}") for i in (1, 2, 3)]
    make_board_user("alternate1", kind="alternate", term_end_on=date(2099, 1, 1))
    subcommittee = board_arrange(director, members)
    bylaws_version_record(
        actor=director,
        label="Bylaws v2",
        adopted_on=date(2020, 1, 1),
        adopting_body="board",
        reason="Amendment",
        rules={
            "appeals": {
                "size": 5,
                "quorum": Decimal("0.6"),
                "threshold": Decimal("0.6"),
                "tie_rule": "investigator_finding_stands",
                "appeal_window_days": 14,
                "notice_days": 7,
                "training_required": True,
            }
        },
    )
    return subcommittee


@pytest.mark.parametrize("username", ["dana", "board2"])
def test_axe_finds_nothing_on_the_boards_pages(page, live_server, username):
    subcommittee = _arrange()
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, live_server, username)
    failures = []
    for path in ("members/", "subcommittees/", f"subcommittees/{subcommittee.pk}/", "trainings/", "bylaws/"):
        response = page.goto(f"{live_server.url}/board/{path}")
        assert response.status == 200, path
        try:
            assert_no_axe_violations(page)
        except AssertionError as failure:
            failures.append(f"{path}: {failure}")
    assert failures == []


def test_the_director_records_a_bylaws_version_on_the_page(page, live_server):
    _arrange()
    log_in(page, live_server, "dana")
    page.goto(f"{live_server.url}/board/bylaws/")
    page.locator("#id_label").fill("Bylaws v3")
    page.locator("#id_adopted_on").fill("2021-03-04")
    page.locator("#id_body").select_option("disciplinary")
    page.locator("#id_size").fill("5")
    page.locator("#id_reason").fill("Amendment 7")
    page.get_by_role("button", name="Record version").click()
    expect(page.locator("#rules-disciplinary")).to_contain_text("3 of 5 members must vote; 3 must agree.")
    expect(page.locator("#rules-disciplinary")).to_contain_text("Bylaws v3, adopted 2021-03-04")
    assert BodyRule.objects.get(body="disciplinary").size == 5
