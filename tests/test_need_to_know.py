"""Need-to-know per field group (R2.9, R2.10, R2.11, R6.2): every role reads and writes exactly what
oversight/accounts/need_to_know.py says, on the pages, the PDF and the API, and an item a user may
not see answers like one that does not exist, writes included."""

import re
import subprocess
import uuid
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from discipline.services import panel_convene
from intake.models import Complaint, FilerDemographics
from intake.services import allegation_add, case_decide, complaint_file
from investigations.interviews import (
    evidence_mark_derived,
    interview_complete,
    interview_give_garrity,
    interview_refuse,
    interview_schedule,
    material_mark,
)
from investigations.models import Interview, RequestedRecord
from investigations.services import (
    chief_notice_send,
    evidence_receive,
    finding_record,
    investigation_complete,
    investigation_open,
    investigation_report_render,
    records_request_send,
    requested_record_answer,
)
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.jobs.models import Job
from tests.arrange import case_investigating
from tests.case_page import case_page_text, case_page_urls
from tests.conftest import make_user
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, complaint_data
from tests.intake.test_staff_views import _complaint_post
from tests.investigations.test_records import pdf

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=PACIFIC)

# What each role may do, written out by hand: the table in the code must say the same.
PRINCIPALS = ("anonymous", "intake", "assigned", "not_assigned", "director", "board", "liaison", "admin")
R, W, RW, NONE = {"read"}, {"write"}, {"read", "write"}, set()
EXPECTED = {
    FieldGroup.COMPELLED: dict.fromkeys(PRINCIPALS, NONE) | {"assigned": RW, "director": RW},
    FieldGroup.VOLUNTARY: dict.fromkeys(PRINCIPALS, NONE) | {"assigned": RW, "director": RW},
    FieldGroup.EVIDENCE: dict.fromkeys(PRINCIPALS, NONE) | {"assigned": RW, "director": RW, "board": R},
    FieldGroup.PPB_RECORDS: dict.fromkeys(PRINCIPALS, NONE) | {"assigned": R, "director": R, "liaison": RW},
    FieldGroup.PRIVILEGED: dict.fromkeys(PRINCIPALS, NONE) | {"director": RW},
    FieldGroup.CONFIDENTIAL: dict.fromkeys(PRINCIPALS, NONE) | {"assigned": RW, "director": RW},
    FieldGroup.FILER_CONTACT: dict.fromkeys(PRINCIPALS, NONE) | {"intake": RW, "assigned": R, "director": RW},
    FieldGroup.DEMOGRAPHICS: dict.fromkeys(PRINCIPALS, NONE) | {"intake": R, "director": R},
}

# Text that exists once, in one field group, so its presence on a page proves a read.
MARKERS = {
    FieldGroup.COMPELLED: ("COMPELLED-STATEMENT-5d1e", "DERIVED-EVIDENCE-0b7c"),
    FieldGroup.VOLUNTARY: ("VOLUNTARY-STATEMENT-8a2f",),
    FieldGroup.EVIDENCE: ("PLAIN-EVIDENCE-4c9d",),
    FieldGroup.PPB_RECORDS: ("PPB-WITHHELD-REASON-61f0",),
    FieldGroup.PRIVILEGED: ("PRIVILEGED-STATEMENT-2e4b", "PRIVILEGED-EVIDENCE-9f13"),
    FieldGroup.CONFIDENTIAL: ("CONFIDENTIAL-EVIDENCE-7a85",),
    FieldGroup.FILER_CONTACT: ("filer-7c1d@example.org", "503-555-0142", "FILERNAME-Okafor", "1234-SE-Ankeny"),
    FieldGroup.DEMOGRAPHICS: ("Slavic", "Non-binary", "65 or older"),
}


@pytest.fixture(autouse=True)
def clock():
    # Interviews fall inside rostered shifts, certifications run a year from "today": one fixed day.
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def people(intake_user, investigator, other_investigator, director, board_members, liaison, admin_user):
    return {
        "anonymous": None,
        "intake": intake_user,
        "assigned": investigator,
        "not_assigned": other_investigator,
        "director": director,
        "board": board_members[0],
        "liaison": liaison,
        "admin": admin_user,
    }


