"""The Board's half in Chromium (issue 9.12): a hearing with a declared conflict (that member never
offered), a recusal mid-way filled by an alternate, votes, one allegation with no finding adopted,
discipline within the guide with one factor, Loudermill modifying it, the filer appealing in Spanish,
the appeals panel, an arbitration that overturns, and the filer reading each result on the status
page; axe-core on every new page the journey opens.

What a step does not exercise in the browser is arranged with the real services (STYLE.md 7), and
the clock is pinned and moved between steps, so the journey runs the same on any date.
"""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from discipline.hearings import hearing_schedule
from discipline.models import Appeal, DisciplineDecision, Panel, PanelResult, PostBoardProceeding
from discipline.seating import conflict_declare, panel_candidates
from intake.models import Case
from intake.services import allegation_add, case_decide
from investigations.services import chief_notice_send, finding_record, investigation_complete, investigation_open
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance.services import bylaws_version_record
from oversight.notices.models import Notice
from tests.conftest import make_board_user, make_user
from tests.discipline.arrange_discipline import guide_make
from tests.discipline.arrange_results import ACCESS_CODE, filed_case
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=PACIFIC)  # a Monday


def day(n, hour=9):
    return START + datetime.timedelta(days=n, hours=hour - 9)


def _named(user, first):
    user.first_name = first
    user.save(update_fields=["first_name"])
    return user


def _people():
    people = {
        "director": make_user(Role.DIRECTOR, username="dana"),
        "intake": make_user(Role.INTAKE, username="ines"),
        "investigator": make_user(Role.INVESTIGATOR, username="ivan"),
        "alma": _named(make_board_user("alma", kind="alternate"), "Alma"),
    }
    for name in ("ana", "ben", "cy", "dee", "eve", "fay", "gus"):
        people[name] = _named(make_board_user(name), name.title())
    return people


def _bylaws(director):
    """The Board's bylaws: on the hearings panel, no finding adopted lets the investigator's finding stand."""
    numbers = {
        "size": 3,
        "quorum": "0.5001",
        "threshold": "0.5001",
        "appeal_window_days": 30,
        "notice_days": 7,
        "training_required": False,
    }
    bylaws_version_record(
        actor=director,
        label="Bylaws 2026",
        adopted_on=datetime.date(2026, 10, 1),
        adopting_body="board",
        reason="Adopted at the October meeting",
        rules={
            "hearings": {**numbers, "tie_rule": "investigator_finding_stands"},
            "appeals": {**numbers, "tie_rule": "return_to_ocpa"},
        },
    )


def _case_with_findings(p, officers):
    """A Spanish-speaking filer's case, three allegations investigated: force (sustained), discourtesy and
    a failure to identify (the investigator finds both in policy)."""
    case = filed_case(contact_name="Rosa Díaz", contact_method="email", contact_email="rosa@example.org", language="es")
    kinds = [
        (officers[0], AllegationTypeFactory(code="force", name="Excessive force"), "out_of_policy"),
        (officers[1], AllegationTypeFactory(), "in_policy"),
        (officers[1], AllegationTypeFactory(code="identify", name="Failure to identify"), "in_policy"),
    ]
    for officer, kind, _finding in kinds:
        allegation_add(case=case, allegation_type=kind, employee=officer, actor=p["intake"], reason="Named")
    case_decide(case=case, decision="investigate", reason="Force alleged", actor=p["intake"])
    ChiefFactory()
    chief_notice_send(case=case, actor=p["director"])
    investigation_open(case=case, investigator=p["investigator"], actor=p["director"], reason="Assigned")
    for allegation, (_officer, _kind, finding) in zip(case.allegations.order_by("pk"), kinds, strict=True):
        finding_record(allegation=allegation, outcome=finding, rationale="Body-worn video", actor=p["investigator"])
    investigation_complete(investigation=case.investigation, actor=p["investigator"], reason="Findings complete")
    return case


