"""An investigator's day in Chromium (issue 12, Proof): land on my work, open the most urgent case,
move between its sections by keyboard, answer from the records section, and read how a deadline was
counted. axe-core finds nothing on each section page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from tests.arrange import case_investigating
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in

pytestmark = pytest.mark.django_db(transaction=True)

# A Wednesday morning in Portland.
MORNING = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=True) as traveller:
        yield traveller


def _arrange(clock):
    """Two investigations assigned to Ivan; the one opened five months ago is due first."""
    intake, director = make_user(Role.INTAKE, username="ines"), make_user(Role.DIRECTOR, username="dana")
    ivan = make_user(Role.INVESTIGATOR, username="ivan")
    ivan.first_name, ivan.last_name = "Ivan", "Inquirer"
    ivan.save(update_fields=["first_name", "last_name"])
    clock.move_to(MORNING - timedelta(days=150))
    urgent = case_investigating(intake, director, ivan)
    clock.move_to(MORNING - timedelta(days=10))
    later = case_investigating(intake, director, ivan)
    clock.move_to(MORNING)
    return urgent, later


def _tab_to(page, name, limit=60):
    """Presses Tab until the link named ``name`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _open_section_by_keyboard(page, case, label, key):
    nav = page.get_by_role("navigation", name=f"Sections of case {case.number}")
    nav.get_by_role("link", name="Overview").focus()
    _tab_to(page, label)
    expect(nav.get_by_role("link", name=label, exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/complaints/staff/cases/{case.pk}/{key}/#case-section$"))
    expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute("aria-current", "page")
    # The section the link opened has the focus, so the next Tab and a screen reader start there.
    expect(page.locator("#case-section")).to_be_focused()
    assert_no_axe_violations(page)


def test_an_investigators_day_from_my_work_to_the_records_section(page, live_server, clock):
    urgent, later = _arrange(clock)
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, live_server, "ivan")

    # My work lists the investigations by next deadline: the most urgent one first.
    expect(page.get_by_role("heading", name="Staff portal")).to_be_visible()
    mine = page.get_by_role("list", name=re.compile("My investigations, by next deadline"))
    links = mine.get_by_role("link")
    expect(links.first).to_have_text(urgent.number)
    expect(links.nth(1)).to_have_text(later.number)
    assert_no_axe_violations(page)
    links.first.click()

    # The overview: the summary with the next deadline and the section the stage needs.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {urgent.number}")
    expect(page.locator("#case-status")).to_have_text("Under investigation")
    expect(page.locator("#case-investigator")).to_have_text("Ivan Inquirer")
    expect(page.locator("#case-next-deadline")).to_contain_text("Investigation: 180 days from commencement")
    assert_no_axe_violations(page)

    # Between sections by keyboard, each page clean for axe.
    _open_section_by_keyboard(page, urgent, "Complaint and filers", "complaint")
    _open_section_by_keyboard(page, urgent, "Interviews", "interviews")
    _open_section_by_keyboard(page, urgent, "Records requests", "records")

    # Answer from the records section: ask PPB for the records; the page comes back to the section.
    form = page.locator("form", has=page.get_by_role("button", name="Send records request"))
    form.get_by_label("Records sought").fill("Body-camera footage of the stop\nDispatch log for the stop")
    form.get_by_role("button", name="Send records request").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Records request sent to PPB.")
    expect(page).to_have_url(re.compile(rf"/complaints/staff/cases/{urgent.pk}/records/$"))
    request = page.locator("[id^=records-request-]").first
    expect(request).to_contain_text("Records request: 5 business days")

    # How the due date was counted: each day, counted or not, and why.
    request.get_by_text("How this date was counted").click()
    steps = request.locator("details ol li")
    expect(steps.first).to_be_visible()
    expect(request.locator("details")).to_contain_text("not counted")
    expect(request.locator("details")).to_contain_text("counted")
    assert_no_axe_violations(page)

    # The five business days now come before the 180 days: the summary names the nearer clock.
    expect(page.locator("#case-next-deadline")).to_contain_text("Records request: 5 business days")
    page.screenshot(path="/tmp/investigator_day_records.png", full_page=True)
