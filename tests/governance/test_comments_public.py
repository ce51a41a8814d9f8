"""The public comment form (issue 10 section 3): no login, six languages, the complaint form's abuse
protections, refused when the item is not open."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from oversight.calendar.business_days import PACIFIC
from oversight.governance.comments import (
    CommentsClosed,
    comment_item_is_open,
    comment_submit,
    commentable_for,
    commentable_get,
    register_commentable,
)
from oversight.governance.models import PublicComment, SubCommittee
from oversight.governance.services import subcommittee_dissolve

from .arrange_comments import KEY, comment_arrange, form_data, form_url, subcommittee_arrange, subcommittee_commentable

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


def _closed(director, item):
    subcommittee_dissolve(actor=director, subcommittee=item, dissolved_on=date(2026, 12, 1), reason="Done")
    item.refresh_from_db()
    return item


def test_the_form_opens_without_a_login_and_labels_its_fields(client, item):
    page = client.get(form_url(item))
    assert page.status_code == 200
    html = page.content.decode()
    for field in ("comment_body", "comment_display_name", "comment_language"):
        assert f'for="{field}"' in html
    assert 'name="submission_key"' in html


def test_a_submitted_comment_waits_for_moderation_with_a_hashed_address(client, item):
    response = client.post(form_url(item), form_data(display_name="Ayaan"), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/participate/comment/thanks/"
    comment = PublicComment.objects.get()
    assert (comment.status, comment.target_key, comment.object_id) == ("pending", KEY, item.pk)
    assert comment.display_name == "Ayaan" and comment.published_body == ""
    assert comment.client_hash and "198.51.100.7" not in comment.client_hash
    assert comment.history.get().history_change_reason == "Submitted on the public comment form"
    thanks = client.get(response["Location"])
    assert "waits for moderation" in thanks.content.decode() and item.name in thanks.content.decode()


def test_a_double_submit_stores_one_comment(client, item):
    data = form_data()
    first, second = client.post(form_url(item), data), client.post(form_url(item), data)
    assert first.status_code == second.status_code == 302
    assert PublicComment.objects.count() == 1


def test_a_filled_honeypot_stores_nothing_and_keeps_the_text(client, item):
    response = client.post(form_url(item), form_data(body="Keep this text", website="http://spam.example"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="honeypot-filled"' in html and "Keep this text" in html
    assert not PublicComment.objects.exists()


def test_an_address_over_the_rate_limit_is_refused_with_the_text_kept(client, item, settings):
    settings.COMMENT_RATE_LIMIT = 1
    assert client.post(form_url(item), form_data(body="First")).status_code == 302
    refused = client.post(form_url(item), form_data(body="Second comment"))
    assert refused.status_code == 429
    assert 'id="rate-limited"' in refused.content.decode() and "Second comment" in refused.content.decode()
    assert PublicComment.objects.count() == 1


def test_a_retry_of_a_stored_comment_is_never_rate_limited(client, item, settings):
    settings.COMMENT_RATE_LIMIT = 1
    data = form_data()
    assert client.post(form_url(item), data).status_code == 302
    assert client.post(form_url(item), data).status_code == 302
    assert PublicComment.objects.count() == 1


def test_an_empty_comment_is_refused_with_a_summary_and_the_name_kept(client, item):
    response = client.post(form_url(item), form_data(body="  ", display_name="Lan"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#comment_body"' in html and 'value="Lan"' in html
    assert not PublicComment.objects.exists()


def test_a_comment_over_the_limit_is_refused_naming_the_limit(client, item, settings):
    settings.COMMENT_MAX_CHARS = 10
    response = client.post(form_url(item), form_data(body="x" * 11))
    assert response.status_code == 400
    assert "the limit is 10 characters and you typed 11" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_closed_item_refuses_the_form_with_a_clear_message(client, director, item):
    _closed(director, item)
    response = client.post(form_url(item), form_data(body="Too late"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="comments-closed"' in html and "not open for comment" in html and "Too late" in html
    assert client.get(form_url(item)).status_code == 400
    assert not PublicComment.objects.exists()


def test_the_service_refuses_a_closed_item(director, item):
    _closed(director, item)
    with pytest.raises(CommentsClosed):
        comment_arrange(item)


def test_an_unknown_kind_or_item_is_not_found(client, item):
    assert client.get(f"/participate/comment/nothing/{item.pk}/").status_code == 404
    assert client.get(f"/participate/comment/{KEY}/999999/").status_code == 404


def test_a_somali_comment_renders_in_somali_and_keeps_its_language(client, item):
    client.post("/i18n/setlang/", {"language": "so", "next": form_url(item)})
    page = client.get(form_url(item))
    assert '<html lang="so"' in page.content.decode()
    assert 'value="so" selected' in page.content.decode()
    response = client.post(form_url(item), form_data(body="Waxaan codsanayaa tababar dheeraad ah.", language="so"))
    assert response.status_code == 302
    assert PublicComment.objects.get().language == "so"
    assert '<html lang="so"' in client.get(response["Location"]).content.decode()


def test_a_blank_language_takes_the_page_language(item):
    from django.utils import translation

    with translation.override("vi"):
        from oversight.governance.public_comments import PublicCommentForm

        form = PublicCommentForm(data={**form_data(), "language": ""})
        assert form.is_valid()
        assert form.cleaned_data["language"] == "vi"


def test_the_submitted_text_is_stored_as_typed(item):
    comment = comment_arrange(item, body="Call me at 503-555-0100 or a@b.org")
    assert comment.body == "Call me at 503-555-0100 or a@b.org"


def test_a_registration_is_found_by_model_and_key_and_removed_after(item):
    assert commentable_for(item).key == KEY and commentable_get(KEY).model is SubCommittee
    assert comment_item_is_open(item)


def test_one_model_cannot_be_registered_under_two_keys(registered):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        register_commentable("other-key", SubCommittee, is_open=bool, title=str, public_url=str)


def test_an_empty_body_is_refused_by_the_service(item):
    with pytest.raises(ValidationError) as refused:
        comment_submit(item=item, body=" ", language="en", client_address="")
    assert "body" in refused.value.message_dict


def test_the_form_of_an_item_without_a_public_page_is_a_404_that_names_nothing(client, director):
    """A draft document version (or an unnoticed meeting) has no public page: its comment form does not
    answer with its title either."""
    from tests.governance.arrange_documents import DAY0, document_arrange

    with time_machine.travel(DAY0, tick=False):
        _document, draft = document_arrange(director, title="Secret draft title")
        response = client.get(f"/participate/comment/document-version/{draft.pk}/")
    assert response.status_code == 404 and "Secret draft title" not in response.content.decode()
