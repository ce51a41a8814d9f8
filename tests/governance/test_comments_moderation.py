"""Moderation of public comments (issue 10 section 3): publish with personal data redacted, withhold with a
reason, the published comments on the item's page, counts, the Board's export, the API."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance.comments import (
    comment_counts_for,
    comment_publish,
    comment_withhold,
    comments_published_for,
    director_comments_part,
    personal_data_redacted,
)
from oversight.governance.services import subcommittee_dissolve

from .arrange_comments import KEY, comment_arrange, subcommittee_arrange, subcommittee_commentable

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def registered():
    with subcommittee_commentable() as entry:
        yield entry


@pytest.fixture
def item(director, board_members):
    return subcommittee_arrange(director, board_members[:1])


@pytest.fixture
def comment(item):
    return comment_arrange(item, body="Write to me at ayaan@example.org or 503-555-0100. More training, please.")


def _section(item):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template("{% load participate_comments %}{% comment_section item %}")
    return template.render(RequestContext(request, {"item": item}))


# -- Services --------------------------------------------------------------------------------


def test_the_director_publishes_an_edited_text_and_history_names_them_and_the_reason(director, comment):
    published = comment_publish(
        actor=director, comment=comment, published_body="More training, please.", reason="Contact details removed"
    )
    assert (published.status, published.published_body) == ("published", "More training, please.")
    assert published.body.startswith("Write to me at ayaan@example.org")
    assert (published.moderated_by, published.moderated_at) == (director, NOW)
    latest = published.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (director, "Published: Contact details removed")


def test_an_address_typed_as_the_name_is_not_published(director, item):
    comment = comment_arrange(item, body="More training.", display_name="Ayaan ayaan@example.org")
    published = comment_publish(actor=director, comment=comment, published_body="More training.", reason="Read")
    assert published.display_name == "Ayaan [e-mail address removed]"
    assert "ayaan@example.org" in published.history.earliest("history_id").display_name


def test_the_director_withholds_with_a_reason_and_history_names_them(director, comment):
    withheld = comment_withhold(actor=director, comment=comment, reason="Names an officer's family")
    assert (withheld.status, withheld.reason, withheld.published_body) == ("withheld", "Names an officer's family", "")
    latest = withheld.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (director, "Withheld: Names an officer's family")


def test_withholding_needs_a_reason(director, comment):
    with pytest.raises(ValidationError) as refused:
        comment_withhold(actor=director, comment=comment, reason=" ")
    assert "reason" in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_publishing_needs_a_text(director, comment):
    with pytest.raises(ValidationError) as refused:
        comment_publish(actor=director, comment=comment, published_body="", reason="ok")
    assert "published_body" in refused.value.message_dict


def test_only_the_director_moderates(board_members, comment):
    with pytest.raises(PermissionDenied):
        comment_publish(actor=board_members[0], comment=comment, published_body="x", reason="r")
    with pytest.raises(PermissionDenied):
        comment_withhold(actor=board_members[0], comment=comment, reason="r")


def test_publishing_twice_with_the_same_text_records_once(director, comment):
    comment_publish(actor=director, comment=comment, published_body="Fine.", reason="ok")
    comment_publish(actor=director, comment=comment, published_body="Fine.", reason="ok")
    assert comment.history.count() == 2


def test_a_published_comment_can_later_be_withheld(director, comment):
    comment_publish(actor=director, comment=comment, published_body="Fine.", reason="ok")
    withheld = comment_withhold(actor=director, comment=comment, reason="Personal data found later")
    assert (withheld.status, withheld.published_body) == ("withheld", "")


def test_e_mail_addresses_and_phone_numbers_are_proposed_redacted():
    text, found = personal_data_redacted("Mail ayaan@example.org, call (503) 555-0100 about case 12.")
    assert text == "Mail [e-mail address removed], call [phone number removed] about case 12."
    assert found == ["ayaan@example.org", "(503) 555-0100"]


def test_counts_per_item_in_one_query(director, board_members, item, django_assert_max_num_queries):
    other = subcommittee_arrange(director, board_members[:1], name="Training")
    first, second = comment_arrange(item), comment_arrange(item)
    comment_arrange(other)
    comment_publish(actor=director, comment=first, published_body="ok", reason="ok")
    comment_withhold(actor=director, comment=second, reason="abusive")
    with django_assert_max_num_queries(2):
        counts = comment_counts_for([item, other])
    assert counts[item.pk] == {"published": 1, "pending": 0, "withheld": 1, "total": 2}
    assert counts[other.pk] == {"published": 0, "pending": 1, "withheld": 0, "total": 1}


# -- The public section ----------------------------------------------------------------------


def test_the_item_page_shows_only_published_comments_with_name_or_anonymous(director, item):
    shown = comment_arrange(item, body="Original", display_name="Lan")
    anonymous = comment_arrange(item, body="Second")
    hidden = comment_arrange(item, body="Hidden text")
    comment_arrange(item, body="Still pending")
    comment_publish(actor=director, comment=shown, published_body="Published words", reason="ok")
    comment_publish(actor=director, comment=anonymous, published_body="Anonymous words", reason="ok")
    comment_withhold(actor=director, comment=hidden, reason="abusive")
    html = _section(item)
    assert "2 published comments." in html
    assert "Published words" in html and "Lan" in html and "Anonymous words" in html and "Anonymous" in html
    assert "Original" not in html and "Hidden text" not in html and "Still pending" not in html
    assert 'action="/participate/comment/test-subcommittee/' in html
    assert list(comments_published_for(item)) == [shown, anonymous]


def test_a_closed_item_shows_its_comments_without_the_form(director, item):
    comment_publish(actor=director, comment=comment_arrange(item), published_body="Said before", reason="ok")
    subcommittee_dissolve(actor=director, subcommittee=item, dissolved_on=date(2026, 12, 1), reason="Done")
    item.refresh_from_db()
    html = _section(item)
    assert "Said before" in html and 'id="comments-closed"' in html and "<form" not in html


def test_the_section_costs_constant_queries(director, item, django_assert_max_num_queries):
    for n in range(5):
        comment_publish(actor=director, comment=comment_arrange(item), published_body=f"c{n}", reason="ok")
    _section(item)
    with django_assert_max_num_queries(1):
        _section(item)


# -- Staff pages -----------------------------------------------------------------------------


def test_the_queue_lists_oldest_first_and_filters_by_status(client, director, item):
    first = comment_arrange(item, body="first")
    with time_machine.travel(datetime(2026, 12, 2, 11, 0, tzinfo=PACIFIC), tick=False):
        second = comment_arrange(item, body="second")
    comment_withhold(actor=director, comment=second, reason="abusive")
    client.force_login(director)
    html = client.get("/board/comments/").content.decode()
    assert html.index(f"comment-row-{first.pk}") < html.index(f"comment-row-{second.pk}")
    pending = client.get("/board/comments/", {"status": "pending"}).content.decode()
    assert f"comment-row-{first.pk}" in pending and f"comment-row-{second.pk}" not in pending
    by_item = client.get("/board/comments/", {"key": KEY, "item": item.pk + 1000}).content.decode()
    assert f"comment-row-{first.pk}" not in by_item


def test_the_queue_keeps_its_queries_constant(client, director, board_members, item):
    client.force_login(director)
    comment_arrange(item)
    client.get("/board/comments/")
    with CaptureQueriesContext(connection) as one_row:
        client.get("/board/comments/")
    other = subcommittee_arrange(director, board_members[:1], name="Other")
    for n in range(6):
        comment_arrange(other if n % 2 else item, body=f"c{n}")
    with CaptureQueriesContext(connection) as seven_rows:
        assert client.get("/board/comments/").status_code == 200
    assert len(seven_rows) == len(one_row) <= 12


def test_the_moderation_page_shows_the_personal_data_hint_and_the_proposed_text(client, director, comment):
    client.force_login(director)
    html = client.get(f"/board/comments/{comment.pk}/").content.decode()
    assert 'id="personal-data"' in html and "ayaan@example.org" in html and "503-555-0100" in html
    assert "Write to me at [e-mail address removed] or [phone number removed]. More training, please." in html


def test_the_director_publishes_on_the_page(client, director, comment):
    client.force_login(director)
    response = client.post(
        f"/board/comments/{comment.pk}/publish/", {"published_body": "More training, please.", "reason": "Redacted"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.published_body, comment.moderated_by) == (
        "published",
        "More training, please.",
        director,
    )


def test_a_withhold_without_reason_re_renders_with_errors(client, director, comment):
    client.force_login(director)
    response = client.post(f"/board/comments/{comment.pk}/withhold/", {"withhold-reason": ""})
    assert response.status_code == 400 and 'id="error-summary"' in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_the_director_withholds_on_the_page(client, director, comment):
    client.force_login(director)
    response = client.post(f"/board/comments/{comment.pk}/withhold/", {"withhold-reason": "Threatening"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.reason) == ("withheld", "Threatening")


def test_the_board_reads_the_queue_without_the_moderation_forms(client, board_members, comment):
    client.force_login(board_members[0])
    assert client.get("/board/comments/").status_code == 200
    html = client.get(f"/board/comments/{comment.pk}/").content.decode()
    assert "/publish/" not in html and "/withhold/" not in html
    assert client.post(f"/board/comments/{comment.pk}/withhold/", {"withhold-reason": "x"}).status_code == 403


def test_the_export_has_the_counts_and_only_the_published_text(client, director, board_members, item):
    published = comment_arrange(item, body="Submitted secret 503-555-0100", display_name="Lan", language="so")
    comment_publish(actor=director, comment=published, published_body="=Redacted words", reason="ok")
    comment_withhold(actor=director, comment=comment_arrange(item, body="Withheld words"), reason="abusive")
    comment_arrange(item, body="Pending words")
    client.force_login(board_members[0])
    response = client.get("/board/comments/export/", {"key": KEY, "item": item.pk})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["item", item.name]
    assert rows[1:4] == [["published", "1"], ["withheld", "1"], ["pending", "1"]]
    assert rows[5] == ["submitted_at", "display_name", "language", "published_text"]
    assert rows[6][1:] == ["Lan", "so", "'=Redacted words"]
    assert len(rows) == 7
    for hidden in ("Submitted secret", "Withheld words", "Pending words", published.client_hash):
        assert hidden not in text


def test_the_export_of_an_unknown_item_is_not_found(client, director):
    client.force_login(director)
    assert client.get("/board/comments/export/", {"key": KEY, "item": 999999}).status_code == 404


# -- API -------------------------------------------------------------------------------------


def test_the_api_lists_comments_with_the_proposed_text_and_no_address_hash(client, director, comment):
    client.force_login(director)
    body = client.get("/api/v1/board/comments/", {"status": "pending"}).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["id"] for row in rows] == [comment.pk]
    assert rows[0]["personal_data_found"] == ["ayaan@example.org", "503-555-0100"]
    assert "client_hash" not in rows[0]


def test_the_api_publishes_and_withholds_through_the_services(client, director, item):
    first, second = comment_arrange(item), comment_arrange(item)
    client.force_login(director)
    published = client.post(
        f"/api/v1/board/comments/{first.pk}/publish/",
        {"published_body": "Fine words", "reason": "ok"},
        content_type="application/json",
    )
    assert published.status_code == 200 and published.json()["status"] == "published"
    refused = client.post(f"/api/v1/board/comments/{second.pk}/withhold/", {}, content_type="application/json")
    assert refused.status_code == 400 and "reason" in refused.json()
    withheld = client.post(
        f"/api/v1/board/comments/{second.pk}/withhold/", {"reason": "abusive"}, content_type="application/json"
    )
    assert withheld.status_code == 200
    second.refresh_from_db()
    assert (second.status, second.history.order_by("-history_id").first().history_user) == ("withheld", director)


# -- Permission matrix (Issue 10 part B) -----------------------------------------------------

STAFF_ROUTES = [
    ("get", "/board/comments/", {Role.DIRECTOR, Role.BOARD}),
    ("get", "/board/comments/{pk}/", {Role.DIRECTOR, Role.BOARD}),
    ("post", "/board/comments/{pk}/publish/", {Role.DIRECTOR}),
    ("post", "/board/comments/{pk}/withhold/", {Role.DIRECTOR}),
    ("get", "/board/comments/export/?key=test-subcommittee&item={item}", {Role.DIRECTOR, Role.BOARD}),
    ("get", "/api/v1/board/comments/", {Role.DIRECTOR}),
    ("post", "/api/v1/board/comments/{pk}/publish/", {Role.DIRECTOR}),
    ("post", "/api/v1/board/comments/{pk}/withhold/", {Role.DIRECTOR}),
]


@pytest.mark.parametrize(("method", "route", "allowed"), STAFF_ROUTES, ids=[r for _m, r, _a in STAFF_ROUTES])
def test_each_role_gets_exactly_its_pages(client, users_by_role, comment, method, route, allowed):
    url = route.format(pk=comment.pk, item=comment.object_id)
    assert getattr(client, method)(url).status_code in (302, 403)
    for role, user in users_by_role.items():
        client.force_login(user)
        status = getattr(client, method)(url).status_code
        assert (status != 403) == (role in allowed), (role, status)
        client.logout()
    comment.refresh_from_db()
    assert comment.status == "pending"  # the empty posts changed nothing


def test_the_public_form_needs_no_login(client, item):
    assert client.get(f"/participate/comment/{KEY}/{item.pk}/").status_code == 200


# -- My work ---------------------------------------------------------------------------------


def test_the_directors_home_lists_comments_waiting_the_old_ones_late(client, director, item):
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=PACIFIC), tick=False):
        comment_arrange(item, body="old")
    comment_arrange(item, body="new")
    part = director_comments_part(user=director, now=NOW)
    assert (part["count"], part["late"]) == (2, 1)
    assert [r["is_late"] for r in part["rows"]] == [True, False]
    assert part["rows"][0]["label"] == f"Comment on {item.name}"
    client.force_login(director)
    assert "Public comments to moderate" in client.get("/accounts/").content.decode()


def test_the_directors_home_shows_nothing_when_no_comment_waits(director, comment):
    comment_withhold(actor=director, comment=comment, reason="abusive")
    assert director_comments_part(user=director, now=NOW) is None
