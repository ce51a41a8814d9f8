"""axe-core finds nothing on every staff page (issue 12, Proof).

Data reaching every stage is arranged through the real services, then each staff role logs in and
opens every page it may reach: the routes come from tests/test_permissions.py EXPECTED_ROLES, filled
with the arranged objects' pks, each case page in every section the role may open. Each page must
answer 200 and show no WCAG 2.x A/AA violation. The Administrator is checked too: some pages are theirs
alone (a user's roles).

The live server's clock cannot be pinned from here, so the data is arranged relative to now and
nothing below depends on the date.
"""

import datetime
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import override_settings
from django.utils import timezone

from discipline.leave import administrative_leave_record
from intake.incidents import incident_group_add_case, incident_group_create
from intake.models import AllegationType
from intake.reconsideration import reconsideration_request
from intake.sections import SECTIONS, case_sections_available
from intake.selectors import case_list_visible_to
from intake.services import allegation_add, case_decide
from investigations.interviews import interview_schedule
from investigations.services import (
    evidence_receive,
    investigation_task_add,
    records_request_send,
    requested_record_answer,
    subpoena_issue,
)
from investigations.tasks import investigation_report_render_task
from oversight.accounts.roles import Role
from oversight.governance.feedback import ppb_feedback_send
from oversight.governance.meetings import agenda_item_add, meeting_notice_publish
from oversight.governance.submissions import data_period_create_due, data_submission_submit
from oversight.jobs.models import Job
from oversight.jobs.services import job_start
from oversight.notices.letters import letter_batch_create
from oversight.notices.models import Notice
from oversight.notices.services import notice_deliver, notice_send
from reports.tasks import annual_report_render_task
from tests.arrange import case_awaiting_discipline, case_before_panel, case_investigating, case_received
from tests.conftest import make_user
from tests.discipline.arrange_appeals import appeal_arrange
from tests.discipline.arrange_closed_reviews import closed_case, review_drafted
from tests.discipline.arrange_discipline import discipline_arrange
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in
from tests.factories import AllegationTypeFactory, EmployeeFactory, file_complaint, pdf_bytes
from tests.governance.arrange_board import board_arrange
from tests.governance.arrange_comments import comment_arrange
from tests.governance.arrange_documents import open_arrange
from tests.governance.arrange_recommendations import sent
from tests.governance.arrange_sentinel import review_with_report
from tests.governance.arrange_submissions import GOOD_ROWS, csv_file, standard_record
from tests.governance.arrange_suits import meeting_arrange, suit_arrange
from tests.reports.arrange_editions import editions_arrange
from tests.test_permissions import EXPECTED_ROLES

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "1 Main St\nPortland OR 97214"
USERNAMES = {
    Role.DIRECTOR: "dana",
    Role.INTAKE: "ines",
    Role.INVESTIGATOR: "ivan",
    Role.BOARD: "board1",
    Role.LIAISON: "lee",
    Role.ADMIN: "ada",
}
CASE_PAGE = "complaints/staff/cases/<int:pk>/"
CASE_SECTION = "complaints/staff/cases/<int:pk>/<case_section:section>/"

