"""The staff case page in sections (issue 12.2): a summary header, a side navigation, one section per URL;
sections a user may not read are absent and answer 404; forms return to their section; the notice log
(issue 12.4) shows who, how, when, what and the delivery state, filer contact as need-to-know allows."""

# ruff: noqa: F811 - `people` is the need-to-know world's fixture, imported to be used by name

import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discipline.guide import discipline_propose
from intake.models import Case
from investigations.services import records_request_send
from oversight.accounts.need_to_know import FieldGroup
from oversight.audit.models import SensitiveRead
from oversight.notices.case_log import notice_list_for_case
from oversight.notices.models import Notice
from oversight.notices.services import notice_send
from tests.arrange import case_awaiting_discipline, case_investigating, case_received
from tests.discipline.arrange_discipline import adopt, guide_make
from tests.test_need_to_know import (
    MARKERS,
    NOW,
    _case_with_filer,
    _interview,
    _item,
    _world,
    people,  # noqa: F401 - one person per role, for the need-to-know world
)

pytestmark = pytest.mark.django_db

G = FieldGroup
EVERY_SECTION = (
    "complaint",
    "decision",
    "investigation",
    "records",
    "evidence",
    "interviews",
    "findings",
    "board",
    "notices",
    "timeline",
)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def w(people, board_members):  # noqa: F811
    return _world(people, board_members)


def _url(case, section=None):
    return f"/complaints/staff/cases/{case.pk}/" + (f"{section}/" if section else "")


def _nav(html):
    """The side navigation's links, in order: (label, href, current)."""
    nav = re.search(r'<ul class="usa-sidenav" id="case-sections">(.*?)</ul>', html, re.S).group(1)
    return [
        (label, href, "aria-current" in attrs)
        for href, attrs, label in re.findall(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav)
    ]


def test_each_section_has_its_own_url_with_the_summary_and_the_side_navigation(client, people, w):
    client.force_login(people["director"])
    for section in EVERY_SECTION:
        response = client.get(_url(w.case, section))
        assert response.status_code == 200, section
        html = response.content.decode()
        assert 'id="case-status"' in html and 'id="case-summary-h"' in html
        current = [href for _label, href, is_current in _nav(html) if is_current]
        assert current == [f"{_url(w.case, section)}#case-section"]


def test_the_director_sees_every_section_of_a_case_before_the_board_in_page_order(client, people, w):
    client.force_login(people["director"])
    labels = [label for label, _href, _current in _nav(client.get(_url(w.case)).content.decode())]
    assert labels == [
        "Overview",
        "Complaint and filers",
        "Allegations and decision",
        "Investigation",
        "Records requests",
        "Evidence",
        "Interviews",
        "Findings",
        "Board",
        "Notices",
        "Timeline",
    ]


def test_a_section_the_user_may_not_read_is_absent_from_the_nav_and_answers_404(client, people, w):
    client.force_login(people["intake"])
    hrefs = [href for _label, href, _current in _nav(client.get(_url(w.case)).content.decode())]
    assert f"{_url(w.case, 'evidence')}#case-section" not in hrefs  # intake staff never read evidence (R2.11)
    assert client.get(_url(w.case, "evidence")).status_code == 404
    assert client.get(_url(w.case, "interviews")).status_code == 200


