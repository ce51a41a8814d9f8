"""Pages of policy recommendations (R4.1): the Board's list and record, the PPB liaison's portal (never a
draft), the public list and page (never a draft), the staff home, and constant query counts."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import PolicyRecommendation
from oversight.governance.recommendations import (
    recommendation_council_decide,
    recommendation_implementation_update,
)
from oversight.governance.recommendations_selectors import recommendations_by_status, recommendations_made_in
from tests.governance.arrange_recommendations import adopted, answered, council_requested, draft, sent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 12, 10, 0, tzinfo=PACIFIC)
Status = PolicyRecommendation.Status


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


# The Board and the Director.


def test_a_board_member_records_a_draft_from_the_list(client, board_members):
    client.force_login(board_members[0])
    response = client.post(
        "/board/recommendations/create/",
        {"title": "Stops", "text": "Record every stop.", "rationale": "Data", "reason": "Meeting"},
    )
    recommendation = PolicyRecommendation.objects.get()
    assert response["Location"] == f"/board/recommendations/{recommendation.pk}/"
    assert recommendation.drafted_by == board_members[0]


def test_the_director_adopts_sends_and_sees_the_due_date(client, director, board_members, liaison):
    recommendation = draft(director)
    client.force_login(director)
    client.post(
        f"/board/recommendations/{recommendation.pk}/adopt/",
        {
            "adopt-vote_on": "2026-03-02",
            "adopt-votes_yes": 3,
            "adopt-votes_no": 0,
            "adopt-votes_abstain": 0,
            "adopt-reason": "Meeting",
        },
    )
    client.post(f"/board/recommendations/{recommendation.pk}/send/", {"reason": "Sent"})
    recommendation.refresh_from_db()
    assert recommendation.status == Status.SENT_TO_PPB
    page = client.get(f"/board/recommendations/{recommendation.pk}/").content.decode()
    assert "2026-05-11" in page and "Sent" in page


def test_a_refused_vote_shows_why_and_leaves_the_draft(client, director, board_members):
    recommendation = draft(director)
    client.force_login(director)
    response = client.post(
        f"/board/recommendations/{recommendation.pk}/adopt/",
        {
            "adopt-vote_on": "2026-03-02",
            "adopt-votes_yes": 1,
            "adopt-votes_no": 2,
            "adopt-votes_abstain": 0,
            "adopt-reason": "Meeting",
        },
        follow=True,
    )
    assert "Not adopted" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == Status.DRAFT


def test_the_director_records_councils_vote_from_the_record(client, director, board_members, liaison):
    recommendation = council_requested(director, liaison)
    client.force_login(director)
    client.post(
        f"/board/recommendations/{recommendation.pk}/council-decision/",
        {"outcome": "binds_ppb", "vote_on": "2026-03-12", "reference": "Res. 37712", "reason": "Council"},
    )
    recommendation.refresh_from_db()
    assert recommendation.binds_ppb


def test_the_board_list_shows_drafts_in_constant_queries(
    client, director, board_members, django_assert_max_num_queries
):
    for n in range(3):
        draft(director, title=f"Draft {n}")
    client.force_login(board_members[0])
    client.get("/board/recommendations/")
    for n in range(3, 12):
        adopted(director, title=f"Adopted {n}")
    with django_assert_max_num_queries(12):
        response = client.get("/board/recommendations/")
    assert response.status_code == 200
    assert "Draft 0" in response.content.decode()


# The PPB liaison's portal.


def test_the_liaison_never_sees_a_draft_nor_an_unsent_recommendation(client, director, board_members, liaison):
    hidden_draft = draft(director, title="Hidden draft")
    hidden_adopted = adopted(director, title="Not yet sent")
    shown = sent(director, title="Sent to PPB")
    client.force_login(liaison)
    page = client.get("/board/recommendations/ppb/").content.decode()
    assert "Sent to PPB" in page
    assert "Hidden draft" not in page and "Not yet sent" not in page
    assert client.get(f"/board/recommendations/ppb/{hidden_draft.pk}/").status_code == 404
    assert client.get(f"/board/recommendations/ppb/{hidden_adopted.pk}/").status_code == 404
    assert client.get(f"/board/recommendations/ppb/{shown.pk}/").status_code == 200


def test_another_role_cannot_open_the_liaisons_pages(client, director, board_members, investigator):
    recommendation = sent(director)
    for user in (board_members[0], director, investigator):
        client.force_login(user)
        assert client.get("/board/recommendations/ppb/").status_code == 403
        assert client.get(f"/board/recommendations/ppb/{recommendation.pk}/").status_code == 403


def test_the_liaison_lists_what_ppb_owes_first(client, director, board_members, liaison):
    sent(director, title="Owed answer")
    answered(director, liaison, answer="rejected", title="Rejected one")
    client.force_login(liaison)
    page = client.get("/board/recommendations/ppb/").content.decode()
    owed = page.split('id="owed"')[1].split("</table>")[0]
    assert "Owed answer" in owed and "Rejected one" not in owed


def test_the_liaison_answers_in_the_portal(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    response = client.post(
        f"/board/recommendations/ppb/{recommendation.pk}/answer/",
        {"answer": "modified", "explanation": "For patrol only."},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.answer) == (Status.ANSWERED, "modified")


def test_an_answer_without_explanation_is_shown_again_with_the_error(client, director, board_members, liaison):
    recommendation = sent(director)
    client.force_login(liaison)
    response = client.post(f"/board/recommendations/ppb/{recommendation.pk}/answer/", {"answer": "accepted"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == Status.SENT_TO_PPB


def test_the_liaison_records_implementation_from_the_portal(client, director, board_members, liaison):
    recommendation = answered(director, liaison)
    client.force_login(liaison)
    response = client.post(
        f"/board/recommendations/{recommendation.pk}/updates/",
        {"stage": "in_progress", "update_on": "2026-03-12", "note": "Training scheduled"},
    )
    assert response["Location"] == f"/board/recommendations/ppb/{recommendation.pk}/"
    recommendation.refresh_from_db()
    assert recommendation.implementation == "in_progress"


def test_the_liaisons_home_lists_answers_due(client, director, board_members, liaison):
    from oversight.accounts.my_work import my_work_for
    from oversight.governance.recommendations_selectors import liaison_recommendations_part

    sent(director, title="Owed answer")
    part = liaison_recommendations_part(user=liaison, now=timezone.now())
    assert part["count"] == 1 and part["rows"][0]["label"] == "Owed answer"
    assert any(
        p["title"] == part["title"] for _role, parts in my_work_for(user=liaison, now=timezone.now()) for p in parts
    )


# The public.


def test_the_public_list_never_shows_a_draft(client, director, board_members):
    draft(director, title="Secret draft")
    adopted(director, title="Adopted one")
    page = client.get("/participate/recommendations/").content.decode()
    assert "Adopted one" in page and "Secret draft" not in page


def test_the_public_page_of_a_draft_is_not_found(client, director):
    assert client.get(f"/participate/recommendations/{draft(director).pk}/").status_code == 404


def test_the_public_list_filters_by_status_and_answer(client, director, board_members, liaison):
    adopted(director, title="Only adopted")
    answered(director, liaison, answer="rejected", title="Rejected by PPB")
    page = client.get("/participate/recommendations/?status=answered").content.decode()
    assert "Rejected by PPB" in page and "Only adopted" not in page
    page = client.get("/participate/recommendations/?answer=accepted").content.decode()
    assert "Rejected by PPB" not in page


def test_the_public_page_shows_the_answer_council_and_implementation(client, director, board_members, liaison):
    recommendation = council_requested(director, liaison)
    recommendation_council_decide(
        actor=director,
        recommendation=recommendation,
        outcome="binds_ppb",
        vote_on=date(2026, 3, 12),
        reference="Resolution 37712",
        reason="Council",
    )
    recommendation_implementation_update(
        actor=liaison,
        recommendation=recommendation,
        stage="planned",
        note="Directive drafted",
        update_on=date(2026, 3, 12),
    )
    page = client.get(f"/participate/recommendations/{recommendation.pk}/").content.decode()
    assert "Rejected" in page and "PPB will change directive 630.50" in page
    assert "Resolution 37712" in page and "binds PPB" in page
    assert "Directive drafted" in page


def test_the_public_page_links_the_sentinel_review_it_came_from(client, director, board_members):
    from oversight.governance.models import SentinelReview

    review = SentinelReview(
        title="In-custody death review",
        event_summary="A death in custody.",
        scope="Intake",
        opened_on=date(2026, 1, 5),
        created_by=director,
        created_at=timezone.now(),
    )
    review._change_reason = "Test arrangement"
    review.save()
    recommendation = adopted(director, sentinel_review=review)
    page = client.get(f"/participate/recommendations/{recommendation.pk}/").content.decode()
    assert f'href="/participate/sentinel-reviews/{review.pk}/"' in page


def test_the_public_list_takes_constant_queries(client, director, board_members, django_assert_max_num_queries):
    adopted(director, title="First")
    client.get("/participate/recommendations/")
    for n in range(12):
        adopted(director, title=f"Adopted {n}")
    with django_assert_max_num_queries(6):
        response = client.get("/participate/recommendations/")
    assert response.status_code == 200


# The annual report's selectors (issue 11, items b and c).


def test_recommendations_made_in_a_year_count_adoptions_not_drafts(director, board_members, liaison):
    draft(director, title="Draft")
    adopted(director, title="Adopted")
    answered(director, liaison, answer="rejected", title="Rejected")
    assert {r.title for r in recommendations_made_in(2026)} == {"Adopted", "Rejected"}
    assert list(recommendations_made_in(2025)) == []


def test_recommendations_by_status_counts_every_status_and_answer(director, board_members, liaison):
    draft(director, title="Draft")
    adopted(director, title="Adopted")
    answered(director, liaison, answer="rejected", title="Rejected")
    counts = recommendations_by_status()
    assert counts[Status.ADOPTED] == 1 and counts[Status.ANSWERED] == 1 and counts[Status.IMPLEMENTED] == 0
    assert Status.DRAFT not in counts
    assert counts["answer:rejected"] == 1 and counts["answer:accepted"] == 0


def test_the_record_shows_its_history_with_who_and_why(client, director, board_members):
    recommendation = adopted(director)
    client.force_login(board_members[0])
    page = client.get(f"/board/recommendations/{recommendation.pk}/").content.decode()
    assert "Board meeting of 2 March, item 4" in page and str(director) in page


def test_the_directors_home_lists_recommendations_to_send_and_rejections(director, board_members, liaison):
    from oversight.governance.recommendations_selectors import director_recommendations_part

    adopted(director, title="To send")
    answered(director, liaison, answer="rejected", title="Rejected")
    answered(director, liaison, answer="accepted", title="Accepted")
    part = director_recommendations_part(user=director, now=timezone.now())
    assert part["count"] == 2
    assert {row["label"] for row in part["rows"]} == {"To send", "Rejected"}


def test_an_overdue_answer_is_named_on_the_public_page(client, director, board_members):
    from oversight.calendar.services import deadline_sweep

    recommendation = sent(director)
    with time_machine.travel(datetime(2026, 5, 12, 9, 0, tzinfo=PACIFIC), tick=False):
        deadline_sweep()
        page = client.get(f"/participate/recommendations/{recommendation.pk}/").content.decode()
    assert "Answer overdue" in page
