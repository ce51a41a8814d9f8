"""The API of policy recommendations (R4.1, R6.4): scoped per role, and PPB's answer by its liaison
with 400s by field."""

from datetime import datetime

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import PolicyRecommendation
from oversight.notices.models import Notice
from tests.governance.arrange_recommendations import adopted, answered, draft, sent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 12, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _titles(response):
    return {row["title"] for row in response.json()["results"]}


def test_the_liaison_lists_only_what_was_sent_to_ppb(client, director, board_members, liaison):
    draft(director, title="Draft")
    adopted(director, title="Adopted")
    sent(director, title="Sent")
    client.force_login(liaison)
    assert _titles(client.get("/api/v1/recommendations/")) == {"Sent"}


def test_the_board_lists_every_recommendation_with_drafts(client, director, board_members):
    draft(director, title="Draft")
    sent(director, title="Sent")
    client.force_login(board_members[0])
    assert _titles(client.get("/api/v1/recommendations/")) == {"Draft", "Sent"}


def test_the_liaison_cannot_read_a_draft_by_its_number(client, director, board_members, liaison):
    recommendation = draft(director)
    client.force_login(liaison)
    assert client.get(f"/api/v1/recommendations/{recommendation.pk}/").status_code == 404


def test_the_detail_gives_the_due_date_and_frozen_days(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    body = client.get(f"/api/v1/recommendations/{recommendation.pk}/").json()
    assert body["status"] == "sent_to_ppb" and body["response_days"] == 60
    assert body["due_at"].startswith("2026-05-11") and body["is_overdue"] is False


def test_other_roles_cannot_use_the_api(client, director, board_members, investigator, intake_user):
    recommendation = sent(director)
    for user in (investigator, intake_user):
        client.force_login(user)
        assert client.get("/api/v1/recommendations/").status_code == 403
    client.force_login(director)
    response = client.post(
        f"/api/v1/recommendations/{recommendation.pk}/answer/",
        {"answer": "accepted", "explanation": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_liaison_answers_through_the_api(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    response = client.post(
        f"/api/v1/recommendations/{recommendation.pk}/answer/",
        {"answer": "rejected", "explanation": "The directive conflicts with the contract."},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "answered" and response.json()["answer"] == "rejected"
    recommendation.refresh_from_db()
    assert recommendation.answered_by == liaison
    assert Notice.objects.filter(recipient_user=director, subject__contains="PPB answered").exists()


def test_an_answer_with_missing_fields_is_a_400_by_field(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    response = client.post(
        f"/api/v1/recommendations/{recommendation.pk}/answer/", {"answer": "maybe"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"answer", "explanation"}


def test_a_blank_explanation_is_a_400_on_the_field(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    response = client.post(
        f"/api/v1/recommendations/{recommendation.pk}/answer/",
        {"answer": "accepted", "explanation": "   "},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "explanation" in response.json()


def test_a_second_different_answer_is_a_400_with_the_rule(client, director, board_members, liaison):
    recommendation = answered(director, liaison)
    client.force_login(liaison)
    response = client.post(
        f"/api/v1/recommendations/{recommendation.pk}/answer/",
        {"answer": "rejected", "explanation": "Changed our mind"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "detail" in response.json()
    recommendation.refresh_from_db()
    assert recommendation.answer == PolicyRecommendation.Answer.ACCEPTED


def test_the_list_takes_constant_queries(client, director, board_members, liaison, django_assert_max_num_queries):
    sent(director, title="First")
    client.force_login(liaison)
    client.get("/api/v1/recommendations/")
    for n in range(10):
        answered(director, liaison, title=f"Answered {n}")
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/recommendations/")
    assert response.json()["count"] == 11
