"""The pages and the API of rules, bylaws, policies and procedures (issue 10 part A): the public's list,
current copy, history and differences; the staff pages; the endpoints; constant queries."""

import pytest
import time_machine
from django.test import Client

from oversight.governance.comments import commentable_for
from oversight.governance.documents import version_adopt, version_draft, version_open_for_comment
from oversight.governance.documents_selectors import version_diff
from oversight.governance.models import DocumentVersion
from tests.governance.arrange_documents import TEXT_V2, day, document_arrange, open_arrange, vote

pytestmark = pytest.mark.django_db
Status = DocumentVersion.Status


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(day(0), tick=False) as traveller:
        yield traveller


def _adopted_with_v2_open(director, clock, title="Body-worn cameras"):
    """v1 adopted on day 30, v2 open for comment from day 31; the clock left on day 40."""
    document, v1 = open_arrange(director, title=title)
    clock.move_to(day(30))
    version_adopt(actor=director, version=v1, reason="Meeting", **vote(30))
    clock.move_to(day(31))
    v2 = version_draft(actor=director, document=document, text=TEXT_V2, change_summary="Longer", reason="Revised")
    version_open_for_comment(actor=director, version=v2, reason="Notice")
    clock.move_to(day(40))
    return document, v1, v2


def test_the_public_list_puts_open_items_first_with_the_days_left(client, director, clock, board_members):
    document_arrange(director, title="A draft nobody sees")
    _adopted_with_v2_open(director, clock)
    page = client.get("/participate/documents/").content.decode()
    assert "A draft nobody sees" not in page
    assert page.index('id="open-documents"') < page.index("Policy</h2>")
    assert "21 days left for comments" in page  # day 40: days 40 to 60 of the period from day 31
    assert "version 1, in effect from 2027-03-31" in page


def test_the_document_page_shows_the_current_copy_and_its_history_with_differences(
    client, director, clock, board_members
):
    document, _v1, _v2 = _adopted_with_v2_open(director, clock)
    page = client.get(f"/participate/documents/{document.slug}/").content.decode()
    assert "Officers record every stop.<br>" in page  # the copy in force is v1
    assert "Version 2 is open for community input." in page
    assert f"/participate/documents/{document.slug}/compare/1/2/" in page
    assert 'id="history-v1"' in page and 'id="history-v2"' in page


def test_drafts_are_never_public(client, director):
    document, _version = document_arrange(director)
    assert client.get(f"/participate/documents/{document.slug}/").status_code == 404
    assert client.get(f"/participate/documents/{document.slug}/v1/").status_code == 404


def test_a_version_open_for_input_carries_the_comment_form_and_closes_when_adopted(
    client, director, clock, board_members
):
    document, version = open_arrange(director)
    assert commentable_for(version).key == "document-version"
    page = client.get(f"/participate/documents/{document.slug}/v1/").content.decode()
    assert f"/participate/comment/document-version/{version.pk}/" in page
    assert "30 days left for comments" in page
    clock.move_to(day(30))
    version_adopt(actor=director, version=version, reason="Meeting", **vote(30))
    page = client.get(f"/participate/documents/{document.slug}/v1/").content.decode()
    assert f"/participate/comment/document-version/{version.pk}/" not in page
    assert 'id="comments-closed"' in page


def test_the_difference_marks_removed_and_added_words_in_text_not_colour_alone():
    html, changes = version_diff("Kept <b>one</b> year.", "Kept three years.")
    assert changes == 2
    assert '<del><span class="usa-sr-only">removed: </span>[-&lt;b&gt;one&lt;/b&gt;-]</del>' in html
    assert '<ins><span class="usa-sr-only">added: </span>[+three+]</ins>' in html
    assert "<b>" not in html


def test_the_compare_page_shows_the_change_between_two_versions(client, director, clock, board_members):
    document, _v1, _v2 = _adopted_with_v2_open(director, clock)
    page = client.get(f"/participate/documents/{document.slug}/compare/1/2/").content.decode()
    assert "<ins>" in page and "<del>" in page and "[+" in page and "[-" in page
    assert client.get(f"/participate/documents/{document.slug}/compare/2/1/").status_code == 404


