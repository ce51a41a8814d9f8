"""Interviews under Garrity (R2.4) and the prosecutor firewall (R2.9)."""

import json
import re
from datetime import date, datetime, time

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import get_resolver

from intake.exceptions import RuleViolation
from investigations.interviews import (
    evidence_mark_derived,
    hours_from_incident_to_interview,
    interview_complete,
    interview_give_garrity,
    interview_refuse,
    interview_schedule,
    prosecutor_export_build,
)
from investigations.models import ProsecutorExport
from investigations.services import evidence_receive
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_investigating
from tests.factories import EmployeeFactory
from tests.investigations.test_records import pdf

pytestmark = pytest.mark.django_db

COMPELLED = "COMPELLED-STATEMENT-7f3a"
DERIVED = "DERIVED-EVIDENCE-91c2"
VOLUNTARY = "VOLUNTARY-STATEMENT-22b8"


@pytest.fixture
def case(intake_user, director, investigator):
    return case_investigating(intake_user, director, investigator)


@pytest.fixture
def day_officer(db):
    return EmployeeFactory(shift_starts=time(7), shift_ends=time(17))


def _at(hour):
    return datetime(2026, 12, 2, hour, 0, tzinfo=PACIFIC)


def _schedule(case, investigator, employee, hour=10, **kw):
    kw.setdefault("union_representative", "PPA rep J. Doe")
    return interview_schedule(
        investigation=case.investigation, employee=employee, scheduled_at=_at(hour), actor=investigator, **kw
    )


def test_interview_must_fall_within_the_rostered_shift(case, investigator, day_officer):
    with pytest.raises(RuleViolation, match="not on duty"):
        _schedule(case, investigator, day_officer, hour=20)
    assert _schedule(case, investigator, day_officer, hour=10).on_duty_basis == "Within the rostered shift"


def test_overnight_shift_counts_past_midnight(case, investigator):
    night = EmployeeFactory(shift_starts=time(22), shift_ends=time(6))
    assert _schedule(case, investigator, night, hour=2).status == "scheduled"


def test_unknown_shift_needs_a_stated_basis(case, investigator):
    officer = EmployeeFactory()
    with pytest.raises(RuleViolation, match="no shift"):
        _schedule(case, investigator, officer)
    interview = _schedule(case, investigator, officer, on_duty_basis="Sgt. Lee confirmed the schedule")
    assert interview.on_duty_basis == "Sgt. Lee confirmed the schedule"


def test_union_representation_is_recorded_either_way(case, investigator, day_officer):
    with pytest.raises(RuleViolation, match="union representative"):
        _schedule(case, investigator, day_officer, union_representative="")
    assert _schedule(
        case, investigator, day_officer, union_representative="", union_representation_declined=True
    ).union_representation_declined


def test_statement_after_garrity_is_compelled(case, investigator, day_officer):
    interview = _schedule(case, investigator, day_officer)
    interview_give_garrity(interview=interview, actor=investigator)
    interview = interview_complete(interview=interview, statement="I pushed him.", actor=investigator)
    assert (interview.is_compelled, interview.status) == (True, "completed")
    assert interview.garrity_acknowledged_at


def test_refusal_is_recorded_and_final(case, investigator, day_officer):
    interview = interview_refuse(
        interview=_schedule(case, investigator, day_officer), note="Left the room", actor=investigator
    )
    assert interview.status == "refused"
    with pytest.raises(RuleViolation):
        interview_complete(interview=interview, statement="x", actor=investigator)


def test_hours_from_incident_to_interview_are_measured(case, investigator, day_officer):
    interview = interview_complete(
        interview=_schedule(case, investigator, day_officer), statement="x", actor=investigator
    )
    complaint = case.complaints.get()
    incident = datetime.combine(complaint.incident_on, time(0), tzinfo=PACIFIC)
    expected = round((interview.held_at - incident).total_seconds() / 3600, 1)
    assert hours_from_incident_to_interview(interview) == expected > 0


def test_hours_to_interview_count_real_hours_across_a_daylight_saving_change(case, investigator, day_officer):
    interview = interview_complete(
        interview=_schedule(case, investigator, day_officer), statement="x", actor=investigator
    )
    complaint = case.complaints.get()
    # Held in Pacific time (the same tzinfo as the incident's) a day after a fall-back night: 25 real hours.
    complaint.incident_on, complaint.incident_time = date(2026, 10, 31), time(12, 0)
    complaint.save(update_fields=["incident_on", "incident_time"])
    interview.held_at = datetime(2026, 11, 1, 12, 0, tzinfo=PACIFIC)
    assert hours_from_incident_to_interview(interview) == 25.0