# Every staff route that renders an HTML page on GET, with the arranged objects that fill it
# ("case": every case the role may see, in every section it may open).
PAGES = {
    "accounts/": {},
    "accounts/mfa/reset/": {},
    "accounts/mfa/recovery-codes/": {},
    "complaints/staff/": {},
    CASE_PAGE: "case",
    CASE_SECTION: "case",
    "complaints/staff/complaints/new/": {},
    "complaints/staff/incidents/new/": {},
    "complaints/staff/allegation-types/": {},
    "complaints/staff/allegation-types/<int:pk>/": {"pk": "allegation_type"},
    "complaints/staff/groups/": {},
    "complaints/staff/groups/<int:pk>/": {"pk": "group"},
    "staff/investigations/": {},
    "staff/investigations/ppb/requests/": {},
    "staff/investigations/ppb/requests/<int:pk>/": {"pk": "records_request"},
    "staff/investigations/cases/<int:pk>/non-compliance/": {"pk": "working_case"},
    "staff/notices/outbox/": {},
    "staff/notices/outbox/<int:pk>/act/": {"pk": "failed_notice"},
    "staff/notices/letters/": {},
    "staff/notices/letters/batches/<int:pk>/": {"pk": "batch"},
    "staff/notices/inbox/": {},
    "staff/audit/users/<int:pk>/roles/": {"pk": "investigator"},
    "staff/audit/role-changes/": {},
    "staff/roster/": {},
    "staff/audit/reads/": {},
    "staff/jobs/<int:pk>/": "job",
    "board/panels/": {},
    "board/panels/<int:pk>/": {"pk": "panel"},
    "board/discipline/loudermills/": {},
    "board/discipline/<int:pk>/loudermill/": {"pk": "discipline_decision"},
    "board/bylaws/": {},
    "board/members/": {},
    "board/subcommittees/": {},
    "board/subcommittees/<int:pk>/": {"pk": "subcommittee"},
    "board/trainings/": {},
    "board/conflicts/": {},
    "board/appeals/": {},
    "board/appeals/<int:pk>/": {"pk": "appeal"},
    "board/cases/<int:pk>/proceedings/": {"pk": "appeal_case"},
    # Issue 10 (governance): documents, comments, recommendations, reviews, suits, leave, meetings, PPB data.
    "board/documents/": {},
    "board/documents/<int:pk>/": {"pk": "document"},
    "board/documents/versions/<int:pk>/": {"pk": "document_version"},
    "board/comments/": {},
    "board/comments/<int:pk>/": {"pk": "comment"},
    "board/recommendations/": {},
    "board/recommendations/<int:pk>/": {"pk": "recommendation"},
    "board/recommendations/ppb/": {},
    "board/recommendations/ppb/<int:pk>/": {"pk": "recommendation"},
    "board/sentinel-reviews/": {},
    "board/sentinel-reviews/<int:pk>/": {"pk": "sentinel_review"},
    "board/closed-case-reviews/": {},
    "board/closed-case-reviews/<int:pk>/": {"pk": "closed_case_review"},
    "board/civil-suits/": {},
    "board/civil-suits/record/": {},
    "board/civil-suits/<int:pk>/": {"pk": "civil_suit"},
    "board/civil-suits/<int:pk>/edit/": {"pk": "civil_suit"},
    "board/meetings/": {},
    "board/meetings/<int:pk>/": {"pk": "meeting"},
    "board/cases/<int:pk>/leave/": {"pk": "leave_case"},
    "board/feedback/": {},
    "board/feedback/ppb/": {},
    "board/cases/<int:pk>/time-limit/": {"pk": "leave_case"},
    # Issue 11 part A2: report editions.
    "reports/editions/": {},
    "reports/editions/<int:pk>/": {"pk": "edition"},
    "reports/editions/<int:pk>/publish/": {"pk": "edition"},
    "reports/editions/<int:pk>/correct/": {"pk": "edition_published"},
    # Issue 11 part D: the Director's early-identification list.
    "reports/trends/early-identification/": {},
    # Issue 11 part B: raw-data releases (the staff page; build and publish are POST actions).
    "reports/data/staff/": {},
    "board/data/": {},
    "board/data/standards/<int:pk>/": {"pk": "data_standard"},
    "board/data/periods/": {},
    "board/data/periods/<int:pk>/": {"pk": "data_period"},
    "board/data/submissions/<int:pk>/": {"pk": "data_submission"},
    "board/data/ppb/": {},
    "board/data/ppb/<int:pk>/upload/": {"pk": "data_period_owed"},
}
# Every other staff route, and why it is no page to check: a new route fails
# test_every_staff_route_is_a_page_or_says_why_not until it is put in one of the two.
LOGIN_STEP = "a login step, passed before any staff page (tests/e2e/test_mfa_enrolment.py)"
FILE = "a file download, not a page"
POST = "an action: POST only"
NOT_PAGES = {
    "accounts/mfa/verify/": LOGIN_STEP,
    "accounts/mfa/enrol/": LOGIN_STEP,
    "complaints/staff/attachments/<int:pk>/": FILE,
    "staff/investigations/<int:pk>/report.pdf": FILE,
    "staff/investigations/records/<int:record_pk>/file/": FILE,
    "staff/investigations/evidence/<int:pk>/file/": FILE,
    "staff/notices/letters/batches/<int:pk>/letters.pdf": FILE,
    "staff/audit/reads.csv": FILE,
    "staff/jobs/<int:pk>/status.json": "JSON for the job page's script",
    "board/panels/<int:pk>/packet.pdf": FILE,
    "board/panels/<int:pk>/evidence/<int:evidence_pk>/file/": FILE,
    "board/comments/export/": FILE,
    "board/data/submissions/<int:pk>/csv/": FILE,
    "reports/editions/<int:pk>/pdf/": FILE,
    "reports/data/staff/build/": POST,
    "reports/data/staff/<int:pk>/publish/": POST,
    **dict.fromkeys(
        [
            "complaints/staff/cases/<int:pk>/allegations/",
            "complaints/staff/cases/<int:pk>/category/",
            "complaints/staff/cases/<int:pk>/decide/",
            "complaints/staff/cases/<int:pk>/close/",
            "complaints/staff/cases/<int:pk>/filer-messages/",
            "complaints/staff/cases/<int:pk>/access-code/",
            "complaints/staff/cases/<int:pk>/reconsideration/",
            "complaints/staff/reconsiderations/<int:pk>/decide/",
            "complaints/staff/cases/<int:pk>/group/",
            "complaints/staff/cases/<int:pk>/group/leave/",
            "staff/investigations/cases/<int:pk>/chief-notice/",
            "staff/investigations/cases/<int:pk>/mayor-response/",
            "staff/investigations/cases/<int:pk>/open/",
            "staff/investigations/<int:pk>/records-requests/",
            "staff/investigations/<int:pk>/complete/",
            "staff/investigations/<int:pk>/plan/",
            "staff/investigations/<int:pk>/tasks/",
            "staff/investigations/tasks/<int:pk>/done/",
            "staff/investigations/<int:pk>/report/render/",
            "staff/investigations/allegations/<int:pk>/finding/",
            "staff/investigations/ppb/requests/<int:pk>/records/<int:record_pk>/answer/",
            "staff/investigations/records/<int:record_pk>/subpoena/",
            "staff/investigations/subpoenas/<int:subpoena_pk>/",
            "staff/investigations/<int:pk>/evidence/",
            "staff/investigations/evidence/<int:pk>/derived/",
            "staff/investigations/evidence/<int:pk>/marking/",
            "staff/investigations/interviews/<int:pk>/marking/",
            "staff/investigations/<int:pk>/interviews/",
            "staff/investigations/interviews/<int:pk>/garrity/",
            "staff/investigations/interviews/<int:pk>/statement/",
            "staff/investigations/interviews/<int:pk>/refusal/",
            "staff/investigations/cases/<int:pk>/prosecutor-export/",
            "staff/investigations/evidence/<int:pk>/verify/",
            "staff/investigations/records/<int:record_pk>/evidence/",
            "staff/investigations/ppb/chief-notices/<int:pk>/acknowledge/",
            "staff/notices/letters/batches/",
            "staff/notices/inbox/read/",
            "board/panels/<int:pk>/decide/",
            "board/panels/<int:pk>/allegations/<int:allegation_pk>/vote/",
            "board/panels/<int:pk>/allegations/<int:allegation_pk>/proposals/",
            "board/discipline/proposals/<int:pk>/vote/",
            "board/discipline/<int:pk>/loudermill/notice/",
            "board/discipline/<int:pk>/loudermill/response/",
            "board/discipline/<int:pk>/loudermill/outcome/",
            "board/cases/<int:pk>/panel/",
            "board/conflicts/<int:pk>/withdraw/",
            "board/cases/<int:pk>/time-limit/withdraw/",
            "staff/investigations/non-compliance/<str:kind>/<int:pk>/",
            "board/panels/<int:pk>/recusal/",
            "board/panels/<int:pk>/seats/<int:seat_pk>/recusal/",
            "board/panels/<int:pk>/hearings/",
            "board/hearings/<int:pk>/cancel/",
            "board/bylaws/change/",
            "board/bylaws/versions/record/",
            "board/members/appoint/",
            "board/members/<int:pk>/end/",
            "board/members/<int:pk>/leadership/",
            "board/subcommittees/create/",
            "board/subcommittees/<int:pk>/dissolve/",
            "board/subcommittees/<int:pk>/actions/",
            "board/subcommittees/actions/<int:pk>/review/",
            "board/trainings/create/",
            "board/trainings/complete/",
            "reports/annual/<int:year>/render/",
            "reports/editions/build/",
            "reports/editions/<int:pk>/rebuild/",
            "reports/editions/<int:pk>/render/",
            "board/appeals/<int:pk>/panel/",
            "board/appeals/<int:pk>/vote/",
            "board/appeals/<int:pk>/decide/",
            "board/cases/<int:pk>/appeals/",
            "board/proceedings/<int:pk>/decide/",
            "board/panels/<int:pk>/preliminary/vote/",
            "board/panels/<int:pk>/preliminary/decide/",
            "board/panels/<int:pk>/preliminary/answer/",
            "board/documents/create/",
            "board/documents/<int:pk>/draft/",
            "board/documents/versions/<int:pk>/open/",
            "board/documents/versions/<int:pk>/adopt/",
            "board/documents/versions/<int:pk>/adopt-urgent/",
            "board/documents/versions/<int:pk>/recommend/",
            "board/documents/versions/<int:pk>/administrator/",
            "board/documents/versions/<int:pk>/temporary/",
            "board/documents/versions/<int:pk>/withdraw/",
            "board/comments/<int:pk>/publish/",
            "board/comments/<int:pk>/withhold/",
            "board/recommendations/create/",
            "board/recommendations/<int:pk>/adopt/",
            "board/recommendations/<int:pk>/send/",
            "board/recommendations/<int:pk>/council-request/",
            "board/recommendations/<int:pk>/council-decision/",
            "board/recommendations/<int:pk>/updates/",
            "board/recommendations/ppb/<int:pk>/answer/",
            "board/sentinel-reviews/open/",
            "board/sentinel-reviews/<int:pk>/start/",
            "board/sentinel-reviews/<int:pk>/participants/",
            "board/sentinel-reviews/<int:pk>/milestones/",
            "board/sentinel-reviews/milestones/<int:pk>/done/",
            "board/sentinel-reviews/<int:pk>/report/",
            "board/sentinel-reviews/<int:pk>/report/items/",
            "board/sentinel-reviews/<int:pk>/report/publish/",
            "board/sentinel-reviews/<int:pk>/close/",
            "board/closed-case-reviews/open/",
            "board/closed-case-reviews/publish/",
            "board/closed-case-reviews/<int:pk>/edit/",
            "board/closed-case-reviews/<int:pk>/redact/",
            "board/meetings/schedule/",
            "board/meetings/<int:pk>/edit/",
            "board/meetings/<int:pk>/notice/",
            "board/meetings/<int:pk>/held/",
            "board/meetings/<int:pk>/cancel/",
            "board/meetings/<int:pk>/agenda/",
            "board/meetings/agenda/<int:pk>/remove/",
            "board/meetings/agenda/<int:pk>/move/",
            "board/meetings/<int:pk>/minutes/",
            "board/meetings/<int:pk>/minutes/approve/",
            "board/leave/<int:pk>/",
            "board/data/standards/record/",
            "board/data/standards/<int:pk>/revise/",
        ],
        POST,
    ),
}


