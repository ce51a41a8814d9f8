"""The Board's pages and API: who serves, sub-committees, trainings, bylaws per body (issue 9.1, 9.2)."""

from datetime import date, datetime

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import BoardMembership, BodyRule, SubCommittee, SubCommitteeAction, TrainingCompletion
from tests.conftest import make_board_user
from tests.governance.arrange_board import board_arrange

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_members_page_shows_members_alternates_leadership_and_training(client, board_members, board_alternates):
    make_board_user("leaving", term_end_on=date(2027, 1, 15))
    client.force_login(board_members[0])
    page = client.get("/board/members/").content.decode()
    for user in board_members + board_alternates:
        assert f'id="membership-{user.board_memberships.get().pk}"' in page
    assert "Not yet trained" not in page  # no required training recorded
    assert 'id="ending-soon"' in page and "2027-01-15" in page
    assert "Record a term" not in page  # a Board member reads; the Director writes


def test_the_director_records_a_term_on_the_page(client, director):
    person = make_board_user("temp", term_start_on=date(2001, 1, 1), term_end_on=date(2001, 12, 31))
    client.force_login(director)
    response = client.post(
        "/board/members/appoint/",
        {
            "user": person.pk,
            "kind": "alternate",
            "term_start_on": "2026-12-01",
            "leadership": "none",
            "reason": "Res 9",
        },
    )
    assert response.status_code == 302
    assert BoardMembership.objects.filter(user=person, kind="alternate", term_start_on=date(2026, 12, 1)).exists()


def test_the_director_ends_a_term_and_sets_leadership_on_the_page(client, director, board_members):
    membership = board_members[0].board_memberships.get()
    client.force_login(director)
    client.post(f"/board/members/{membership.pk}/leadership/", {"leadership": "chair", "reason": "Elected"})
    client.post(f"/board/members/{membership.pk}/end/", {"term_end_on": "2026-12-31", "reason": "Resigned"})
    membership.refresh_from_db()
    assert (membership.leadership, membership.term_end_on) == ("chair", date(2026, 12, 31))


def test_the_members_page_keeps_its_queries_constant(client, director, django_assert_max_num_queries):
    for i in range(25):
        make_board_user(
            f"m{i}", kind="alternate" if i % 3 else "member", term_end_on=date(2027, 1, 1) if i % 2 else None
        )
    client.force_login(director)
    with django_assert_max_num_queries(14):
        assert client.get("/board/members/").status_code == 200


def test_the_director_records_a_sub_committee_an_action_and_its_review_on_the_pages(client, director, board_members):
    client.force_login(director)
    response = client.post(
        "/board/subcommittees/create/",
        {
            "name": "Outreach",
            "purpose": "Public meetings",
            "formed_on": "2026-02-01",
            "members": [board_members[1].pk],
            "reason": "Vote",
        },
    )
    sub = SubCommittee.objects.get()
    assert response.url == f"/board/subcommittees/{sub.pk}/"
    client.post(
        f"/board/subcommittees/{sub.pk}/actions/",
        {"description": "Held a forum", "acted_on": "2026-03-01", "reason": "Minutes"},
    )
    action = SubCommitteeAction.objects.get()
    client.post(
        f"/board/subcommittees/actions/{action.pk}/review/",
        {"review": "modified", "reviewed_on": "2026-03-15", "note": "Two forums, not one", "reason": "Minutes"},
    )
    page = client.get(f"/board/subcommittees/{sub.pk}/").content.decode()
    assert "Modified by the full Board" in page and "Two forums, not one" in page


def test_the_sub_committee_list_keeps_its_queries_constant(
    client, director, board_members, django_assert_max_num_queries
):
    for i in range(15):
        board_arrange(director, board_members, on=date(2020, 1, 1)) if i == 0 else None
        sub = SubCommittee.objects.create(name=f"S{i}", purpose="p", formed_on=date(2020, 1, 1))
        sub.members.set(board_members)
    client.force_login(board_members[0])
    with django_assert_max_num_queries(10):
        page = client.get("/board/subcommittees/")
    assert page.status_code == 200 and b"S14" in page.content