def test_other_investigators_cannot_interview(case, other_investigator, day_officer):
    with pytest.raises(PermissionDenied):
        _schedule(case, other_investigator, day_officer)


@pytest.fixture
def firewall_case(case, investigator, day_officer):
    compelled = _schedule(case, investigator, day_officer)
    interview_give_garrity(interview=compelled, actor=investigator)
    interview_complete(interview=compelled, statement=COMPELLED, actor=investigator)
    voluntary = _schedule(case, investigator, EmployeeFactory(shift_starts=time(7), shift_ends=time(17)))
    interview_complete(interview=voluntary, statement=VOLUNTARY, actor=investigator)
    derived = evidence_receive(
        investigation=case.investigation, upload=pdf(), kind="document", description=DERIVED, actor=investigator
    )
    evidence_mark_derived(evidence=derived, actor=investigator)
    evidence_receive(
        investigation=case.investigation, upload=pdf(), kind="document", description="Scene photo", actor=investigator
    )
    return case


def test_prosecutor_export_leaves_out_compelled_and_derived_material(firewall_case, director):
    payload = json.dumps(prosecutor_export_build(case=firewall_case, office="MCDA", actor=director))
    assert COMPELLED not in payload and DERIVED not in payload
    assert VOLUNTARY in payload and "Scene photo" in payload
    export = ProsecutorExport.objects.get()
    assert (export.withheld_count, export.exported_by) == (2, director)


def test_only_the_director_exports_to_a_prosecutor(firewall_case, investigator):
    with pytest.raises(PermissionDenied):
        prosecutor_export_build(case=firewall_case, office="MCDA", actor=investigator)


def _routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    return list(walk(get_resolver().url_patterns))


