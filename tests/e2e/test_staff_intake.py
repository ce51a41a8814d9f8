"""Staff intake in Chromium: a phoned-in complaint, the roster search, the decision and its
reconsideration by the Director, an incident group and the allegation types, with axe on every page."""

import pytest
from playwright.sync_api import expect

from intake.models import Case, ReconsiderationRequest
from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in as _log_in
from tests.factories import AllegationTypeFactory, EmployeeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _form(page, button):
    return page.locator("form", has=page.get_by_role("button", name=button, exact=True))


def test_staff_enter_triage_and_reconsider_a_phoned_in_complaint(page, live_server):
    EmployeeFactory(first_name="José", last_name="García", badge_number="41234")
    AllegationTypeFactory()
    make_user(Role.INTAKE, username="ines")
    make_user(Role.DIRECTOR, username="dana")

    _log_in(page, live_server, "ines")
    page.get_by_role("link", name="Enter a complaint received by phone, mail, e-mail or in person").click()
    assert_no_axe_violations(page)
    page.locator("label", has_text="Phone").first.click()
    page.locator("label", has_text="I experienced the alleged misconduct").click()
    page.get_by_label("What happened?").fill("Caller says an officer pushed her at a bus stop.")
    page.get_by_label("Date of the incident").fill("2026-11-01")
    page.get_by_label("Where did it happen?").fill("SE Hawthorne & 39th")
    page.get_by_label("Your e-mail address").fill("caller@example.org")
    page.get_by_role("button", name="Enter complaint").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Complaint entered.")
    case = Case.objects.get()

    # Tolerant roster search without JavaScript: no accent, lower case, part of the name.
    page.get_by_label("Find on the roster by name or badge number").fill("garc")
    page.get_by_role("button", name="Search the roster").click()
    assert_no_axe_violations(page)
    page.locator("label", has_text="García").click()
    _form(page, "Add allegation").get_by_label("Allegation type").select_option(label="Discourtesy")
    page.get_by_role("button", name="Add allegation").click()
    expect(page.locator("#allegations")).to_contain_text("García")

    decision = _form(page, "Record decision")
    decision.get_by_label("Case-handling decision").select_option(label="Dismissal")
    decision.get_by_label("Reason").fill("No misconduct alleged")
    page.get_by_role("button", name="Record decision").click()
    assert Notice.objects.filter(recipient_address="caller@example.org", subject__startswith="Decision").exists()

    request_form = _form(page, "Record request")
    request_form.get_by_label("What the filer asks and why").fill("She called back: a bystander filmed it.")
    page.get_by_role("button", name="Record request").click()
    expect(page.locator("#reconsiderations")).to_contain_text("Awaiting the Director")
    assert_no_axe_violations(page)

    page.goto(f"{live_server.url}/complaints/staff/?channel=phone")
    expect(page.get_by_role("link", name=case.number)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Incident groups").first.click()
    page.get_by_label("Name of the incident").fill("Bus stop, 1 November")
    page.get_by_role("button", name="Create group").click()
    page.get_by_label("Case number").fill(case.number)
    page.get_by_role("button", name="Add case").click()
    expect(page.locator("#group-cases")).to_contain_text(case.number)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Log out").click()

    _log_in(page, live_server, "dana")
    page.goto(f"{live_server.url}/complaints/staff/cases/{case.pk}/")
    assert_no_axe_violations(page)
    answer = _form(page, "Record the Director's decision")
    answer.locator("label", has_text="Change the decision").click()
    answer.get_by_label("New decision").select_option(label="Full investigation by OCPA")
    answer.get_by_label("Reason").fill("The video shows force")
    page.get_by_role("button", name="Record the Director's decision").click()
    expect(page.locator("#reconsiderations")).to_contain_text("Decision changed")
    assert ReconsiderationRequest.objects.get().outcome == "changed"
    expect(page.locator("#case-status")).to_have_text("Awaiting investigation")

    page.goto(f"{live_server.url}/complaints/staff/allegation-types/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 400])
def test_the_roster_search_button_is_whole_and_clear_of_the_allegation_form(page, live_server, width):
    """Issue 8: the button's label was clipped and the search ran into "Add an allegation"."""
    from tests.factories import file_complaint

    EmployeeFactory(first_name="José", last_name="García", badge_number="41234")
    case = file_complaint()
    make_user(Role.INTAKE, username="ines")
    _log_in(page, live_server, "ines")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/complaints/staff/cases/{case.pk}/?q=garc")
    button = page.get_by_role("button", name="Search the roster")
    # The whole label fits inside the button: nothing is cut off.
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight")
    search, field = page.locator("#roster-search").bounding_box(), page.locator("#id_q").bounding_box()
    legend = page.locator("legend", has_text="Add an allegation").bounding_box()
    box = button.bounding_box()
    assert box["x"] + box["width"] <= search["x"] + search["width"] + 0.5  # inside its form
    assert box["y"] + box["height"] <= legend["y"] - 16  # and clear of the next form's heading
    assert search["y"] + search["height"] <= legend["y"] - 16
    assert field["y"] + field["height"] <= legend["y"] - 16
    assert_no_axe_violations(page)