def _vote(page, allegation, finding):
    """On the hearing view, the member ticks a finding for the allegation and casts (or changes) their vote."""
    row = page.locator(f"#allegation-{allegation.pk}")
    radio = row.locator(f"input[type=radio][value='{finding}']")
    row.locator(f"label[for='{radio.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
    expect(radio).to_be_checked()
    row.get_by_role("button", name=re.compile("^(Cast|Change) vote$")).click()
    expect(page.get_by_text("Vote recorded.")).to_be_visible()


def _proposal_vote(page, allegation, choice):
    """On the hearing view, the member votes on the open discipline proposal for the allegation."""
    proposal = page.locator(f"#discipline-{allegation.pk} .site-proposal")
    radio = proposal.locator(f"input[type=radio][value='{choice}']")
    proposal.locator(f"label[for='{radio.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
    expect(radio).to_be_checked()
    proposal.get_by_role("button", name=re.compile("vote on the proposal$", re.IGNORECASE)).click()
    expect(page.get_by_text("Vote recorded.")).to_be_visible()


def _log_in_as(page, live_server, username):
    """A fresh session each time: the login page sends a signed-in user on, and the filer's Spanish cookie goes."""
    page.context.clear_cookies()
    log_in(page, live_server, username)


def _status_page(page, live_server, case):
    """The filer opens their status page in Spanish with their case number and access code."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
    page.goto(f"{live_server.url}/complaints/status/")
    page.locator("input[name=case_number]").fill(case.number)
    page.locator("input[name=access_code]").fill(ACCESS_CODE)
    page.locator("input[name=access_code]").press("Enter")
    expect(page.locator("#board-results")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_no_axe_violations(page)
    return page.locator("#board-results")


def test_the_board_hears_decides_and_the_filer_reads_every_result(page, live_server):
    with time_machine.travel(START, tick=True) as clock:
        p = _people()
        guide = guide_make()
        _bylaws(p["director"])
        officers = [EmployeeFactory(email="smith@police.invalid"), EmployeeFactory(email="jones@police.invalid")]
        case = _case_with_findings(p, officers)
        force, courtesy, identify = case.allegations.order_by("pk")

        # A member declares a conflict (an Immediate Family Member): never offered, never seated.
        conflict_declare(actor=p["dee"], kind="immediate_family", employee=officers[0], description="My brother")
        offered = set(panel_candidates(case=case, kind=Panel.Kind.HEARINGS))
        assert p["dee"] not in offered and {p["ana"], p["ben"], p["cy"]} <= offered

        # The Director opens the case's Board section: Dee is not offered.
        _log_in_as(page, live_server, "dana")
        expect(page.get_by_role("heading", name=re.compile("Panels to convene"))).to_be_visible()
        assert_no_axe_violations(page)  # the Director's home with the Board's parts
        page.goto(f"{live_server.url}/complaints/staff/cases/{case.pk}/board/")
        expect(page.get_by_label(re.compile("^Ana "))).to_have_count(1)
        expect(page.get_by_label(re.compile("^Dee "))).to_have_count(0)
        assert_no_axe_violations(page)

        # The Director convenes the hearings panel there: the first three in the rotation are ticked.
        kind = page.locator("input[name=kind][value=hearings]")
        page.locator(f"label[for='{kind.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
        expect(kind).to_be_checked()
        for name in ("Ana", "Ben", "Cy"):
            expect(page.get_by_label(re.compile(f"^{name} "))).to_be_checked()
        page.get_by_role("button", name=re.compile("^Convene")).click()
        expect(page.get_by_text("Panel convened.")).to_be_visible()
        panel = Panel.objects.get(case=case, kind=Panel.Kind.HEARINGS)
        assert set(panel.members.all()) == {p["ana"], p["ben"], p["cy"]}
        hearing_schedule(panel=panel, starts_at=day(10, 18), place="City Hall, Room C", actor=p["director"])
        panel_url = f"{live_server.url}/board/panels/{panel.pk}/"

        # Mid-way, Ben recuses after voting: his vote is withdrawn and the alternate takes the seat.
        clock.move_to(day(10, 18))
        _log_in_as(page, live_server, "ben")
        page.goto(panel_url)
        assert_no_axe_violations(page)  # the hearing view, a seated member's
        _vote(page, force, "out_of_policy")
        page.get_by_label("Reason for recusal").fill("I know the officer's family")
        page.get_by_role("button", name="Recuse me from this panel").click()
        expect(page.get_by_text("You are recused from this panel.")).to_be_visible()
        panel.refresh_from_db()
        assert set(panel.members.all()) == {p["ana"], p["cy"], p["alma"]}

        # A member reads the hearing view: the seats with the recusal, the alternate seated, and the tally.
        _log_in_as(page, live_server, "ana")
        expect(page.get_by_role("heading", name=re.compile("My panels open for votes"))).to_be_visible()
        assert_no_axe_violations(page)  # the member's home with the Board's parts
        page.goto(panel_url)
        expect(page.get_by_text("Alma", exact=False).first).to_be_visible()
        assert_no_axe_violations(page)

        # The three seated vote on each allegation, one abstaining on the discourtesy.
        votes = {
            force: ("out_of_policy", "out_of_policy", "out_of_policy"),
            courtesy: ("in_policy", "unfounded", "abstain"),  # no finding adopted
            identify: ("unfounded", "unfounded", "in_policy"),
        }
        for i, username in enumerate(("ana", "cy", "alma")):
            if username != "ana":
                _log_in_as(page, live_server, username)
                page.goto(panel_url)
            for allegation, findings in votes.items():
                _vote(page, allegation, findings[i])
        assert_no_axe_violations(page)  # the hearing view with the member's votes recorded

        # The Director closes voting, ticking the confirmation.
        _log_in_as(page, live_server, "dana")
        page.goto(panel_url)
        page.locator("label[for=id_confirm_complete]").click()  # USWDS hides the checkbox behind its label
        expect(page.locator("#id_confirm_complete")).to_be_checked()
        page.get_by_role("button", name="Close voting and record results").click()
        expect(page.get_by_text("Voting closed; results recorded.")).to_be_visible()
        assert_no_axe_violations(page)  # the hearing view with the results
        no_finding = PanelResult.objects.get(panel=panel, allegation=courtesy)
        assert no_finding.finding == "" and no_finding.standing_finding == "in_policy"

        results = _status_page(page, live_server, case)
        expect(results).to_contain_text("Contrario a las normas (confirmada)")

        # Discipline within the guide, one aggravating factor, adopted by two of three.
        clock.move_to(day(11))
        _log_in_as(page, live_server, "ana")
        page.goto(panel_url)
        form = page.locator(f"#proposal-form-{force.pk}")
        form.get_by_label("Misconduct category").select_option(str(guide.force.pk))
        form.get_by_label("Sanction level").select_option(str(guide.demotion.pk))
        form.locator(f"select[name$='-factor_{guide.prior.pk}']").select_option("significant")
        form.get_by_label("Just Cause rationale").fill("Force bears on the officer's ability to police safely.")
        form.get_by_label("Reasoning for a level other").fill("Prior misconduct of the same kind.")
        assert_no_axe_violations(page)  # the hearing view with the discipline proposal form
        form.get_by_role("button", name="Propose discipline").click()
        expect(page.get_by_text("Discipline proposed; the panel votes on it.")).to_be_visible()
        _proposal_vote(page, force, "approve")
        _log_in_as(page, live_server, "cy")
        page.goto(panel_url)
        _proposal_vote(page, force, "approve")
        expect(page.locator(f"#discipline-{force.pk}")).to_contain_text("Demotion")
        decision = DisciplineDecision.objects.get(allegation=force)

        # Loudermill modifies it: the Director sends the notice, records the response and the outcome.
        _log_in_as(page, live_server, "dana")
        loudermill_url = f"{live_server.url}/board/discipline/{decision.pk}/loudermill/"
        page.goto(loudermill_url)
        assert_no_axe_violations(page)
        page.get_by_label("Loudermill hearing date and time").fill(day(18, 10).strftime("%Y-%m-%dT%H:%M"))
        page.get_by_label("Union representative", exact=False).first.fill("Pat Steward")
        page.get_by_role("button", name="Send the notice").click()
        expect(page.get_by_text("Notice of proposed discipline sent.")).to_be_visible()
        clock.move_to(day(18, 12))
        _log_in_as(page, live_server, "dana")  # a week on, the session has lapsed
        page.goto(loudermill_url)
        page.get_by_label("The officer's response").fill("I accept responsibility.")
        page.get_by_role("button", name="Record the response").click()
        expect(page.get_by_text("Response recorded.")).to_be_visible()
        modified = page.locator("input[name=outcome][value=modified]")
        page.locator(f"label[for='{modified.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
        page.get_by_label("New level (when modified)").select_option(str(guide.suspension.pk))
        page.get_by_label("Reasoning", exact=True).fill("Accepted responsibility.")
        assert_no_axe_violations(page)  # the Loudermill page with the notice sent and the response recorded
        page.get_by_role("button", name="Record the outcome").click()
        expect(page.get_by_text("Loudermill outcome recorded.")).to_be_visible()
        expect(page.locator("#loudermill-outcome")).to_contain_text("Suspension, step 1")
        assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED

        # The filer appeals, in Spanish, the finding on the failure to identify.
        clock.move_to(day(20))
        results = _status_page(page, live_server, case)
        expect(results).to_contain_text("Medida disciplinaria adoptada por el panel de la Junta: Demotion.")
        expect(results).to_contain_text("la medida disciplinaria se cambió a: Suspension, step 1.")
        expect(page.locator("#appeal")).to_be_visible()
        page.locator("#appeal-start").click()
        radio = page.locator(f"input[name=option][value='findings:{identify.pk}']")
        page.locator(f"label[for='{radio.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
        expect(radio).to_be_checked()
        page.locator("textarea[name=grounds]").fill("El agente se negó a darme su número de placa.")
        assert_no_axe_violations(page)
        page.locator("form:has(textarea[name=grounds]) button[type=submit]").click()
        expect(page.locator("#board-results")).to_be_visible()
        expect(page.locator("#board-results")).to_contain_text("la decidirá un panel de apelaciones de la Junta")
        appeal = Appeal.objects.get(case=case)
        assert appeal.status == Appeal.Status.FILED and appeal.allegation == identify

        # The appeals panel (nobody from the earlier panel) modifies the finding.
        _log_in_as(page, live_server, "dana")
        appeal_url = f"{live_server.url}/board/appeals/{appeal.pk}/"
        page.goto(appeal_url)
        assert_no_axe_violations(page)  # the appeal, waiting for its panel
        convene = page.locator("#appeal-convene-form")
        for name in ("Eve", "Fay", "Gus"):
            box = convene.get_by_label(re.compile(f"^{name} "))
            convene.locator(f"label[for='{box.get_attribute('id')}']").click()  # USWDS hides the box behind its label
            expect(box).to_be_checked()
        convene.get_by_role("button", name="Convene the appeals panel").click()
        expect(page.get_by_text("Appeals panel convened.")).to_be_visible()
        appeal.refresh_from_db()
        appeals_panel = appeal.appeals_panel
        assert set(appeals_panel.members.all()) == {p["eve"], p["fay"], p["gus"]}
        assert not set(appeals_panel.members.all()) & {p["ana"], p["ben"], p["cy"], p["alma"]}
        for username in ("eve", "fay", "gus"):
            _log_in_as(page, live_server, username)
            page.goto(appeal_url)
            vote = page.locator("#appeal-vote-form")
            radio = vote.locator("input[name=outcome][value=modified]")
            vote.locator(f"label[for='{radio.get_attribute('id')}']").click()  # USWDS hides the radio behind its label
            expect(radio).to_be_checked()
            vote.get_by_role("button", name="Cast my vote").click()
            expect(page.get_by_text("Your vote was recorded.")).to_be_visible()
        assert_no_axe_violations(page)  # the appeal with the panel's votes and the decision form
        _log_in_as(page, live_server, "dana")
        page.goto(appeal_url)
        decide = page.locator("#appeal-decide-form")
        decide.get_by_label("The panel's decision").fill("The video is unclear on this point.")
        decide.get_by_label("New finding").select_option("insufficient_evidence")
        decide.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("The appeals panel's decision was recorded.")).to_be_visible()
        expect(page.locator("#appeal-outcome")).to_be_visible()

        # An arbitration overturns the discipline: recorded, then decided, on the case's proceedings page.
        clock.move_to(day(60))
        _log_in_as(page, live_server, "dana")
        proceedings_url = f"{live_server.url}/board/cases/{case.pk}/proceedings/"
        page.goto(proceedings_url)
        assert_no_axe_violations(page)
        form = page.locator("#proceeding-form")
        form.get_by_label("Discipline concerned").select_option(str(decision.pk))
        form.get_by_label("Kind").select_option("arbitration")
        form.get_by_label("Filed on").fill(day(40).date().isoformat())
        form.get_by_role("button", name="Record the proceeding").click()
        expect(page.get_by_text("The proceeding was recorded.")).to_be_visible()
        proceeding = PostBoardProceeding.objects.get(decision=decision)
        page.goto(proceedings_url)
        decide = page.locator(f"#proceeding-{proceeding.pk} form")
        decide.get_by_label("Outcome").select_option("overturned")
        decide.get_by_label("Decided on").fill(day(59).date().isoformat())
        assert_no_axe_violations(page)  # the proceedings page with the open arbitration
        decide.get_by_role("button", name="Record the outcome").click()
        expect(page.get_by_text("The proceeding's outcome was recorded.")).to_be_visible()

        # The filer reads every result on their status page; nothing names a Board member or a vote.
        results = _status_page(page, live_server, case)
        text = results.inner_text()
        for name in ("Ana", "Ben", "Cy", "Alma", "Eve", "Fay", "Gus", "Dee"):
            assert not re.search(rf"\b{name}\b", text)
        assert text.count("Contrario a las normas (confirmada)") >= 1
        for fragment in ("Demotion", "Suspension, step 1", "Loudermill", "Arbitraje"):
            assert fragment in text

        # Each result was told to the filer (in Spanish) and to the officer concerned, once each.
        told = Notice.objects.filter(dedupe_key__startswith="result:")
        to_filer = told.filter(recipient_address="rosa@example.org")
        assert {n.dedupe_key.split(":")[1] for n in to_filer} == {
            "findings",
            "discipline",
            "loudermill",
            "appeal",
            "final_outcome",
        }
        assert all(n.language == "es" for n in to_filer)
        assert told.filter(recipient_address="smith@police.invalid").count() == 4  # findings, discipline, two after
        assert told.filter(recipient_address="jones@police.invalid").count() == 2  # findings, the appeal