# The API answers JSON (its own tests check it); public pages have their own axe journeys.
STAFF_ROUTES = [route for route, roles in EXPECTED_ROLES.items() if roles != "public" and not route.startswith("api/")]


class Refuses(LocmemBackend):
    """A mail server that refuses every message, so a notice fails and waits in the outbox."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server refused the connection")


def _users():
    users = {role: make_user(role, username=name) for role, name in USERNAMES.items()}
    users["board"] = [users[Role.BOARD]] + [make_user(Role.BOARD, username=f"board{i}") for i in (2, 3)]
    return users


def _dismissed_with_reconsideration(intake):
    """A filer who asked for letters: the decision letter waits to be mailed; the filer asks again."""
    case = file_complaint(contact_name="Ana Pérez", contact_method="mail", contact_address=ADDRESS, language="es")
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=EmployeeFactory(), actor=intake, reason="Intake"
    )
    case = case_decide(case=case, decision="dismissal", reason="No misconduct alleged", actor=intake)
    reconsideration_request(case=case, complaint=case.complaints.get(), reason="A bystander filmed it.")
    return case


def _investigation_at_work(case, investigator, liaison, director):
    """A records request PPB answered in part, a subpoena, evidence, an interview and a task."""
    investigation = case.investigation
    request = records_request_send(
        investigation=investigation, records_sought="- Incident report\n- Body-camera video\n", actor=investigator
    )
    first, second = request.records.order_by("pk")
    requested_record_answer(
        record=first,
        outcome="produced",
        upload=SimpleUploadedFile("report.pdf", pdf_bytes("report"), content_type="application/pdf"),
        actor=liaison,
    )
    requested_record_answer(
        record=second, outcome="withheld", reason="Ongoing review", legal_justification="ORS 192.345", actor=liaison
    )
    subpoena_issue(record=second, actor=director, reason="The Board voted to subpoena it")
    evidence_receive(
        investigation=investigation,
        upload=SimpleUploadedFile("bwc.pdf", pdf_bytes("bwc"), content_type="application/pdf"),
        kind="body_camera",
        description="Body-camera still",
        actor=investigator,
    )
    interview_schedule(
        investigation=investigation,
        employee=case.allegations.first().employee,
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        on_duty_basis="Sergeant confirmed the shift",
        union_representation_declined=True,
        actor=investigator,
    )
    investigation_task_add(investigation=investigation, title="Canvass for witnesses", actor=investigator)
    return request


def _notices(director):
    """A letter printed in a batch, a portal notice, and an e-mail that failed and waits in the outbox."""
    letter = notice_send(
        recipient_name="Filer Batch",
        recipient_address=ADDRESS,
        channel=Notice.Channel.POSTAL,
        subject="Your complaint",
        body="Received",
        actor=None,
    )
    batch = letter_batch_create(actor=director, notice_ids=[letter.pk])
    notice_send(
        recipient_name=director.get_full_name(),
        recipient_user=director,
        channel=Notice.Channel.PORTAL,
        subject="A deadline is near",
        body="Look at it.",
        actor=None,
    )
    email = notice_send(
        recipient_name="Filer Mail",
        recipient_address="filer@example.org",
        channel=Notice.Channel.EMAIL,
        subject="Your complaint",
        body="Received",
        actor=None,
    )
    with override_settings(EMAIL_BACKEND=f"{__name__}.Refuses", NOTICE_MAX_ATTEMPTS=1):
        notice_deliver(notice_id=email.pk)
    email.refresh_from_db()
    assert email.status == Notice.Status.FAILED
    return batch, email


def _governance(users):
    """Issue 10: a document open for comment with one comment, a recommendation sent to PPB, a sentinel
    review with its draft report, a closed deadly-force case with a draft review and an officer on leave,
    a civil suit, a noticed meeting with an agenda, and a PPB data standard with one period answered and
    one owed. Dates are relative to now; the closed case's own dates are past ones. The Board's votes come
    first, while the roster is the three arranged members."""
    director, liaison = users[Role.DIRECTOR], users[Role.LIAISON]
    today = timezone.localdate()
    recommendation = sent(director)
    # A monthly standard in force from the first of the month three months back: at least two periods ended.
    in_force_on = (today.replace(day=1) - datetime.timedelta(days=80)).replace(day=1)
    standard = standard_record(director, in_force_on=in_force_on, vote_on=in_force_on - datetime.timedelta(days=20))
    answered, owed = sorted(data_period_create_due(), key=lambda period: period.start_on)[:2]
    submission = data_submission_submit(period=answered, upload=csv_file(GOOD_ROWS), actor=liaison)
    document, version = open_arrange(director)
    closed = closed_case(users[Role.INTAKE], director, users[Role.INVESTIGATOR], users["board"])
    administrative_leave_record(
        actor=director,
        case=closed,
        employee=closed.allegations.first().employee,
        start_on=today - datetime.timedelta(days=30),
        reason="Placed on leave",
        source_note="PPB payroll",
    )
    ppb_feedback_send(
        actor=liaison,
        topic="records",
        body="The five-day clock is hard to meet for\nvideo from other agencies.",
        submission_key=uuid.uuid4(),
    )
    meeting = meeting_arrange(director, starts_at=timezone.now() + datetime.timedelta(days=14))
    agenda_item_add(actor=director, meeting=meeting, title="Public comment", reason="Agenda")
    meeting = meeting_notice_publish(actor=director, meeting=meeting)
    return {
        "document": document,
        "document_version": version,
        "comment": comment_arrange(version, body="Please keep the recordings longer."),
        "recommendation": recommendation,
        "sentinel_review": review_with_report(director),
        "closed_case_review": review_drafted(closed, director),
        "leave_case": closed,
        "civil_suit": suit_arrange(director),
        "meeting": meeting,
        "data_standard": standard.standard,
        "data_period": answered,
        "data_period_owed": owed,
        "data_submission": submission,
    }


def _arrange():
    users = _users()
    intake, director, investigator = users[Role.INTAKE], users[Role.DIRECTOR], users[Role.INVESTIGATOR]
    liaison, board = users[Role.LIAISON], users["board"]
    subcommittee = board_arrange(director, board)
    governance = _governance(users)  # while the three arranged members are the whole Board, for its votes
    received = case_received(intake)
    group = incident_group_create(name="Protest on SE Hawthorne", actor=intake)
    incident_group_add_case(group=group, case=received, actor=intake)
    _dismissed_with_reconsideration(intake)
    working = case_investigating(intake, director, investigator)
    request = _investigation_at_work(working, investigator, liaison, director)
    case_before_panel(intake, director, investigator, board)
    _discipline_case, panel, _allegation = case_awaiting_discipline(intake, director, investigator, board)
    discipline_decision = discipline_arrange(_discipline_case, director, board)
    appeal = appeal_arrange(intake, director, investigator, board)
    batch, failed_notice = _notices(director)
    # Queued on this run's own Redis db, where no worker listens: each page shows a job waiting.
    jobs = {
        Role.INVESTIGATOR: job_start(
            kind=Job.Kind.INVESTIGATION_REPORT,
            actor=investigator,
            task=investigation_report_render_task,
            args=(working.investigation.pk,),
        ),
        Role.ADMIN: job_start(
            kind=Job.Kind.ANNUAL_REPORT,
            actor=users[Role.ADMIN],
            task=annual_report_render_task,
            args=(timezone.localdate().year,),
        ),
    }
    return {
        "users": users,
        "allegation_type": AllegationType.objects.first(),
        "group": group,
        "records_request": request,
        "working_case": working,
        "batch": batch,
        "failed_notice": failed_notice,
        "investigator": investigator,
        "panel": panel,
        "discipline_decision": discipline_decision,
        "appeal": appeal,
        "appeal_case": appeal.case,
        "subcommittee": subcommittee,
        "jobs": jobs,
        **governance,
        **editions_arrange(director),  # Issue 11 part A2
    }


def _fill(route, **kwargs):
    path = route
    for name, value in kwargs.items():
        path = re.sub(rf"<\w+:{name}>", str(value), path)
    return "/" + path


def _urls_for(role, objects):
    """Every HTML page the role may open, with the arranged objects filled in."""
    user = objects["users"][role]
    urls = []
    for route in (r for r in STAFF_ROUTES if r in PAGES):
        roles = EXPECTED_ROLES[route]
        if roles != "any staff" and role not in roles:
            continue
        fill = PAGES[route]
        if fill == "case":
            urls += _case_urls(route, user)
        elif fill == "job":  # each sees their own job; the Director sees the investigator's
            job = objects["jobs"].get(role) or objects["jobs"][Role.INVESTIGATOR]
            urls.append(_fill(route, pk=job.pk))
        else:
            urls.append(_fill(route, **{name: objects[key].pk for name, key in fill.items()}))
    return urls


def _case_urls(route, user):
    urls = []
    for case in case_list_visible_to(user=user).order_by("pk"):
        if route == CASE_PAGE:
            urls.append(_fill(route, pk=case.pk))
        else:
            urls += [_fill(route, pk=case.pk, section=s.key) for s in case_sections_available(user, case)]
    return urls


def test_every_staff_route_is_a_page_or_says_why_not():
    assert sorted(r for r in STAFF_ROUTES if (r in PAGES) == (r in NOT_PAGES)) == []
    assert set(PAGES) | set(NOT_PAGES) == set(STAFF_ROUTES)


@pytest.mark.parametrize("role", list(USERNAMES), ids=[r.value for r in USERNAMES])
def test_axe_finds_nothing_on_any_page_the_role_may_open(page, live_server, role):
    objects = _arrange()
    urls = _urls_for(role, objects)
    if role == Role.DIRECTOR:  # the arranged cases reach every section of the case page
        opened = {url.split("/")[-2] for url in urls if "/cases/" in url}
        assert {section.key for section in SECTIONS} <= opened
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, live_server, USERNAMES[role])
    failures = []
    for url in urls:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, f"{url} answered {response.status}"
        try:
            assert_no_axe_violations(page)
        except AssertionError as failure:
            failures.append(f"{url}: {failure}")
    # Every page is checked before failing, so one run lists all there is to fix.
    assert failures == [], f"{len(failures)} of {len(urls)} pages:\n" + "\n".join(failures)