# Every route that sends data out of the system in bulk or to machines: the firewall test
# below requests each one. A new export or API route fails the guard until it is listed.
EXPORT_ROUTES = {
    "api/v1/cases/": "/api/v1/cases/",
    "api/v1/cases/<int:pk>/": "/api/v1/cases/{case}/",
    "api/v1/cases/<int:pk>/decision/": None,  # a write; answers with the case detail fields above
    "api/v1/investigations/": "/api/v1/investigations/",
    "api/v1/investigations/<int:pk>/": "/api/v1/investigations/{investigation}/",
    "api/v1/records-requests/": "/api/v1/records-requests/",
    "api/v1/records-requests/<int:pk>/": None,  # no request in this case
    "api/v1/records-requests/<int:pk>/records/<int:record_pk>/answer/": None,  # a write
    "reports/annual/<int:year>.pdf": None,  # counts only; rendered by a task
    # Issue 11 part A2: published report editions, anonymized snapshots (tests/reports/test_items.py proves no name).
    "reports/annual/<int:year>/v<int:version>.pdf": None,
    "reports/quarterly/<int:year>/q<int:quarter>.pdf": None,
    "reports/quarterly/<int:year>/q<int:quarter>/v<int:version>.pdf": None,
    "complaints/paper-form.pdf": None,  # the blank paper form (R1.1): no case data at all
    "staff/investigations/<int:pk>/report.pdf": None,  # see test_investigation_report_pdf_leaves_out_...
    # Printed notices: each letter is a notice's own subject and body (and the Mayor's report, above).
    "staff/notices/letters/batches/<int:pk>/letters.pdf": None,
    "staff/investigations/cases/<int:pk>/prosecutor-export/": (
        "POST /staff/investigations/cases/{case}/prosecutor-export/"
    ),
    # The Board's API (issue 9): the lists are requested here; the rest read one panel, appeal or
    # decision, which carry findings, votes and levels but no statement (the packet is checked per reader
    # in tests/discipline/test_hearings.py), or are writes answering with those same fields.
    "api/v1/board/appeals/": "/api/v1/board/appeals/",
    "api/v1/board/bylaws/": "/api/v1/board/bylaws/",
    "api/v1/board/conflicts/": None,  # a Board member's own declarations (officer, case); not the Director's
    "api/v1/board/discipline/decisions/": "/api/v1/board/discipline/decisions/",
    "api/v1/board/final-outcomes/": "/api/v1/board/final-outcomes/",
    "api/v1/board/members/": "/api/v1/board/members/",
    "api/v1/board/panels/": "/api/v1/board/panels/",
    "api/v1/board/proceedings/": "/api/v1/board/proceedings/",
    "api/v1/board/appeals/<int:pk>/votes/": None,
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/notice/": None,
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/outcome/": None,
    "api/v1/board/discipline/decisions/<int:pk>/loudermill/response/": None,
    "api/v1/board/discipline/proposals/": None,
    "api/v1/board/discipline/proposals/<int:pk>/votes/": None,
    "api/v1/board/panels/<int:pk>/": None,
    "api/v1/board/panels/<int:pk>/hearings/": None,
    "api/v1/board/panels/<int:pk>/recusal/": None,
    "api/v1/board/panels/<int:pk>/results/": None,
    "api/v1/board/panels/<int:pk>/tally/": None,
    "api/v1/board/panels/<int:pk>/votes/": None,
    "api/v1/cases/<int:pk>/appeals/": None,
    "api/v1/cases/<int:pk>/panels/": None,
    "board/panels/<int:pk>/packet.pdf": None,
    # Governance (issue 10) holds no case material: documents, public comments, recommendations and PPB's
    # aggregate data; the lists are requested here, the rest are writes or one row of the same fields.
    "api/v1/board/comments/": "/api/v1/board/comments/",
    "api/v1/board/comments/<int:pk>/publish/": None,
    "api/v1/board/comments/<int:pk>/withhold/": None,
    "api/v1/board/document-versions/<int:pk>/adopt-urgent/": None,
    "api/v1/board/document-versions/<int:pk>/adopt/": None,
    "api/v1/board/document-versions/<int:pk>/open/": None,
    "api/v1/board/documents/": None,  # a write
    "api/v1/board/documents/<int:pk>/versions/": None,  # a write
    "api/v1/data-submissions/": "/api/v1/data-submissions/",
    "api/v1/data-submissions/<int:pk>/": None,  # the liaison's upload (a write)
    "api/v1/document-versions/<int:pk>/": None,
    "api/v1/documents/": "/api/v1/documents/",
    "api/v1/documents/<int:pk>/": None,
    "api/v1/recommendations/": "/api/v1/recommendations/",
    "api/v1/recommendations/<int:pk>/": None,
    "api/v1/recommendations/<int:pk>/answer/": None,  # the liaison's answer (a write)
    "board/comments/export/": None,  # one item's published public comments; no case material at all
    # Public PDFs named through the pseudonym map (tests/discipline/test_closed_case_reviews*.py prove
    # no name is left) or a sentinel review's report (no case at all).
    "participate/closed-case-reviews/<int:pk>/review.pdf": None,
    "participate/sentinel-reviews/<int:pk>/report.pdf": None,
}


def test_every_export_and_api_route_is_covered_by_the_firewall_test():
    exporting = {r for r in _routes() if r.startswith("api/v1/") or re.search(r"export|\.pdf", r)}
    assert exporting - set(EXPORT_ROUTES) == set()


def test_no_export_path_leaks_a_compelled_statement(client, firewall_case, director):
    client.force_login(director)
    for route, url in EXPORT_ROUTES.items():
        if url is None or route not in _routes():
            continue
        method, _, path = url.rpartition(" ")
        path = path.format(case=firewall_case.pk, investigation=firewall_case.investigation.pk)
        response = client.post(path, {"office": "MCDA"}) if method == "POST" else client.get(path)
        assert response.status_code == 200, path
        assert COMPELLED.encode() not in response.content, path
        assert DERIVED.encode() not in response.content, path


def test_investigation_report_pdf_leaves_out_compelled_and_marked_material(firewall_case, investigator, tmp_path):
    import subprocess

    from investigations.interviews import material_mark
    from investigations.services import finding_record, investigation_complete, investigation_report_render

    marked = firewall_case.investigation.evidence.get(description="Scene photo")
    material_mark(obj=marked, marking="confidential", actor=investigator, reason="x")
    finding_record(
        allegation=firewall_case.allegations.get(),
        outcome="out_of_policy",
        rationale="FACTUAL-FINDING-1",
        evidence_relied_on=list(firewall_case.investigation.evidence.all()),
        actor=investigator,
    )
    investigation_complete(investigation=firewall_case.investigation, actor=investigator, reason="Done")
    investigation = investigation_report_render(investigation_id=firewall_case.investigation.pk)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(investigation.report_pdf.read())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "FACTUAL-FINDING-1" in text
    assert COMPELLED not in text and "Scene photo" not in text
