"""One case through every stage of the law, done by real people clicking real pages in Chromium.

Complaint (R1.1) -> allegation and case-handling decision (R1.8) -> notice to the Chief (R2.1) ->
investigation with its 180-day clock (R2.3) -> records request answered by PPB (R2.6) -> finding
(R2.8) -> hearings panel and votes (R3.1, R3.2) -> discipline (R3.5) -> annual report (R5.1).
Only the roster, the allegation types, the user accounts and the report's draft (a job's work) are arranged
outside the browser.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Case
from oversight.accounts.roles import Role
from reports.editions import edition_draft_build
from tests.conftest import make_board_user, make_user
from tests.discipline.arrange_discipline import starter_guide
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in as _log_in
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, pdf_bytes

PDF_BYTES = pdf_bytes()

pytestmark = pytest.mark.django_db(transaction=True)

SUSTAINED = "Out of Policy (sustained)"


def _person(role, username, first_name, last_name):
    # Board members hold a term (issue 9): only serving members are offered for a panel.
    user = make_board_user(username) if role == Role.BOARD else make_user(role, username=username)
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


def _log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Staff login")).to_be_visible()


def _form(page, button):
    """The form that a named submit button belongs to, so same-named fields ("Reason") stay apart."""
    return page.locator("form", has=page.get_by_role("button", name=button, exact=True))


def _expect_success(page, text):
    expect(page.locator(".usa-alert--success")).to_contain_text(text)


def _section(page, number, label):
    """Opens a section of the case page from its side navigation (issue 12.2)."""
    nav = page.get_by_role("navigation", name=f"Sections of case {number}")
    nav.get_by_role("link", name=label, exact=True).click()
    expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute("aria-current", "page")


def _open_case_from_queue(page, number):
    page.get_by_role("link", name="Staff portal").click()
    page.get_by_role("link", name="Intake queue").first.click()  # my work has one too (issue 12.1)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {number}")


def test_a_case_goes_through_every_stage_of_the_law_in_the_browser(page, live_server):
    EmployeeFactory(badge_number="41234")
    AllegationTypeFactory()
    ChiefFactory()
    _person(Role.INTAKE, "ines", "Ines", "Intake")
    _person(Role.DIRECTOR, "dana", "Dana", "Director")
    _person(Role.INVESTIGATOR, "ivan", "Ivan", "Inquirer")
    _person(Role.INVESTIGATOR, "olga", "Olga", "Other")
    make_user(Role.LIAISON, username="lee")
    boards = [
        _person(Role.BOARD, "board1", "Bea", "Ames"),
        _person(Role.BOARD, "board2", "Bo", "Brandt"),
        _person(Role.BOARD, "board3", "Bram", "Cole"),
    ]
    _person(Role.BOARD, "board4", "Bix", "Dunn")  # on the Board but not on this panel
    starter_guide()  # the migration's data; a browser test before this one may have flushed it

    # 1. A community member files a complaint.
    page.goto(f"{live_server.url}/complaints/new/")
    page.locator("label", has_text="I experienced the alleged misconduct").click()
    page.get_by_label("What happened?").fill("An officer swore at me when I asked for his badge number.")
    page.get_by_label("Date of the incident").fill("2026-11-01")
    page.get_by_label("Where did it happen?").fill("SE Hawthorne & 39th")
    page.get_by_role("button", name="Submit complaint").click()
    number = page.locator("#case-number").inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", number)
    case_pk = Case.objects.get(number=number).pk
    case_url = f"{live_server.url}/complaints/staff/cases/{case_pk}/"

    # 2. Intake staff add the allegation and route the case to a full investigation.
    _log_in(page, live_server, "ines")
    page.get_by_role("link", name="Intake queue").first.click()  # my work has one too (issue 12.1)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=number).click()
    expect(page.locator("#case-status")).to_have_text("Received")
    assert_no_axe_violations(page)
    allegation = _form(page, "Add allegation")
    allegation.get_by_label("Allegation type").select_option(label="Discourtesy")
    allegation.get_by_label("Badge number of the Covered Employee").fill("41234")
    allegation.get_by_role("button", name="Add allegation").click()
    _expect_success(page, "Allegation added.")
    expect(page.locator("#allegations")).to_contain_text("Discourtesy")
    decision = _form(page, "Record decision")
    decision.get_by_label("Case-handling decision").select_option(label="Full investigation by OCPA")
    decision.get_by_label("Reason").fill("A named officer and a specific act: this warrants investigation.")
    decision.get_by_role("button", name="Record decision").click()
    _expect_success(page, "Case-handling decision recorded.")
    expect(page.locator("#case-status")).to_have_text("Awaiting investigation")
    _log_out(page)

    # 3. The Director notifies the Chief, then opens the investigation and assigns it.
    _log_in(page, live_server, "dana")
    _open_case_from_queue(page, number)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send notice to the Chief").click()
    _expect_success(page, "Notice to the Chief sent.")
    expect(page.locator("#chief-notice")).to_be_visible()
    opening = _form(page, "Open investigation")
    opening.get_by_label("Assign to investigator").select_option(label="Ivan Inquirer (0 open)")
    opening.get_by_role("button", name="Open investigation").click()
    _expect_success(page, "Investigation opened")
    expect(page.locator("#case-status")).to_have_text("Under investigation")
    expect(page.locator("#case-section").get_by_text("Investigation: 180 days from commencement")).to_be_visible()
    expect(page.locator("#case-next-deadline")).to_contain_text("Investigation: 180 days from commencement")
    assert_no_axe_violations(page)
    _log_out(page)

    # 4. The assigned investigator asks PPB for records.
    _log_in(page, live_server, "ivan")
    page.get_by_role("link", name="Investigations and their clocks").first.click()
    expect(page.get_by_role("row", name=re.compile(number))).to_contain_text("Ivan Inquirer")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=number).click()
    _section(page, number, "Records requests")
    records = _form(page, "Send records request")
    records.get_by_label("Records sought").fill("Body-camera footage of the stop\nDispatch log for the stop")
    records.get_by_role("button", name="Send records request").click()
    _expect_success(page, "Records request sent to PPB.")
    page.screenshot(path="/tmp/case_investigation_stage.png", full_page=True)
    assert_no_axe_violations(page)
    _log_out(page)

    # 5. The PPB liaison answers from the inbox, and never sees the case itself.
    _log_in(page, live_server, "lee")
    expect(page).to_have_url(re.compile(r"/staff/investigations/ppb/requests/$"))
    expect(page.get_by_role("row", name=re.compile(r"Request \d+"))).to_contain_text("Sent")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^Request \d+$")).click()
    expect(page.get_by_role("heading", name="Records sought")).to_be_visible()
    footage, dispatch = page.locator("section.records-item").all()
    expect(footage.get_by_role("heading")).to_have_text("1. Body-camera footage of the stop")
    assert_no_axe_violations(page)
    footage.locator("label", has_text="Produced").first.click()
    footage.locator("input[type=file]").set_input_files(
        files=[{"name": "bwc-stop.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    footage.get_by_role("button", name="Send answer to OCPA").click()
    _expect_success(page, "Answer for “Body-camera footage of the stop” sent to OCPA.")
    expect(page.locator("#request-status")).to_have_text("Partly answered")

    # Withholding without a legal justification is refused; what was typed stays.
    dispatch = page.locator("section.records-item").nth(1)
    dispatch.locator("label", has_text="Withheld").click()
    dispatch.get_by_label("Reason").fill("Part of an open criminal investigation")
    dispatch.get_by_role("button", name="Send answer to OCPA").click()
    dispatch = page.locator("section.records-item").nth(1)
    expect(dispatch.get_by_text("needs both the reason and the legal justification").first).to_be_visible()
    expect(dispatch.get_by_label("Reason")).to_have_value("Part of an open criminal investigation")
    assert_no_axe_violations(page)
    dispatch.get_by_label("Legal justification").fill("ORS 192.345(3): criminal investigatory material")
    dispatch.get_by_role("button", name="Send answer to OCPA").click()
    _expect_success(page, "Answer for “Dispatch log for the stop” sent to OCPA.")
    expect(page.locator("#request-status")).to_have_text("Answered")
    page.get_by_role("link", name="Staff portal").click()
    expect(page.get_by_role("row", name=re.compile(r"Request \d+"))).to_contain_text("Answered")
    response = page.goto(case_url)
    assert response.status == 403
    page.goto(f"{live_server.url}/")
    _log_out(page)

    # 6. The investigator records a sustained finding and completes the investigation.
    _log_in(page, live_server, "ivan")
    page.get_by_role("link", name="Investigations and their clocks").first.click()
    page.get_by_role("link", name=number).click()
    _section(page, number, "Records requests")
    page.get_by_role("link", name=re.compile(r"^Request \d+$")).click()
    withheld = page.locator("section.records-item").nth(1)
    expect(withheld).to_contain_text("Withheld")
    expect(withheld).to_contain_text("Part of an open criminal investigation")
    expect(withheld).to_contain_text("ORS 192.345(3): criminal investigatory material")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download bwc-stop.pdf")).click()
    assert Path(download.value.path()).read_bytes() == PDF_BYTES
    page.go_back()
    _section(page, number, "Findings")
    finding = _form(page, "Save finding")
    finding.get_by_label("Finding").select_option(label=SUSTAINED)
    finding.get_by_label("Rationale").fill("The footage shows the officer swearing; no justification given.")
    finding.get_by_role("button", name="Save finding").click()
    _expect_success(page, "Finding recorded.")
    page.get_by_role("button", name="Complete investigation").click()
    _expect_success(page, "Investigation completed.")
    expect(page.locator("#case-status")).to_have_text("Findings ready for the Board")
    _log_out(page)

    # 7. The Director convenes a hearings panel of three Board members.
    _log_in(page, live_server, "dana")
    _open_case_from_queue(page, number)
    assert_no_axe_violations(page)
    # The bylaws seat three; the rotation offers the Board and ticks the first three (none has sat yet).
    for member in boards:
        expect(page.get_by_label(str(member))).to_be_checked()
    expect(page.get_by_label("Bix Dunn")).not_to_be_checked()
    page.get_by_role("button", name="Convene hearings panel").click()
    _expect_success(page, "Panel convened.")
    expect(page.locator("#case-status")).to_have_text("Before a Board panel")
    _log_out(page)

    # 8. Each member votes at the hearing; then one closes voting.
    for n, member in enumerate(boards):
        _log_in(page, live_server, member.username)
        page.get_by_role("link", name="Board panels and hearings").first.click()
        if n == 0:
            assert_no_axe_violations(page)
        page.get_by_role("link", name=number).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(number)
        if n == 0:
            assert_no_axe_violations(page)
        page.locator("label", has_text=SUSTAINED).click()
        page.get_by_role("button", name="Cast vote").click()
        _expect_success(page, "Vote recorded.")
        expect(page.get_by_label(SUSTAINED)).to_be_checked()  # votes may change until voting closes
        if n < len(boards) - 1:
            _log_out(page)
    page.screenshot(path="/tmp/hearing_panel.png", full_page=True)
    page.locator("label", has_text="I confirm voting is complete").click()
    page.get_by_role("button", name="Close voting and record results").click()
    _expect_success(page, "Voting closed; results recorded.")
    expect(page.locator(".site-result")).to_contain_text(f"Panel result: {SUSTAINED}")
    expect(page.locator("#panel-status")).not_to_have_text("Open")

    # 9. The panel adopts corrective action by its vote (the discipline guide's least serious category,
    #    whose presumptive sanction is corrective: final at once, no Loudermill), which closes the case.
    assert_no_axe_violations(page)
    proposal = page.locator("form[id^=proposal-form-]")
    category = proposal.get_by_label("Misconduct category")
    category.select_option(category.locator("option", has_text="Category A").get_attribute("value"))
    level = proposal.get_by_label("Sanction level")
    level.select_option(level.locator("option", has_text="Command counseling").get_attribute("value"))
    proposal.get_by_label("Just Cause rationale").fill("Discourtesy bears on the officer's work with the public.")
    proposal.get_by_role("button", name="Propose discipline").click()
    _expect_success(page, "Discipline proposed")
    for n, member in enumerate(boards[:2]):
        if n:
            _log_out(page)
            _log_in(page, live_server, member.username)
            page.goto(f"{live_server.url}/board/panels/{Case.objects.get(number=number).panels.get().pk}/")
        page.locator("#discipline-proposals label", has_text="Approve").click()
        page.get_by_role("button", name="Vote on the proposal").click()
        expect(page.locator(".usa-alert--success")).to_be_visible()
    expect(page.locator("#discipline-proposals")).to_contain_text("Adopted: Command counseling")
    assert Case.objects.get(number=number).status == "closed"
    # Board members read a case only through its hearing page, never the staff case file.
    assert page.request.get(case_url).status == 403
    _log_out(page)
    _log_in(page, live_server, "dana")
    page.goto(case_url)
    expect(page.locator("#case-status")).to_have_text("Closed")
    assert_no_axe_violations(page)
    _log_out(page)

    # 10. The Director publishes the year's report (its draft built from the data, as the schedule or the
    #     Director's "Build" job would); anyone can then read it, the officer only as "Employee A".
    year = timezone.localdate().year
    edition = edition_draft_build(kind="annual", year=year, actor=get_user_model().objects.get(username="dana"))
    _log_in(page, live_server, "dana")
    page.goto(f"{live_server.url}/reports/editions/{edition.pk}/")
    page.get_by_role("link", name="Publish…").click()
    page.get_by_role("button", name="Publish this report").click()
    expect(page.get_by_role("link", name="Start a correction…")).to_be_visible()
    _log_out(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Annual report").click()
    page.locator(f'main a[href="/reports/annual/{year}/"]').click()
    cases = page.locator("#item-d")
    expect(cases).to_contain_text(SUSTAINED)
    expect(cases).to_contain_text("Employee A")
    expect(cases).not_to_contain_text("41234")
    assert_no_axe_violations(page)