@pytest.mark.parametrize("language", ["es", "vi", "zh-hans", "ru", "so"])
def test_the_public_pages_answer_in_each_language(director, clock, board_members, language):
    document, _v1, _v2 = _adopted_with_v2_open(director, clock)
    client = Client(headers={"accept-language": language})
    for url in (
        "/participate/documents/",
        f"/participate/documents/{document.slug}/",
        f"/participate/documents/{document.slug}/v2/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and f'lang="{language}"' in response.content.decode(), url


def test_the_public_list_costs_the_same_queries_for_one_document_or_five(
    client, director, clock, board_members, django_assert_max_num_queries
):
    _adopted_with_v2_open(director, clock, title="Doc 0")
    with django_assert_max_num_queries(12) as one:
        client.get("/participate/documents/")
    for n in range(1, 5):
        clock.move_to(day(0))
        _adopted_with_v2_open(director, clock, title=f"Doc {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/participate/documents/")


def test_the_staff_list_costs_constant_queries(client, director, clock, board_members, django_assert_max_num_queries):
    for n in range(3):
        clock.move_to(day(0))
        _adopted_with_v2_open(director, clock, title=f"Doc {n}")
    client.force_login(board_members[0])
    with django_assert_max_num_queries(16):
        response = client.get("/board/documents/")
    assert response.status_code == 200 and b"Doc 2" in response.content


def test_a_board_member_reads_the_staff_pages_without_the_forms(client, director, board_members):
    document, version = open_arrange(director)
    client.force_login(board_members[0])
    assert b"Create a document" not in client.get("/board/documents/").content
    page = client.get(f"/board/documents/versions/{version.pk}/").content.decode()
    assert "How the days count" in page and "Record the Board" not in page
    assert client.post(f"/board/documents/versions/{version.pk}/open/", {"open-reason": "x"}).status_code == 403


def test_the_director_is_refused_adoption_on_day_29_on_the_page_with_the_days_explained(
    client, director, clock, board_members
):
    _document, version = open_arrange(director)
    clock.move_to(day(29))
    client.force_login(director)
    data = {
        "adopt-vote_on": "2027-03-30",
        "adopt-votes_yes": 2,
        "adopt-votes_no": 0,
        "adopt-votes_abstain": 0,
        "adopt-reason": "Meeting",
    }
    response = client.post(f"/board/documents/versions/{version.pk}/adopt/", data, follow=True)
    assert "the Board may adopt from 2027-03-31" in response.content.decode()
    clock.move_to(day(30))
    client.force_login(director)  # the session of day 29 has expired
    data["adopt-vote_on"] = "2027-03-31"
    client.post(f"/board/documents/versions/{version.pk}/adopt/", data)
    version.refresh_from_db()
    assert version.status == Status.ADOPTED


def test_the_director_creates_drafts_and_opens_them_on_the_staff_pages(client, director):
    client.force_login(director)
    response = client.post(
        "/board/documents/create/", {"kind": "procedure", "title": "Intake procedure", "reason": "Plan"}
    )
    document_url = response["Location"]
    client.post(document_url + "draft/", {"text": "Step one.", "change_summary": "", "reason": "Drafted"})
    version = DocumentVersion.objects.get(document__slug="intake-procedure")
    client.post(f"/board/documents/versions/{version.pk}/open/", {"open-reason": "Notice"})
    version.refresh_from_db()
    assert version.status == Status.OPEN_FOR_COMMENT
    assert version.history.latest().history_user == director


def test_anyone_reads_public_documents_through_the_api_but_not_drafts(client, director, clock, board_members):
    document_arrange(director, title="Secret draft")
    document, _v1, _v2 = _adopted_with_v2_open(director, clock)
    rows = client.get("/api/v1/documents/").json()
    assert [row["title"] for row in rows] == ["Body-worn cameras"]
    assert [v["status"] for v in rows[0]["versions"]] == ["open_for_comment", "adopted"]
    assert rows[0]["versions"][0]["input_last_day"] == "2027-04-30"
    client.force_login(board_members[0])
    assert len(client.get("/api/v1/documents/").json()) == 2


def test_the_director_opens_and_adopts_through_the_api_and_is_refused_during_input(
    client, director, clock, board_members
):
    document, version = document_arrange(director)
    client.force_login(director)
    assert client.post(f"/api/v1/board/document-versions/{version.pk}/open/", {"reason": "Notice"}).status_code == 200
    clock.move_to(day(29))
    client.force_login(director)
    body = {"reason": "Meeting", "vote_on": "2027-03-30", "votes_yes": 2}
    refused = client.post(f"/api/v1/board/document-versions/{version.pk}/adopt/", body)
    assert refused.status_code == 400 and "may adopt from 2027-03-31" in refused.json()["vote_on"][0]
    clock.move_to(day(30))
    client.force_login(director)
    body["vote_on"] = "2027-03-31"
    adopted = client.post(f"/api/v1/board/document-versions/{version.pk}/adopt/", body)
    assert adopted.status_code == 200 and adopted.json()["status"] == "adopted"
    client.force_login(board_members[0])
    assert client.post(f"/api/v1/board/document-versions/{version.pk}/adopt/", body).status_code == 403


def test_the_api_shows_a_public_version_to_anyone_and_a_draft_only_to_the_board(client, director, board_members):
    document, version = document_arrange(director)
    assert client.get(f"/api/v1/document-versions/{version.pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/").status_code == 404
    client.force_login(board_members[0])
    assert client.get(f"/api/v1/document-versions/{version.pk}/").json()["text"].startswith("Officers record")
    client.logout()
    version_open_for_comment(actor=director, version=version, reason="Notice")
    body = client.get(f"/api/v1/document-versions/{version.pk}/").json()
    assert (body["status"], body["is_open_for_input"], body["input_last_day"]) == (
        "open_for_comment",
        True,
        "2027-03-30",
    )
    assert client.get(f"/api/v1/documents/{document.pk}/").json()["versions"][0]["number"] == 1