@dataclass
class World:
    case: object
    complaint: object
    demographics: object
    investigation: object
    compelled: object
    voluntary: object
    privileged_interview: object
    scheduled_plain: object
    scheduled_compelled: object
    scheduled_privileged: object
    evidence: object
    derived: object
    confidential: object
    privileged_evidence: object
    records_request: object
    answered: object
    pending: object
    panel: object


def _interview(investigation, investigator, hour, *, garrity=False, statement=""):
    officer = EmployeeFactory(shift_starts=time(7), shift_ends=time(17))
    interview = interview_schedule(
        investigation=investigation,
        employee=officer,
        scheduled_at=NOW.replace(hour=hour),
        actor=investigator,
        union_representative="PPA rep J. Doe",
    )
    if garrity:
        interview = interview_give_garrity(interview=interview, actor=investigator)
    if statement:
        interview = interview_complete(interview=interview, statement=statement, actor=investigator)
    return interview


def _item(investigation, investigator, description):
    return evidence_receive(
        investigation=investigation, upload=pdf(), kind="document", description=description, actor=investigator
    )


def _case_with_filer(intake_user, director, investigator):
    """As tests.arrange.case_investigating, from a complaint with contact details and demographics."""
    email, phone, name, address = MARKERS[FieldGroup.FILER_CONTACT]
    complaint = complaint_file(
        data=complaint_data(contact_name=name, contact_email=email, contact_phone=phone, contact_address=address),
        submission_key=uuid.uuid4(),
        demographics={"race_ethnicity": ["slavic"], "gender": "non_binary", "age_range": "65_plus", "disability": ""},
    )
    case = complaint.case
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=EmployeeFactory(), actor=intake_user, reason="x"
    )
    case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)
    ChiefFactory()
    chief_notice_send(case=case, actor=director)
    investigation_open(case=case, investigator=investigator, actor=director, reason="Assigned")
    case.refresh_from_db()
    return case, complaint


def _world(people, board_members):
    intake_user, investigator, director = people["intake"], people["assigned"], people["director"]
    case, complaint = _case_with_filer(intake_user, director, investigator)
    investigation = case.investigation
    m = {group: markers[0] for group, markers in MARKERS.items()}
    compelled = _interview(investigation, investigator, 9, garrity=True, statement=m[FieldGroup.COMPELLED])
    voluntary = _interview(investigation, investigator, 10, statement=m[FieldGroup.VOLUNTARY])
    privileged_interview = _interview(investigation, investigator, 11, statement=m[FieldGroup.PRIVILEGED])
    material_mark(obj=privileged_interview, marking="privileged", actor=director, reason="Attorney-client")
    scheduled_privileged = _interview(investigation, investigator, 12)
    material_mark(obj=scheduled_privileged, marking="privileged", actor=director, reason="Attorney-client")
    evidence = _item(investigation, investigator, m[FieldGroup.EVIDENCE])
    derived = _item(investigation, investigator, MARKERS[FieldGroup.COMPELLED][1])
    evidence_mark_derived(evidence=derived, actor=investigator)
    confidential = _item(investigation, investigator, m[FieldGroup.CONFIDENTIAL])
    material_mark(obj=confidential, marking="confidential", actor=investigator, reason="Informant")
    privileged_evidence = _item(investigation, investigator, MARKERS[FieldGroup.PRIVILEGED][1])
    material_mark(obj=privileged_evidence, marking="privileged", actor=director, reason="Attorney-client")
    request = records_request_send(
        investigation=investigation, records_sought="Use-of-force report\nInternal memo", actor=investigator
    )
    answered, pending = request.records.order_by("pk")
    requested_record_answer(
        record=answered,
        outcome="withheld",
        reason=m[FieldGroup.PPB_RECORDS],
        legal_justification="ORS 192.345(3)",
        actor=people["liaison"],
    )
    finding_record(
        allegation=case.allegations.get(),
        outcome="out_of_policy",
        rationale="Video shows it",
        evidence_relied_on=[evidence, derived, confidential, privileged_evidence],
        actor=director,
    )
    scheduled_plain = _interview(investigation, investigator, 13)
    scheduled_compelled = _interview(investigation, investigator, 14, garrity=True)
    investigation_complete(investigation=investigation, actor=investigator, reason="Findings complete")
    panel = panel_convene(case=case, members=board_members, actor=director, reason="Hearing")
    demographics = FilerDemographics.objects.get(complaint=complaint)
    rows = (case, complaint, demographics, investigation, compelled, voluntary, privileged_interview)
    rows += (scheduled_plain, scheduled_compelled, scheduled_privileged, evidence, derived, confidential)
    rows += (privileged_evidence, request, answered, pending, panel)
    return World(*(_fresh(row) for row in rows))  # as stored now, markings included


