"""Results told (R3.9, 35A.050 A.3): each result reaches every filer (by their channel, in their
language) and each officer concerned, exactly once, and never a vote, a member's name or the Chief."""

from datetime import datetime

import pytest
import time_machine

from discipline.guide import discipline_propose, proposal_vote_cast
from discipline.results_told import ResultEvent, result_tell
from discipline.services import panel_decide, vote_cast
from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.notices.services import notice_deliver
from tests.arrange import case_before_panel
from tests.factories import EmployeeFactory

from .arrange_discipline import guide_make
from .arrange_results import case_decided

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(START, tick=False):
        yield


@pytest.fixture
def decided(intake_user, director, investigator, board_members):
    def make(**options):
        return case_decided(intake_user, director, investigator, board_members, **options)

    return make


def told(case, event=ResultEvent.FINDINGS):
    return Notice.objects.filter(dedupe_key__startswith=f"result:{event}:").order_by("pk")


def to_filer(case):
    return [n for n in told(case) if ":complaint:" in n.dedupe_key]


def to_officers(case):
    return [n for n in told(case) if ":employee:" in n.dedupe_key]


def test_a_filer_who_chose_email_is_emailed_the_findings_once_however_often_told(decided, director):
    case, panel = decided(contact_method="email", contact_email="ana@example.org")
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    [notice] = to_filer(case)
    assert (notice.channel, notice.recipient_address) == (Notice.Channel.EMAIL, "ana@example.org")
    assert "Out of Policy (sustained)" in notice.body and case.number in notice.subject


def test_a_filer_who_chose_mail_gets_a_letter_that_waits_in_letters_to_mail(decided, director):
    case, panel = decided(contact_method="mail", contact_address="12 SE Main St\nPortland OR 97214")
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    [notice] = to_filer(case)
    assert (notice.channel, notice.status) == (Notice.Channel.POSTAL, Notice.Status.TO_MAIL)
    assert notice.recipient_address.startswith("12 SE Main St")


def test_a_filer_who_gave_no_contact_is_told_on_the_status_page_only(decided, director):
    case, panel = decided()
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    [notice] = to_filer(case)
    assert (notice.channel, notice.status) == (Notice.Channel.PORTAL, Notice.Status.SENT)


def test_the_filer_is_told_in_their_language(decided, director):
    case, panel = decided(contact_method="email", contact_email="ana@example.org", language="es")
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    [notice] = to_filer(case)
    assert notice.language == "es"
    assert "Contrario a las normas (confirmada)" in notice.body
    assert "Out of Policy (sustained)" not in notice.body


def test_the_panels_decision_itself_tells_the_filer_with_its_actor_and_the_outbox_delivers_it(
    decided, director, mailoutbox
):
    case, _panel = decided(contact_method="email", contact_email="ana@example.org")
    [notice] = to_filer(case)
    assert (notice.created_by, notice.status) == (director, Notice.Status.QUEUED)
    assert notice.history.first().history_change_reason == "Notice logged"
    assert notice_deliver(notice_id=notice.pk)
    assert [message.to for message in mailoutbox] == [["ana@example.org"]]


def test_each_officer_is_emailed_the_results_of_their_own_allegations_only(decided, director):
    first = EmployeeFactory(email="first@police.invalid")
    second = EmployeeFactory(email="")
    case, panel = decided(officers=[first, second])
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    by_officer = {n.recipient_name: n for n in to_officers(case)}
    assert set(by_officer) == {str(first), str(second)}
    emailed, posted = by_officer[str(first)], by_officer[str(second)]
    assert (emailed.channel, emailed.recipient_address) == (Notice.Channel.EMAIL, "first@police.invalid")
    assert posted.channel == Notice.Channel.POSTAL
    assert "Allegation 1:" in emailed.body and "Allegation 2:" not in emailed.body
    assert "Allegation 2:" in posted.body and "Allegation 1:" not in posted.body


def test_discipline_on_one_allegation_tells_the_filer_and_only_that_allegations_officer(decided, board_members):
    g = guide_make()
    first, second = EmployeeFactory(email="first@police.invalid"), EmployeeFactory(email="second@police.invalid")
    case, panel = decided(officers=[first, second], contact_method="email", contact_email="ana@example.org")
    proposal = discipline_propose(
        allegation=case.allegations.get(employee=second),
        category=g.force,
        level=g.force.presumptive,
        just_cause="The force used bears on the officer's ability to police safely.",
        actor=board_members[0],
    )
    for member in board_members[:2]:  # two of three adopt it (the bylaws' threshold)
        proposal_vote_cast(proposal=proposal, choice="approve", actor=member)
    notices = told(case, ResultEvent.DISCIPLINE)
    assert [n.recipient_address for n in notices] == ["ana@example.org", "second@police.invalid"]
    assert all("Discipline adopted by the Board panel: Suspension, step 1." in n.body for n in notices)


def test_no_finding_adopted_is_told_with_what_follows(decided, director, board_members, intake_user, investigator):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    complaint = case.complaints.get()
    allegation = case.allegations.get()
    for member, finding in zip(board_members, ["out_of_policy", "in_policy", "abstain"], strict=True):
        vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)
    panel_decide(panel=panel, actor=director, reasons="The video was not reviewed frame by frame.")
    [notice] = [n for n in told(case) if n.dedupe_key.endswith(f":complaint:{complaint.pk}")]
    assert "Hearings panel: no finding was adopted" in notice.body
    assert "the case returns to the Office of Community-based Police Accountability for more work" in notice.body
    assert "frame by frame" not in notice.body  # the panel's reasons are for OCPA


def test_no_notice_names_a_board_member_or_tells_a_vote(decided, director, board_members):
    case, panel = decided(contact_method="email", contact_email="ana@example.org")
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    bodies = " ".join(n.subject + n.body for n in told(case))
    for member in board_members:
        for name in (member.username, member.get_full_name(), member.last_name):
            assert not name or name not in bodies
    assert "vote" not in bodies.lower() and "3 of 3" not in bodies


def test_the_chiefs_allegations_never_appear_and_the_chief_is_never_told(decided, director):
    case, panel = decided(chief=True, contact_method="email", contact_email="ana@example.org")
    result_tell(case=case, event=ResultEvent.FINDINGS, actor=director, about=panel)
    notices = told(case)
    assert "chief@police.invalid" not in {n.recipient_address for n in notices}
    assert all("Chief's own conduct" not in n.body for n in notices)
    assert len(notices) == 2  # the filer and the one Covered Employee


def test_an_unknown_result_event_is_refused(decided, director):
    case, panel = decided()
    with pytest.raises(ValueError):
        result_tell(case=case, event="rumour", actor=director, about=panel)
