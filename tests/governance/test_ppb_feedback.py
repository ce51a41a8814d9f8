"""PPB's feedback to the Board (35A.050 F.1.q; issue 11): a PPB liaison sends it once per form, the
Director and the Board read it, another agency's liaison sees none of it, item q counts it by topic."""

import datetime
import uuid

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance.feedback import ppb_feedback_send, ppb_feedback_summary, ppb_feedback_visible_to
from oversight.governance.models import PpbFeedback
from reports.items import report_build
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _city_liaison():
    city = make_user(Role.LIAISON, username="city_liaison")
    city.agency = User.Agency.CITY
    city.save()
    return city


def _send(liaison, topic="records", body="Video from other agencies takes longer.", key=None):
    return ppb_feedback_send(actor=liaison, topic=topic, body=body, submission_key=key or uuid.uuid4())


def test_a_liaison_sends_feedback_with_a_history_row(liaison):
    feedback = _send(liaison)
    assert (feedback.topic, feedback.submitted_by, feedback.submitted_at) == ("records", liaison, NOW)
    (row,) = feedback.history.all()
    assert (row.history_user, row.history_change_reason) == (liaison, "Feedback sent by PPB")


def test_the_same_form_sent_twice_is_one_feedback(liaison):
    key = uuid.uuid4()
    assert _send(liaison, key=key).pk == _send(liaison, key=key).pk
    assert PpbFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("topic", "body", "field"), [("records", "  ", "body"), ("gossip", "x", "topic"), ("records", "x" * 4001, "body")]
)
def test_bad_feedback_is_refused_with_the_field_and_stores_nothing(liaison, topic, body, field):
    with pytest.raises(ValidationError) as refused:
        _send(liaison, topic=topic, body=body)
    assert field in refused.value.message_dict
    assert not PpbFeedback.objects.exists()


@pytest.mark.parametrize("role", ["director", "investigator", "intake_user", "admin_user"])
def test_only_a_ppb_liaison_sends_it(request, role):
    with pytest.raises(PermissionDenied):
        _send(request.getfixturevalue(role))
    city = _city_liaison()
    with pytest.raises(PermissionDenied):
        _send(city)


def test_who_reads_it(liaison, director, board_members, investigator):
    sent = _send(liaison)
    city = _city_liaison()
    assert list(ppb_feedback_visible_to(user=director)) == [sent]
    assert list(ppb_feedback_visible_to(user=board_members[0])) == [sent]
    assert list(ppb_feedback_visible_to(user=liaison)) == [sent]
    assert list(ppb_feedback_visible_to(user=city)) == []
    assert list(ppb_feedback_visible_to(user=investigator)) == []


def test_item_q_counts_feedback_in_the_period_by_topic(liaison, clock):
    _send(liaison, topic="records")
    _send(liaison, topic="records")
    _send(liaison, topic="hearings")
    clock.move_to(datetime.datetime(2027, 1, 2, 9, tzinfo=PACIFIC))
    _send(liaison, topic="data")  # next year
    summary = ppb_feedback_summary(
        since=datetime.datetime(2026, 1, 1, tzinfo=PACIFIC), until=datetime.datetime(2027, 1, 1, tzinfo=PACIFIC)
    )
    assert summary["total"] == 3 and summary["by_topic"]["records"] == 2 and summary["by_topic"]["data"] == 0
    snapshot = report_build(start=datetime.date(2026, 1, 1), end=datetime.date(2027, 1, 1))
    item_q = next(i for i in snapshot["items"] if i["key"] == "q")
    table = next(b for b in item_q["blocks"] if b["type"] == "table" and b["caption"] == "Feedback from PPB by topic")
    assert dict(map(tuple, table["rows"])) == {
        "Investigations and interviews": 0,
        "Records requests and subpoenas": 2,
        "Hearings and discipline": 1,
        "Policy recommendations": 0,
        "Data submissions": 0,
        "Something else": 0,
        "In all": 3,
    }
    assert item_q["is_recorded"] is True


def test_the_liaison_sends_it_on_the_page_and_a_double_submit_stores_one(client, liaison):
    client.force_login(liaison)
    page = client.get("/board/feedback/ppb/").content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {"topic": "investigations", "body": "Interview notices reach us late.", "submission_key": key}
    assert client.post("/board/feedback/ppb/", data).status_code == 302
    assert client.post("/board/feedback/ppb/", data).status_code == 302
    assert PpbFeedback.objects.count() == 1
    assert "Interview notices reach us late." in client.get("/board/feedback/ppb/").content.decode()


def test_an_empty_form_comes_back_with_its_message_and_what_was_chosen(client, liaison):
    client.force_login(liaison)
    response = client.post("/board/feedback/ppb/", {"topic": "data", "body": "", "submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and 'value="data" selected' in html
    assert not PpbFeedback.objects.exists()


def test_the_director_reads_the_list_and_another_agencys_liaison_sees_none(client, liaison, director):
    _send(liaison, body="Subpoena timelines are unclear.")
    client.force_login(director)
    assert "Subpoena timelines are unclear." in client.get("/board/feedback/").content.decode()
    city = _city_liaison()
    client.force_login(city)
    page = client.get("/board/feedback/ppb/").content.decode()
    assert "Subpoena timelines are unclear." not in page and "Only PPB" in page
    assert client.get("/board/feedback/").status_code == 403


def test_the_list_runs_a_constant_number_of_queries(client, liaison, director, django_assert_max_num_queries):
    for i in range(30):
        _send(liaison, body=f"Feedback {i}")
    client.force_login(director)
    client.get("/board/feedback/")
    with django_assert_max_num_queries(12):
        assert client.get("/board/feedback/").status_code == 200