def test_the_trainings_page_shows_the_share_trained_and_who_is_not(client, director, board_members):
    board_arrange(director, board_members)
    client.force_login(board_members[1])
    page = client.get("/board/trainings/").content.decode()
    assert "33% (1 of 3)" in page and "2020-01-01" in page
    assert 'id="untrained"' in page and "Record a completion" not in page


def test_the_director_records_a_completion_on_the_page(client, director, board_members):
    board_arrange(director, board_members)
    client.force_login(director)
    training = TrainingCompletion.objects.get().training
    client.post(
        "/board/trainings/complete/",
        {"member": board_members[1].pk, "training": training.pk, "completed_on": "2026-11-01", "reason": "Cert"},
    )
    assert TrainingCompletion.objects.filter(member=board_members[1]).exists()


def test_the_trainings_page_keeps_its_queries_constant(client, director, board_members, django_assert_max_num_queries):
    board_arrange(director, board_members)
    for i in range(20):
        make_board_user(f"t{i}")
    client.force_login(director)
    with django_assert_max_num_queries(14):
        assert client.get("/board/trainings/").status_code == 200


BYLAWS = {
    "label": "Bylaws v3",
    "adopted_on": "2026-11-20",
    "adopting_body": "board",
    "body": "appeals",
    "size": "5",
    "quorum": "0.6",
    "threshold": "0.6",
    "tie_rule": "investigator_finding_stands",
    "appeal_window_days": "14",
    "notice_days": "7",
    "reason": "Amendment 6",
}


def test_the_bylaws_page_shows_every_body_in_plain_words_with_version_and_date(client, director, board_members):
    client.force_login(director)
    assert client.post("/board/bylaws/versions/record/", BYLAWS).status_code == 302
    client.force_login(board_members[0])
    page = client.get("/board/bylaws/").content.decode()
    assert "3 of 5 members must vote; 3 must agree." in page
    assert "Bylaws v3, adopted 2026-11-20" in page
    assert "2 of 3 members must vote; 2 must agree." in page  # the other bodies' defaults
    assert "Record a bylaws version" not in page


def test_a_version_the_form_refuses_keeps_the_input(client, director):
    client.force_login(director)
    response = client.post("/board/bylaws/versions/record/", BYLAWS | {"threshold": "0.5", "label": "Kept v9"})
    assert response.status_code == 400 and b"Kept v9" in response.content
    assert not BodyRule.objects.exists()


def test_the_members_api_lists_who_serves_today_with_training(client, board_members, board_alternates):
    client.force_login(board_members[0])
    body = client.get("/api/v1/board/members/").json()
    assert body["count"] == 5
    assert {r["kind"] for r in body["results"]} == {"member", "alternate"}
    assert all(r["is_trained"] for r in body["results"])  # no required training recorded


def test_the_members_api_says_who_is_not_trained(client, director, board_members):
    board_arrange(director, board_members)
    client.force_login(director)
    trained = {r["user"]: r["is_trained"] for r in client.get("/api/v1/board/members/").json()["results"]}
    assert trained == {board_members[0].pk: True, board_members[1].pk: False, board_members[2].pk: False}


def test_the_bylaws_api_gives_every_body_with_plain_words(client, board_members):
    client.force_login(board_members[0])
    rows = client.get("/api/v1/board/bylaws/").json()
    assert [r["body"] for r in rows] == ["board", "subcommittee", "preliminary", "hearings", "disciplinary", "appeals"]
    assert rows[0]["plain_words"] == "2 of 3 members must vote; 2 must agree." and rows[0]["adopted_on"] is None


def test_the_apis_refuse_other_roles(client, investigator):
    client.force_login(investigator)
    assert client.get("/api/v1/board/members/").status_code == 403
    assert client.get("/api/v1/board/bylaws/").status_code == 403