def test_sections_of_a_stage_not_reached_answer_404(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    for section in ("investigation", "records", "evidence", "interviews", "findings", "board", "discipline"):
        assert client.get(_url(case, section)).status_code == 404, section
    assert client.get(_url(case, "no-such-section")).status_code == 404


def test_an_investigator_not_assigned_gets_404_on_every_section(client, people, w):
    client.force_login(people["not_assigned"])
    for section in EVERY_SECTION:
        assert client.get(_url(w.case, section)).status_code == 404, section
    assert not SensitiveRead.objects.exists()


def test_the_overview_shows_the_section_the_stage_needs(client, intake_user, director, investigator):
    received = case_received(intake_user)
    client.force_login(intake_user)
    html = client.get(_url(received)).content.decode()
    assert 'data-section="decision"' in html and "Add allegation" in html and 'id="case-overview"' in html
    investigating = case_investigating(intake_user, director, investigator)
    client.force_login(investigator)
    html = client.get(_url(investigating)).content.decode()
    assert 'data-section="investigation"' in html and "Add task" in html
    assert "Send records request" not in html  # on the records section, not here


def test_the_summary_names_status_deadline_parties_category_and_investigator(client, people):
    case = _open_case(people, 1)
    client.force_login(people["director"])
    html = client.get(_url(case, "timeline")).content.decode()
    summary = html[html.index('id="case-summary-h"') : html.index('id="case-sections"')]
    assert "Under investigation" in summary
    assert str(people["assigned"]) in summary
    assert "1 complaint: complainant (experienced it)" in summary
    officer = case.allegations.get().employee
    assert str(officer) in summary
    # The next clock still running is the new request's five business days, with how it was counted.
    assert "Records request: 5 business days" in summary and "How this date was counted" in summary
    assert 'id="case-category"' in summary


def test_forms_return_to_their_section(client, intake_user, director, investigator):
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.post(f"{_url(case)}decide/", {"decision": "investigate", "reason": "Named officer"})
    assert response["Location"] == _url(case, "decision")
    case = case_investigating(intake_user, director, investigator)
    client.force_login(investigator)
    response = client.post(
        f"/staff/investigations/{case.investigation.pk}/records-requests/", {"records_sought": "Body camera"}
    )
    assert response["Location"] == _url(case, "records")
    allegation = case.allegations.get()
    response = client.post(
        f"/staff/investigations/allegations/{allegation.pk}/finding/",
        {"outcome": "unfounded", "rationale": "Video shows otherwise"},
    )
    assert response["Location"] == _url(case, "findings")
    assert client.get(_url(case)).status_code == 200  # the old address still opens the case


@pytest.mark.parametrize(
    ("who", "section", "groups"),
    [
        ("director", "complaint", {G.FILER_CONTACT}),
        ("director", "decision", set()),
        ("director", "records", {G.PPB_RECORDS}),
        ("director", "evidence", {G.EVIDENCE, G.COMPELLED, G.PRIVILEGED, G.CONFIDENTIAL}),
        # Marked material is logged per case, not per item: the confidential evidence counts here too.
        ("director", "interviews", {G.COMPELLED, G.VOLUNTARY, G.PRIVILEGED, G.CONFIDENTIAL}),
        ("director", "timeline", {g for g in G if g != G.DEMOGRAPHICS}),
        ("assigned", "interviews", {G.COMPELLED, G.VOLUNTARY, G.CONFIDENTIAL}),
        ("assigned", "evidence", {G.EVIDENCE, G.COMPELLED, G.CONFIDENTIAL}),
        ("intake", "complaint", {G.FILER_CONTACT}),
        ("intake", "interviews", set()),
        ("intake", "notices", {G.FILER_CONTACT}),
    ],
)
def test_each_section_view_is_logged_with_the_groups_it_can_show(client, people, w, who, section, groups):
    client.force_login(people[who])
    assert client.get(_url(w.case, section)).status_code == 200
    read = SensitiveRead.objects.get()
    assert (read.user, read.kind, read.path) == (people[who], "case_page", _url(w.case, section))
    assert set(read.field_groups) == groups


def _portal_notice(case, subject):
    return notice_send(
        recipient_name="Office", channel=Notice.Channel.PORTAL, subject=subject, body="x", actor=None, about=case
    )


def _open_case(people, n):
    """An investigation under way with n of everything its sections list: records requests, evidence,
    interviews, notices."""
    case, _complaint = _case_with_filer(people["intake"], people["director"], people["assigned"])
    investigation = case.investigation
    for i in range(n):
        records_request_send(investigation=investigation, records_sought=f"Log {i}", actor=people["director"])
        _item(investigation, people["assigned"], f"Item {i}")
        _interview(investigation, people["assigned"], 9 + i, statement=f"Statement {i}")
        _portal_notice(case, f"Note {i}")
    return case


OPEN_CASE_SECTIONS = ("complaint", "decision", "investigation", "records", "evidence", "interviews", "findings")


@pytest.mark.parametrize("section", [None, *OPEN_CASE_SECTIONS, "notices", "timeline"])
def test_each_section_page_runs_the_same_queries_however_much_the_case_holds(client, people, section):
    client.force_login(people["director"])

    def count(case):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(case, section)).status_code == 200
        return len(ctx.captured_queries)

    assert count(_open_case(people, 1)) == count(_open_case(people, 4))


@pytest.mark.parametrize("section", [None, *OPEN_CASE_SECTIONS, "notices", "timeline"])
def test_each_section_page_stays_under_its_query_bound(client, people, section, django_assert_max_num_queries):
    case = _open_case(people, 3)
    client.force_login(people["director"])
    # The timeline reads the history of each part of the case: one query per part.
    with django_assert_max_num_queries(45 if section == "timeline" else 30):
        assert client.get(_url(case, section)).status_code == 200


