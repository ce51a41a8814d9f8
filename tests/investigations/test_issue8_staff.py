"""Staff-side defects found in the browser (issue 8): typed list numbers in a records request, and
PPB's reasons for withholding shown on the investigator's case page."""

import re
from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investigations.services import records_request_send, requested_record_answer
from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from tests.arrange import case_investigating
from tests.case_page import case_page_text
from tests.investigations.test_records import pdf

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 16, 10, 0, tzinfo=PACIFIC)

TYPED = """1. Incident report 26-1001
2) Body-camera video, Officer B
(3) CAD log
a) Dispatch audio
- iv. Use-of-force report
A. Smith's statement
1.5 hours of video from the lobby
"""


@pytest.fixture
def case(intake_user, director, investigator):
    with time_machine.travel(MONDAY, tick=False):
        return case_investigating(intake_user, director, investigator)


def _send(case, investigator, records_sought):
    with time_machine.travel(MONDAY, tick=False):
        return records_request_send(investigation=case.investigation, records_sought=records_sought, actor=investigator)


def _descriptions(request):
    return [r.description for r in request.records.order_by("pk")]


# 3. A typed list keeps its words, not its numbers


def test_a_typed_list_number_is_not_kept_in_the_record(case, investigator):
    assert _descriptions(_send(case, investigator, TYPED)) == [
        "Incident report 26-1001",
        "Body-camera video, Officer B",
        "CAD log",
        "Dispatch audio",
        "Use-of-force report",
        "A. Smith's statement",  # an initial, not a list letter
        "1.5 hours of video from the lobby",  # a number, not a list number
    ]


def test_a_line_that_is_only_a_list_number_is_no_record(case, investigator):
    assert _descriptions(_send(case, investigator, "1.\n2. Incident report\n(3)\n")) == ["Incident report"]


def test_the_liaison_page_numbers_each_record_once(client, case, investigator, liaison):
    request = _send(case, investigator, "1. Incident report 26-1001\n2. Body-camera video\n")
    client.force_login(liaison)
    html = client.get(f"/staff/investigations/ppb/requests/{request.pk}/").content.decode()
    headings = re.findall(r'<h3 id="record-\d+-h">([^<]+)</h3>', html)
    assert headings == ["1. Incident report 26-1001", "2. Body-camera video"]


def test_the_liaisons_notice_numbers_the_records_as_the_page_does(case, investigator, liaison):
    request = _send(case, investigator, "a) Incident report\n- b) Body-camera video\n")
    notice = Notice.objects.get(recipient_user=liaison, subject__startswith=f"Records request {request.pk}")
    assert notice.body == "1. Incident report\n2. Body-camera video"


# 4. PPB's reasons on the case page


def _answered(case, investigator, liaison):
    request = _send(case, investigator, "Incident report\nBody-camera video\nInternal memo\n")
    produced, redacted, withheld = request.records.order_by("pk")
    with time_machine.travel(MONDAY, tick=False):
        requested_record_answer(record=produced, outcome="produced", upload=pdf(), actor=liaison)
        requested_record_answer(
            record=redacted,
            outcome="redacted",
            upload=pdf("bwc.pdf"),
            reason="Faces of bystanders blurred",
            legal_justification="ORS 192.355(2)",
            actor=liaison,
        )
        requested_record_answer(
            record=withheld,
            outcome="withheld",
            reason="Open criminal case",
            legal_justification="ORS 192.345(3)",
            actor=liaison,
        )
    return request


def _case_page(client, user, case):
    client.force_login(user)
    return client.get(f"/complaints/staff/cases/{case.pk}/records/").content.decode()


def test_the_case_page_shows_each_records_answer_with_its_reason_and_legal_justification(
    client, case, investigator, liaison
):
    request = _answered(case, investigator, liaison)
    html = _case_page(client, investigator, case)
    item = re.search(rf'<li id="records-request-{request.pk}">.*?</ol></li>', html, re.S).group(0)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item))
    assert "Incident report: Produced" in text
    assert "Body-camera video: Produced with redactions" in text
    assert "Reason Faces of bystanders blurred Legal justification ORS 192.355(2)" in text
    assert "Internal memo: Withheld" in text
    assert "Reason Open criminal case Legal justification ORS 192.345(3)" in text


def test_intake_staff_do_not_read_ppbs_answers_on_the_case_page(client, case, investigator, liaison, intake_user):
    _answered(case, investigator, liaison)
    client.force_login(intake_user)
    html = case_page_text(client, case)
    assert "Open criminal case" not in html and "ORS 192.345(3)" not in html


def test_the_case_page_runs_the_same_queries_for_one_or_four_answered_requests(client, case, investigator, liaison):
    def queries():
        client.force_login(investigator)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/complaints/staff/cases/{case.pk}/records/").status_code == 200
        return len(ctx.captured_queries)

    _answered(case, investigator, liaison)
    one = queries()
    for _ in range(3):
        _answered(case, investigator, liaison)
    assert queries() == one
