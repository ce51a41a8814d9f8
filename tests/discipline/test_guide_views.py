"""The pages and API of discipline by vote and Loudermill (issue 9.7, 9.8), and the guide in the admin site."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from discipline.case_sections import discipline_section
from discipline.guide import discipline_propose, proposal_vote_cast
from discipline.loudermill import loudermill_notice_send
from discipline.models import DisciplineDecision, DisciplineProposal, Loudermill, SanctionLevel
from oversight.accounts.roles import Role
from tests.arrange import case_awaiting_discipline
from tests.conftest import make_user
from tests.factories import EmployeeFactory

from .arrange_discipline import adopt, case_with_proposal, discipline_adopted, guide_make
from .arrange_results import case_decided

PACIFIC = ZoneInfo("America/Los_Angeles")
NOW = datetime.datetime(2026, 10, 5, 10, 0, tzinfo=PACIFIC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def g(db):
    return guide_make(effective_on=datetime.date(2025, 7, 2))


def test_a_member_proposes_on_the_panel_page_and_the_vote_adopts_it(
    client, intake_user, director, investigator, board_members, g
):
    case, panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    page = client.get(f"/board/panels/{panel.pk}/").content.decode()
    assert f'id="proposal-form-{allegation.pk}"' in page and "Prior misconduct" in page
    prefix = f"d{allegation.pk}"
    response = client.post(
        f"/board/panels/{panel.pk}/allegations/{allegation.pk}/proposals/",
        {
            f"{prefix}-category": g.force.pk,
            f"{prefix}-level": g.suspension.pk,
            f"{prefix}-just_cause": "Bears on safe policing",
            f"{prefix}-reasoning": "",
            f"{prefix}-factor_{g.prior.pk}": "moderate",
            f"{prefix}-factor_{g.accepted.pk}": "",
        },
    )
    assert response.status_code == 302
    proposal = DisciplineProposal.objects.get()
    assert [(f.factor, f.weight) for f in proposal.factors.all()] == [(g.prior, "moderate")]
    for member in board_members[:2]:
        client.force_login(member)
        client.post(f"/board/discipline/proposals/{proposal.pk}/vote/", {f"p{proposal.pk}-choice": "approve"})
    decision = DisciplineDecision.objects.get()
    assert decision.status == "proposed" and decision.level == g.suspension
    page = client.get(f"/board/panels/{panel.pk}/").content.decode()
    assert f'id="decision-{decision.pk}"' in page and "Suspension, step 1" in page


def test_a_proposal_outside_the_bounds_on_the_page_says_why(
    client, intake_user, director, investigator, board_members, g
):
    case, panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(director)
    prefix = f"d{allegation.pk}"
    response = client.post(
        f"/board/panels/{panel.pk}/allegations/{allegation.pk}/proposals/",
        {
            f"{prefix}-category": g.force.pk,
            f"{prefix}-level": g.termination.pk,
            f"{prefix}-just_cause": "x",
            f"{prefix}-reasoning": "y",
        },
        follow=True,
    )
    assert "within the category" in response.content.decode() and not DisciplineProposal.objects.exists()


def test_the_director_walks_a_loudermill_on_its_page(client, intake_user, director, investigator, board_members, g):
    case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    client.force_login(director)
    assert case.number in client.get("/board/discipline/loudermills/").content.decode()
    url = f"/board/discipline/{decision.pk}/loudermill/"
    assert "Send the notice" in client.get(url).content.decode()
    client.post(
        f"{url}notice/",
        {"hearing_at": "2026-10-19T14:00", "representative_name": "Pat", "representative_email": "", "reason": "N"},
    )
    loudermill = Loudermill.objects.get()
    assert loudermill.hearing_at == datetime.datetime(2026, 10, 19, 14, 0, tzinfo=PACIFIC)
    client.post(f"{url}response/", {"response": "I disagree", "reason": "Response"})
    with time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=PACIFIC), tick=False):
        client.force_login(director)  # a new day, a new session (30 idle minutes end one)
        client.post(
            f"{url}outcome/",
            {"outcome": "modified", "level": g.reprimand.pk, "reasoning": "Remorse", "reason": "Outcome"},
        )
    decision.refresh_from_db()
    assert decision.status == "final" and decision.final_level == g.reprimand
    assert "Letter of reprimand" in client.get(url).content.decode()


def test_the_loudermill_page_of_corrective_action_says_none_is_needed(
    client, intake_user, director, investigator, board_members, g
):
    _case, decision = discipline_adopted(
        intake_user, director, investigator, board_members, g, category=g.courtesy, level=g.counseling
    )
    client.force_login(director)
    page = client.get(f"/board/discipline/{decision.pk}/loudermill/").content.decode()
    assert "needs no Loudermill" in page and "Send the notice" not in page


def test_the_loudermill_list_keeps_its_queries_constant(
    client, intake_user, director, investigator, board_members, g, django_assert_max_num_queries
):
    for _ in range(3):
        _case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
        loudermill_notice_send(decision=decision, hearing_at=NOW + datetime.timedelta(days=9), actor=director)
    client.force_login(director)
    with django_assert_max_num_queries(12):
        page = client.get("/board/discipline/loudermills/").content.decode()
    assert page.count("record the outcome after it") == 3


def test_the_panel_page_keeps_its_discipline_queries_constant(
    client, intake_user, director, investigator, board_members, g, django_assert_max_num_queries
):
    case, panel, _allegation, proposal = case_with_proposal(
        intake_user, director, investigator, board_members, g, factors=[(g.prior, "minor"), (g.accepted, "minor")]
    )
    client.force_login(board_members[0])
    with django_assert_max_num_queries(60) as few:
        client.get(f"/board/panels/{panel.pk}/")
    baseline = len(few.captured_queries)
    proposal_vote_cast(proposal=proposal, choice="reject", actor=board_members[1])
    proposal_vote_cast(proposal=proposal, choice="reject", actor=board_members[2])
    discipline_propose(
        allegation=proposal.allegation,
        category=g.force,
        level=g.reprimand,
        just_cause="Again",
        reasoning="Mitigated",
        factors=[(g.prior, "minor"), (g.accepted, "significant")],
        actor=director,
    )
    with django_assert_max_num_queries(baseline):
        client.get(f"/board/panels/{panel.pk}/")


def test_the_api_takes_a_proposal_and_the_members_votes(client, intake_user, director, investigator, board_members, g):
    _case, _panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    body = {
        "allegation": allegation.pk,
        "category": g.force.pk,
        "level": g.demotion.pk,
        "just_cause": "Bears on safe policing",
        "factors": [{"factor": g.prior.pk, "weight": "significant"}],
    }
    refused = client.post("/api/v1/board/discipline/proposals/", body, content_type="application/json")
    assert refused.status_code == 400 and "reasoning" in refused.json()
    body["reasoning"] = "Prior misconduct of the same kind"
    created = client.post("/api/v1/board/discipline/proposals/", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["factors"][0]["weight"] == "significant"
    pk = created.json()["id"]
    for member in board_members[:2]:
        client.force_login(member)
        answer = client.post(
            f"/api/v1/board/discipline/proposals/{pk}/votes/", {"choice": "approve"}, content_type="application/json"
        )
    assert answer.json()["proposal_status"] == "adopted"
    decisions = client.get("/api/v1/board/discipline/decisions/").json()["results"]
    assert decisions[0]["level"] == "Demotion" and decisions[0]["status"] == "proposed"


def test_the_api_loudermill_steps_are_the_directors(client, intake_user, director, investigator, board_members, g):
    _case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    url = f"/api/v1/board/discipline/decisions/{decision.pk}/loudermill/"
    client.force_login(board_members[0])
    assert client.post(f"{url}notice/", {}, content_type="application/json").status_code == 403
    client.force_login(director)
    early = client.post(f"{url}response/", {"response": "x"}, content_type="application/json")
    assert early.status_code == 400
    notice = client.post(f"{url}notice/", {"hearing_at": "2026-10-19T14:00:00-07:00"}, content_type="application/json")
    assert notice.status_code == 200 and notice.json()["outcome"] == ""
    with time_machine.travel(datetime.datetime(2026, 10, 20, 9, 0, tzinfo=PACIFIC), tick=False):
        client.force_login(director)  # a new day, a new session (30 idle minutes end one)
        outside = client.post(
            f"{url}outcome/",
            {"outcome": "modified", "level": g.termination.pk, "reasoning": "x"},
            content_type="application/json",
        )
        assert outside.status_code == 400 and "level" in outside.json()
        done = client.post(f"{url}outcome/", {"outcome": "imposed"}, content_type="application/json")
    assert done.status_code == 200 and done.json()["outcome"] == "imposed"


def test_the_administrator_edits_the_guide_with_history(client, admin_user, g):
    client.force_login(admin_user)
    url = f"/admin/discipline/sanctionlevel/{g.reprimand.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"guide": g.guide.pk, "rank": 3, "name": "Written reprimand", "action": "letter_of_reprimand"},
    )
    assert response.status_code == 302
    level = SanctionLevel.objects.get(pk=g.reprimand.pk)
    record = level.history.first()
    assert level.name == "Written reprimand" and record.history_user == admin_user
    assert record.history_change_reason == "Changed in the administration site"


def test_the_guide_is_not_in_the_admin_for_other_roles(client, director):
    director.is_staff = True
    director.save()
    client.force_login(director)
    assert client.get("/admin/discipline/sanctionlevel/").status_code == 403


def test_a_board_member_not_on_the_panel_cannot_vote_on_its_proposal(
    client, intake_user, director, investigator, board_members, g
):
    *_rest, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    client.force_login(make_user(Role.BOARD, username="elsewhere"))
    response = client.post(f"/board/discipline/proposals/{proposal.pk}/vote/", {f"p{proposal.pk}-choice": "approve"})
    assert response.status_code == 404 and not proposal.votes.exists()


def test_the_case_discipline_section_keeps_its_queries_constant(intake_user, director, investigator, board_members, g):
    counts = []
    for n in (1, 3):
        officers = [EmployeeFactory(email=f"o{n}{i}@police.invalid") for i in range(n)]
        case, _panel = case_decided(intake_user, director, investigator, board_members, officers=officers)
        for allegation in case.allegations.all():
            proposal = discipline_propose(
                allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=director
            )
            decision = adopt(proposal, board_members)
            loudermill_notice_send(decision=decision, hearing_at=NOW + datetime.timedelta(days=9), actor=director)
        request = RequestFactory().get("/")
        request.user = director
        # The section itself (the page around it holds other parts' boxes, measured by their own tests).
        with CaptureQueriesContext(connection) as queries:
            section = discipline_section(request, case)
            html = render_to_string(section["template"], {"s": section})
        assert html.count("Suspension, step 1") == n
        counts.append(len(queries))
    assert counts[1] == counts[0]