@pytest.mark.parametrize("section", ["board", "discipline"])
def test_the_board_sections_stay_under_their_query_bound(
    client, intake_user, director, investigator, board_members, section, django_assert_max_num_queries
):
    case, _panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    client.force_login(director)
    # The same bound as every other section: the Board's now carry seats, the convene form, the appeal
    # options and the proceedings (issue 9), each read once for the case, not once per officer.
    with django_assert_max_num_queries(30):
        assert client.get(_url(case, section)).status_code == 200


def test_the_discipline_section_shows_the_panels_result_and_the_discipline(
    client, intake_user, director, investigator, board_members
):
    boards = board_members
    case, panel, allegation = case_awaiting_discipline(intake_user, director, investigator, boards)
    client.force_login(director)
    html = client.get(_url(case)).content.decode()
    assert 'data-section="discipline"' in html and f"/board/panels/{panel.pk}/" in html
    category = guide_make().force
    proposal = discipline_propose(
        allegation=allegation, category=category, level=category.presumptive, just_cause="Guide", actor=director
    )
    adopt(proposal, boards)
    html = client.get(_url(case, "discipline")).content.decode()
    assert category.presumptive.name in html and "Guide" in html


def test_the_notice_log_lists_who_how_when_what_and_the_delivery_state(client, people, w):
    client.force_login(people["director"])
    html = client.get(_url(w.case, "notices")).content.decode()
    log = html[html.index('id="case-notices"') :]
    # The filer's acknowledgement (about the complaint), the notice to the Chief (about the case), and
    # the investigator's reminders and PPB's request (about the records request).
    assert MARKERS[G.FILER_CONTACT][0] in log  # the filer's e-mail address, shown to the Director
    assert "E-mail" in log and ("Queued" in log or "Sent" in log)
    assert w.case.number in log
    assert "2026-12-02" in log  # Pacific dates


def test_the_notice_log_leaves_out_other_cases(people, w, intake_user):
    other = case_received(intake_user)
    notice_send(
        recipient_name="X", channel=Notice.Channel.PORTAL, subject="Other case", body="x", actor=None, about=other
    )
    subjects = set(notice_list_for_case(case=w.case, user=people["director"]).values_list("subject", flat=True))
    assert "Other case" not in subjects and subjects


def test_the_notice_log_hides_a_filers_contact_from_those_who_may_not_read_it(people, w):
    email = MARKERS[G.FILER_CONTACT][0]
    to_filer = {
        n.pk for n in notice_list_for_case(case=w.case, user=people["director"]) if n.shown_recipient_address == email
    }
    assert to_filer
    # The Board reads no filer contact (R2.11): the same notices come without name or address.
    for n in notice_list_for_case(case=w.case, user=people["board"]):
        if n.pk in to_filer:
            assert (n.shown_recipient_name, n.shown_recipient_address) == (None, None)
        else:
            assert n.shown_recipient_address != email


def test_the_notice_log_pages_25_at_a_time(client, people, w):
    for i in range(30):
        notice_send(
            recipient_name="Office", channel=Notice.Channel.PORTAL, subject=f"N{i}", body="x", actor=None, about=w.case
        )
    client.force_login(people["director"])
    html = client.get(_url(w.case, "notices")).content.decode()
    assert html.count("<tr>") - 1 == 25  # the header row aside
    assert "?page=2" in html
    assert client.get(_url(w.case, "notices"), {"page": 2}).status_code == 200


def test_staff_pages_use_the_desktop_width_and_public_pages_do_not(client, people, w):
    client.force_login(people["director"])
    assert 'class="grid-container-widescreen"' in client.get(_url(w.case)).content.decode()
    client.logout()
    assert 'class="grid-container-widescreen"' not in client.get("/complaints/new/").content.decode()


def test_the_case_status_is_a_label_never_a_code(client, people, w):
    client.force_login(people["director"])
    html = client.get(_url(w.case)).content.decode()
    assert str(Case.Status(w.case.status).label) in html
    assert f">{w.case.status}<" not in html


def test_the_filers_language_is_named_never_coded(client, people, w):
    client.force_login(people["intake"])
    html = client.get(_url(w.case, "complaint")).content.decode()
    assert "Preferred language</dt><dd>English (English)</dd>" in html