@pytest.fixture
def world(people, board_members):
    return _world(people, board_members)


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _pdf_text(response):
    path = Path(f"/tmp/ntk-{uuid.uuid4().hex}.pdf")  # noqa: S108
    path.write_bytes(b"".join(response.streaming_content))
    try:
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    finally:
        path.unlink()


def _everything_shown_to(user, w):
    """Every page, API answer and PDF a user can open about the case, as one text."""
    client = _client(user)
    urls = [
        *case_page_urls(w.case),  # the overview and every section
        f"/staff/investigations/ppb/requests/{w.records_request.pk}/",
        f"/board/panels/{w.panel.pk}/",
        f"/api/v1/cases/{w.case.pk}/",
        f"/api/v1/investigations/{w.investigation.pk}/",
        f"/api/v1/records-requests/{w.records_request.pk}/",
        f"/admin/intake/case/{w.case.pk}/change/",
        f"/admin/intake/case/{w.case.pk}/history/",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            texts.append(response.content.decode())
    report = client.get(f"/staff/investigations/{w.investigation.pk}/report.pdf")
    if report.status_code == 200:
        texts.append(_pdf_text(report))
    return "\n".join(texts)


# The matrix: reads


def _read_object(w, group):
    """The item that holds the group's material, and the field (None: the row) that is it."""
    return {
        FieldGroup.COMPELLED: (w.compelled, "statement"),
        FieldGroup.VOLUNTARY: (w.voluntary, "statement"),
        FieldGroup.EVIDENCE: (w.evidence, None),
        FieldGroup.PPB_RECORDS: (w.answered, "reason"),
        FieldGroup.PRIVILEGED: (w.privileged_interview, None),
        FieldGroup.CONFIDENTIAL: (w.confidential, None),
        FieldGroup.FILER_CONTACT: (w.complaint, "contact_email"),
        FieldGroup.DEMOGRAPHICS: (w.demographics, None),
    }[group]


def _query_reads(user, obj, field):
    """The same question asked as a query, the way lists and pages ask it."""
    rows = type(obj).objects.filter(pk=obj.pk)
    if field is None:
        return ntk.visible(rows, user).exists()
    return getattr(ntk.with_shown_fields(rows, user, field).get(), f"shown_{field}") is not None


def test_every_role_reads_each_field_group_exactly_as_the_table_says(people, world):
    investigation_report_render(investigation_id=world.investigation.pk)
    wrong = []
    for who in PRINCIPALS:
        user = people[who] or AnonymousUser()
        shown = _everything_shown_to(people[who], world)
        for group, expected in EXPECTED.items():
            may = "read" in expected[who]
            obj, field = _read_object(world, group)
            checks = {
                "can_read": ntk.can_read(user, group, obj),
                "query": _query_reads(user, obj, field),
            }
            if group != FieldGroup.DEMOGRAPHICS:  # shown on no page: counted in reports only
                checks["pages"] = any(marker in shown for marker in MARKERS[group])
            wrong += [f"{who} {group} {how}: {got}" for how, got in checks.items() if got != may]
            if not may:
                wrong += [f"{who} sees {marker}" for marker in MARKERS[group] if marker in shown]
    assert wrong == []


# The matrix: writes


def _write(w, group):
    """(url, data, has it changed?) for one write into the group's material."""
    if group == FieldGroup.COMPELLED:
        i = w.scheduled_compelled
        return (
            f"/staff/investigations/interviews/{i.pk}/statement/",
            {f"i{i.pk}-statement": "New", f"i{i.pk}-evidence_seen_before": "no"},
            _completed(i),
        )
    if group == FieldGroup.VOLUNTARY:
        i = w.scheduled_plain
        return (
            f"/staff/investigations/interviews/{i.pk}/statement/",
            {f"i{i.pk}-statement": "New", f"i{i.pk}-evidence_seen_before": "no"},
            _completed(i),
        )
    if group == FieldGroup.PRIVILEGED:
        i = w.scheduled_privileged
        return (
            f"/staff/investigations/interviews/{i.pk}/statement/",
            {f"i{i.pk}-statement": "New", f"i{i.pk}-evidence_seen_before": "no"},
            _completed(i),
        )
    if group == FieldGroup.EVIDENCE:
        e = w.evidence
        # The check runs in the worker (issue 12.5): a write is the job it starts for this item.
        url = f"/staff/investigations/evidence/{e.pk}/verify/"
        return url, {}, lambda: Job.objects.filter(kind=Job.Kind.EVIDENCE_VERIFY).exists()
    if group == FieldGroup.CONFIDENTIAL:
        e = w.evidence
        url = f"/staff/investigations/evidence/{e.pk}/marking/"
        return url, {"marking": "confidential"}, lambda: _fresh(e).marking == "confidential"
    if group == FieldGroup.PPB_RECORDS:
        r, p = w.records_request, w.pending
        data = {f"r{p.pk}-outcome": "withheld", f"r{p.pk}-reason": "x", f"r{p.pk}-legal_justification": "y"}
        url = f"/staff/investigations/ppb/requests/{r.pk}/records/{p.pk}/answer/"
        return url, data, lambda: _fresh(p).outcome == RequestedRecord.Outcome.WITHHELD
    if group == FieldGroup.FILER_CONTACT:
        data = _complaint_post(contact_email="new-filer@example.org")
        url = "/complaints/staff/complaints/new/"
        return url, data, lambda: Complaint.objects.filter(contact_email="new-filer@example.org").exists()
    return None  # demographics: the filer alone gives them, on the public form


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def _completed(interview):
    return lambda: _fresh(interview).status == Interview.Status.COMPLETED


def _write_object(w, group):
    return {
        FieldGroup.COMPELLED: w.scheduled_compelled,
        FieldGroup.VOLUNTARY: w.scheduled_plain,
        FieldGroup.PRIVILEGED: w.scheduled_privileged,
        FieldGroup.EVIDENCE: w.evidence,
        FieldGroup.CONFIDENTIAL: w.evidence,
        FieldGroup.PPB_RECORDS: w.pending,
        FieldGroup.FILER_CONTACT: w.complaint,
        FieldGroup.DEMOGRAPHICS: w.demographics,
    }[group]


def _attempt(user, url, data, changed):
    """Posts, sees whether the data changed, then undoes it, so every cell starts from the same case."""
    with transaction.atomic():
        response = _client(user).post(url, data)
        outcome = (response.status_code, response.get("Location", ""), changed())
        transaction.set_rollback(True)
    return outcome


def test_every_role_writes_each_field_group_exactly_as_the_table_says(people, world):
    wrong = []
    for who in PRINCIPALS:
        user = people[who] or AnonymousUser()
        for group, expected in EXPECTED.items():
            may = "write" in expected[who]
            if ntk.can_write(user, group, _write_object(world, group)) != may:
                wrong.append(f"{who} {group} can_write")
            attempt = _write(world, group)
            if attempt is None:
                continue
            status, location, changed = _attempt(people[who], *attempt)
            if changed != may:
                wrong.append(f"{who} {group}: changed={changed} ({status})")
            elif not may and not (status in (403, 404) or location.startswith("/accounts/login/")):
                wrong.append(f"{who} {group}: refused with {status} {location}")
    assert wrong == []


# The probe's findings, one by one


def _at(hour):
    return datetime(2026, 12, 2, hour, 0, tzinfo=PACIFIC)


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


def _scheduled(case, investigator, hour=10):
    return interview_schedule(
        investigation=case.investigation,
        employee=EmployeeFactory(shift_starts=time(7), shift_ends=time(17)),
        scheduled_at=_at(hour),
        actor=investigator,
        union_representative="PPA rep J. Doe",
    )


def test_intake_staff_do_not_read_a_compelled_statement_on_the_case_page(client, case, investigator, intake_user):
    interview = _scheduled(case, investigator)
    interview_give_garrity(interview=interview, actor=investigator)
    interview_complete(interview=interview, statement="COMPELLED-PROBE-TEXT", actor=investigator)
    client.force_login(intake_user)
    html = client.get(f"/complaints/staff/cases/{case.pk}/interviews/").content.decode()
    assert f'id="interview-{interview.pk}"' in html  # the interview is listed, its statement is not
    assert "COMPELLED-PROBE-TEXT" not in case_page_text(client, case)
    client.force_login(investigator)
    assert "COMPELLED-PROBE-TEXT" in client.get(f"/complaints/staff/cases/{case.pk}/interviews/").content.decode()


@pytest.fixture
def privileged(case, investigator, director):
    interview = _scheduled(case, investigator)
    return material_mark(obj=interview, marking="privileged", actor=director, reason="Attorney-client")


def _page(response, pk):
    """The body without what differs on every page anyway: the CSRF token and the address asked for."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html.replace(f"/interviews/{pk}/", "/interviews/ID/")


def _missing_interview_id():
    return (Interview.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def test_an_investigator_cannot_give_garrity_in_an_interview_marked_privileged(client, privileged, investigator):
    client.force_login(investigator)
    response = client.post(f"/staff/investigations/interviews/{privileged.pk}/garrity/")
    assert response.status_code == 404
    privileged.refresh_from_db()
    assert (privileged.garrity_given_at, privileged.is_compelled) == (None, False)


def test_an_investigator_cannot_write_a_statement_into_an_interview_marked_privileged(client, privileged, investigator):
    client.force_login(investigator)
    url = f"/staff/investigations/interviews/{privileged.pk}/statement/"
    assert client.post(url, {f"i{privileged.pk}-statement": "Overwritten"}).status_code == 404
    privileged.refresh_from_db()
    assert (privileged.status, privileged.statement) == ("scheduled", "")


def test_a_refusal_on_a_privileged_interview_answers_exactly_as_for_one_that_does_not_exist(
    client, privileged, investigator, director
):
    interview_complete(interview=privileged, statement="Held", actor=director)  # a state the error would name
    client.force_login(investigator)
    hidden = client.post(f"/staff/investigations/interviews/{privileged.pk}/refusal/", {f"x{privileged.pk}-note": "n"})
    missing_pk = _missing_interview_id()
    missing = client.post(f"/staff/investigations/interviews/{missing_pk}/refusal/", {f"x{missing_pk}-note": "n"})
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert _page(hidden, privileged.pk) == _page(missing, missing_pk)
    privileged.refresh_from_db()
    assert (privileged.status, privileged.refusal_note) == ("completed", "")


def test_the_services_refuse_the_same_writes_the_views_answer_with_404(privileged, investigator):
    with pytest.raises(PermissionDenied):
        interview_give_garrity(interview=privileged, actor=investigator)
    with pytest.raises(PermissionDenied):
        interview_complete(interview=privileged, statement="x", actor=investigator)
    with pytest.raises(PermissionDenied):
        interview_refuse(interview=privileged, note="x", actor=investigator)
    with pytest.raises(PermissionDenied):
        material_mark(obj=privileged, marking="", actor=investigator, reason="Unmark")


def test_a_privileged_item_cannot_be_marked_derived_or_cited_by_the_investigator(case, investigator, director):
    item = _item(case.investigation, investigator, "Memo")
    material_mark(obj=item, marking="privileged", actor=director, reason="Attorney-client")
    with pytest.raises(PermissionDenied):
        evidence_mark_derived(evidence=item, actor=investigator)
    with pytest.raises(PermissionDenied):
        finding_record(
            allegation=case.allegations.get(),
            outcome="unfounded",
            rationale="x",
            evidence_relied_on=[item],
            actor=investigator,
        )


# Certification, the Board, the case page's cost


def test_an_uncertified_investigator_sees_the_request_but_not_ppbs_answer(client, intake_user, director, liaison):
    rookie = make_user(Role.INVESTIGATOR, username="rookie", ppb_records_certified_until=None)
    case = case_investigating(intake_user, director, rookie)
    request = records_request_send(investigation=case.investigation, records_sought="Memo", actor=rookie)
    requested_record_answer(
        record=request.records.get(),
        outcome="withheld",
        reason="ROOKIE-REASON",
        legal_justification="ORS",
        actor=liaison,
    )
    client.force_login(rookie)
    page = client.get(f"/complaints/staff/cases/{case.pk}/records/").content.decode()
    assert f'id="records-request-{request.pk}"' in page and "ROOKIE-REASON" not in case_page_text(client, case)
    api = client.get(f"/api/v1/records-requests/{request.pk}/").json()
    assert api["records"][0]["outcome"] == "withheld" and api["records"][0]["reason"] is None


def test_the_hearing_view_and_the_api_give_board_members_no_filer_contact(client, people, world):
    client.force_login(people["board"])
    html = client.get(f"/board/panels/{world.panel.pk}/").content.decode()
    assert "An officer shoved me" in html  # the narrative is the panel's to read
    assert not any(marker in html for marker in MARKERS[FieldGroup.FILER_CONTACT])
    complaint = client.get(f"/api/v1/cases/{world.case.pk}/").json()["complaints"][0]
    assert {
        k: complaint[k] for k in ("contact_name", "contact_email", "contact_phone", "contact_address")
    } == dict.fromkeys(("contact_name", "contact_email", "contact_phone", "contact_address"))
    client.force_login(people["intake"])
    assert client.get(f"/api/v1/cases/{world.case.pk}/").json()["complaints"][0]["contact_email"] == (
        "filer-7c1d@example.org"
    )


def test_the_case_page_runs_the_same_queries_for_one_or_four_interviews_and_items(client, case, investigator, director):
    def queries():
        """The evidence, interviews and findings sections, which list the items."""
        client.force_login(director)
        counts = []
        for section in ("evidence", "interviews", "findings"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(f"/complaints/staff/cases/{case.pk}/{section}/").status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    def add(hour, marking=""):
        interview = _scheduled(case, investigator, hour)
        interview_give_garrity(interview=interview, actor=investigator)
        interview_complete(interview=interview, statement="x", actor=investigator)
        item = _item(case.investigation, investigator, f"Item {hour}")
        if marking:
            material_mark(obj=item, marking=marking, actor=director, reason="x")
            material_mark(obj=interview, marking=marking, actor=director, reason="x")

    add(8)
    one = queries()
    for hour, marking in ((9, "privileged"), (10, "confidential"), (11, "")):
        add(hour, marking)
    assert queries() == one


# The README states the same table


def test_the_readme_table_says_what_the_code_does():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for group, cells in EXPECTED.items():
        line = next((row for row in readme.splitlines() if row.startswith(f"| {group.label} |")), None)
        assert line is not None, group.label
        written = [re.sub(r"[^a-z, —]", "", cell).strip() for cell in line.strip("|").split("|")[1:]]
        wanted = [", ".join(sorted(cells[who])) or "—" for who in PRINCIPALS]
        assert written == wanted, group.label
