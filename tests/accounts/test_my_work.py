"""My work (issue 12.1): the staff home shows, per role, what needs the user now, the late first."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine

from intake.models import Case
from intake.reconsideration import reconsideration_request
from intake.services import case_decide
from investigations.interviews import interview_schedule
from investigations.services import investigation_task_add, records_request_send
from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.notices.services import notice_send
from tests.arrange import case_before_panel, case_investigating, case_received
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 6, 1, 9, 0, tzinfo=PACIFIC)
HOME = "/accounts/"


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def home(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_an_investigator_sees_their_cases_by_next_deadline_and_not_anyone_elses(
    client, intake_user, director, investigator, other_investigator
):
    mine = case_investigating(intake_user, director, investigator)
    theirs = case_investigating(intake_user, director, other_investigator)
    page = home(client, investigator)
    assert "My investigations, by next deadline" in page
    assert mine.number in page and "Due 2026-11-30 (180 days)"  # 28 November is a Saturday in page
    assert theirs.number not in page


def test_an_investigation_past_its_180_days_is_late_and_listed_first(
    client, intake_user, director, investigator, pinned_clock
):
    old = case_investigating(intake_user, director, investigator)
    pinned_clock.move_to(START + timedelta(days=100))
    recent = case_investigating(intake_user, director, investigator)
    pinned_clock.move_to(START + timedelta(days=200))
    page = home(client, investigator)
    assert page.index(old.number) < page.index(recent.number)
    assert "Late:</strong> <a" in page and "1 late" in page


def test_an_investigator_sees_tasks_due_records_requests_and_interviews(client, intake_user, director, investigator):
    case = case_investigating(intake_user, director, investigator)
    investigation = case.investigation
    investigation_task_add(
        investigation=investigation, title="Canvass for witnesses", due_on=date(2026, 6, 3), actor=investigator
    )
    investigation_task_add(
        investigation=investigation, title="Far-off task", due_on=date(2026, 9, 1), actor=investigator
    )
    records_request_send(investigation=investigation, records_sought="CAD log", actor=investigator)
    officer = EmployeeFactory(shift_starts=time(7), shift_ends=time(17))
    interview_schedule(
        investigation=investigation,
        employee=officer,
        scheduled_at=START + timedelta(days=2, hours=1),
        actor=investigator,
        union_representative="PPA rep",
    )
    page = home(client, investigator)
    assert "Canvass for witnesses" in page and "Far-off task" not in page
    assert "Records requests awaiting PPB" in page and "PPB&#x27;s answer due 2026-06-08" in page
    assert "Interviews scheduled" in page and "Scheduled 2026-06-03 10:00" in page


def test_intake_sees_the_queue_counted_by_age_and_channel(client, intake_user, pinned_clock):
    case_received(intake_user)
    pinned_clock.move_to(START + timedelta(days=4))
    case_received(intake_user)
    pinned_clock.move_to(START + timedelta(days=9))
    case_received(intake_user)
    page = home(client, intake_user)
    assert "Intake queue: cases waiting for a decision" in page
    assert "Waiting more than 7 days: 1" in page and "Waiting 2 to 7 days: 1" in page
    assert "Received in the last 2 days: 1" in page and "By Web form: 3" in page
    assert page.index("Waiting more than 7 days") < page.index("Received in the last 2 days")


def test_the_director_sees_a_pending_reconsideration_linked_to_the_cases_decision_section(
    client, intake_user, director
):
    case = case_received(intake_user)
    case = case_decide(case=case, decision="dismissal", reason="No misconduct alleged", actor=intake_user)
    reconsideration_request(case=case, complaint=case.complaints.get(), reason="You missed the video")
    page = home(client, director)
    assert "Reconsiderations waiting for the Director" in page
    assert f'href="/complaints/staff/cases/{case.pk}/decision/#reconsideration-h"' in page
    assert "Reconsideration requested on " + case.number in page
    assert "Reconsiderations waiting" not in home(client, intake_user)


def test_the_director_sees_late_clocks_cases_to_open_and_panels_to_convene(
    client, intake_user, director, investigator, board_members, pinned_clock
):
    waiting = case_decide(case=case_received(intake_user), decision="investigate", reason="Law", actor=intake_user)
    investigating = case_investigating(intake_user, director, investigator)
    records_request_send(investigation=investigating.investigation, records_sought="CAD log", actor=investigator)
    pinned_clock.move_to(START + timedelta(days=10))
    page = home(client, director)
    assert "Late: deadlines passed" in page and "PPB&#x27;s five business days" in page
    assert waiting.number in page and "Send the notice to the Chief" in page
    assert page.index("Late: deadlines passed") < page.index("Waiting for the Chief")


def test_the_director_sees_a_case_whose_findings_wait_for_a_panel(client, intake_user, director, investigator):
    from investigations.services import finding_record, investigation_complete

    case = case_investigating(intake_user, director, investigator)
    for allegation in case.allegations.all():
        finding_record(allegation=allegation, outcome="out_of_policy", rationale="Video", actor=investigator)
    investigation_complete(investigation=case.investigation, actor=investigator, reason="Done")
    assert Case.objects.get(pk=case.pk).status == Case.Status.FINDINGS_READY
    page = home(client, director)
    assert "Panels to convene" in page and f"/complaints/staff/cases/{case.pk}/board/" in page


def test_the_director_sees_letters_to_mail_and_undelivered_notices(client, director, pinned_clock):
    notice_send(
        recipient_name="Ana",
        recipient_address="1 Main St",
        channel=Notice.Channel.POSTAL,
        subject="Decision",
        body="Body",
        actor=None,
    )
    notice_send(
        recipient_name="Bo",
        recipient_address="bo@example.org",
        channel=Notice.Channel.EMAIL,
        subject="Ack",
        body="Body",
        actor=None,
    )
    pinned_clock.move_to(START + timedelta(days=3))
    page = home(client, director)
    assert "Letters to mail" in page and "1 letter to print, logged 2026-06-01" in page
    assert "Notices not delivered" in page and "Bo: Ack" in page


def test_a_board_member_sees_their_open_panels_with_votes_pending(
    client, intake_user, director, investigator, board_members
):
    from tests.conftest import make_board_user

    not_seated = make_board_user("board4")
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    page = home(client, board_members[0])
    assert "My panels open for votes: 1 waiting for my vote" in page
    assert f"/board/panels/{panel.pk}/" in page and "1 vote still yours to cast" in page
    assert case.number not in home(client, not_seated)


def test_the_liaison_still_lands_on_their_inbox(client, liaison):
    client.force_login(liaison)
    assert client.get(HOME)["Location"] == "/staff/investigations/ppb/requests/"


def test_nothing_to_do_says_so(client, intake_user):
    assert "Nothing needs you right now." in home(client, intake_user)


def test_the_directors_home_reads_in_the_same_number_of_queries_however_many_cases(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries, pinned_clock
):
    def arrange():
        case = case_decide(case=case_received(intake_user), decision="dismissal", reason="None", actor=intake_user)
        reconsideration_request(case=case, complaint=case.complaints.get(), reason="Look again")
        investigating = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=investigating.investigation, records_sought="CAD log", actor=investigator)
        case_before_panel(intake_user, director, investigator, board_members)
        notice_send(
            recipient_name="Ana",
            recipient_address="1 Main St",
            channel=Notice.Channel.POSTAL,
            subject="Decision",
            body="Body",
            actor=None,
        )

    arrange()
    pinned_clock.move_to(START + timedelta(days=10))
    client.force_login(director)
    with django_assert_max_num_queries(40) as few:
        client.get(HOME)
    baseline = len(few.captured_queries)  # now: the connection's query log is a bounded deque
    for _ in range(12):
        arrange()
    for user in (director, investigator, board_members[0], intake_user):
        client.force_login(user)
        client.get(HOME)
    client.force_login(director)
    with django_assert_max_num_queries(baseline):
        page = client.get(HOME).content.decode()
    assert "13 items" in page  # thirteen reconsiderations, one page of them


def test_the_investigators_home_reads_in_the_same_number_of_queries_however_many_cases(
    client, intake_user, director, investigator, django_assert_max_num_queries
):
    def arrange():
        case = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=case.investigation, records_sought="CAD log", actor=investigator)
        investigation_task_add(
            investigation=case.investigation, title="Task", due_on=date(2026, 6, 2), actor=investigator
        )
        officer = EmployeeFactory(shift_starts=time(7), shift_ends=time(17))
        interview_schedule(
            investigation=case.investigation,
            employee=officer,
            scheduled_at=START + timedelta(days=1, hours=1),
            actor=investigator,
            union_representative="PPA rep",
        )

    arrange()
    client.force_login(investigator)
    with django_assert_max_num_queries(30) as few:
        client.get(HOME)
    baseline = len(few.captured_queries)  # now: the connection's query log is a bounded deque
    for _ in range(12):
        arrange()
    with django_assert_max_num_queries(baseline):
        page = client.get(HOME).content.decode()
    assert "13 items" in page


# The Board's half (issue 9.11): hearings, votes on discipline and appeals, Loudermills, proceedings.


def _hearing(panel, director, days=14):
    from discipline.hearings import hearing_schedule

    return hearing_schedule(
        panel=panel, starts_at=START + timedelta(days=days, hours=9), place="City Hall, Room C", actor=director
    )


def _adopted_discipline(intake_user, director, investigator, board_members):
    from discipline.guide import discipline_propose, proposal_vote_cast
    from tests.arrange import case_awaiting_discipline
    from tests.discipline.arrange_discipline import guide_make

    g = guide_make(effective_on=date(2025, 7, 2))
    case, _panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    proposal = discipline_propose(
        allegation=allegation, category=g.force, level=g.suspension, just_cause="Bears on duty", actor=director
    )
    return (
        case,
        proposal,
        lambda: [proposal_vote_cast(proposal=proposal, choice="approve", actor=member) for member in board_members[:2]],
    )


def test_a_board_member_sees_their_hearing_coming_up_with_its_packet_still_to_read(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    _hearing(panel, director)
    page = home(client, board_members[0])
    assert "Hearings coming up: 1 packets still to read" in page
    assert "City Hall, Room C. Packet not opened yet" in page and case.number in page


def test_a_board_member_sees_a_discipline_proposal_until_they_vote_on_it(
    client, intake_user, director, investigator, board_members
):
    case, proposal, adopt = _adopted_discipline(intake_user, director, investigator, board_members)
    page = home(client, board_members[0])
    assert "Votes on discipline and appeals still mine to cast: 1" in page
    assert "Proposed discipline: Suspension, step 1" in page
    from discipline.guide import proposal_vote_cast

    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[0])
    assert "Proposed discipline" not in home(client, board_members[0])


def test_the_director_sees_hearings_to_schedule_and_loudermills_pending(
    client, intake_user, director, investigator, board_members
):
    waiting, panel = case_before_panel(intake_user, director, investigator, board_members)
    page = home(client, director)
    assert "Hearings to schedule" in page and f"{waiting.number}: Hearings panel" in page
    _hearing(panel, director)
    assert "Hearings to schedule" not in home(client, director)
    case, _proposal, adopt = _adopted_discipline(intake_user, director, investigator, board_members)
    adopt()
    page = home(client, director)
    assert "Loudermills pending" in page and "send the Loudermill notice" in page and case.number in page


def test_a_board_members_home_reads_in_the_same_number_of_queries_however_many_hearings_and_proposals(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    from tests.discipline.arrange_discipline import guide_make

    guide_make(effective_on=date(2025, 7, 2))

    def arrange():
        from discipline.guide import discipline_propose
        from discipline.models import MisconductCategory
        from tests.arrange import case_awaiting_discipline

        _case, panel = case_before_panel(intake_user, director, investigator, board_members)
        _hearing(panel, director)
        _c, _p, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
        force = MisconductCategory.objects.get(name="Force")
        discipline_propose(
            allegation=allegation, category=force, level=force.presumptive, just_cause="Bears on duty", actor=director
        )

    arrange()
    client.force_login(board_members[0])
    with django_assert_max_num_queries(40) as few:
        client.get(HOME)
    baseline = len(few.captured_queries)
    for _ in range(12):
        arrange()
    with django_assert_max_num_queries(baseline):
        page = client.get(HOME).content.decode()
    assert "Hearings coming up: 13 packets still to read" in page
    assert "Votes on discipline and appeals still mine to cast: 13" in page
