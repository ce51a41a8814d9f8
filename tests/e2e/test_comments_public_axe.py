"""Issue 10 part B's public pages pass axe-core in every public language: the comment form, the form
returned with an error, the page after sending, a closed item's refusal, and an item's comment section.

The item is an existing model made commentable for the test (tests/governance/arrange_comments.py);
the live server runs in this process, so the registration reaches it."""

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from oversight.governance.comments import comment_publish
from oversight.governance.models import PublicComment
from oversight.governance.services import subcommittee_dissolve
from tests.conftest import make_board_user, make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.governance.arrange_comments import comment_arrange, form_url, subcommittee_arrange, subcommittee_commentable

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _in_language(page, live_server, language):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.locator(f'.site-languages button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_the_comment_pages_are_accessible_in_every_language(page, live_server):
    with subcommittee_commentable():
        director = make_user(Role.DIRECTOR, username="director_e2e")
        item = subcommittee_arrange(director, [make_board_user("board_e2e")])
        comment_publish(actor=director, comment=comment_arrange(item), published_body="Published words", reason="ok")
        closed = subcommittee_arrange(director, [], name="Closed")
        subcommittee_dissolve(actor=director, subcommittee=closed, dissolved_on=timezone.localdate(), reason="Done")
        for n, language in enumerate(LANGUAGES):
            _in_language(page, live_server, language)
            page.goto(f"{live_server.url}{form_url(item)}")
            assert_no_axe_violations(page)
            page.locator("form.usa-form button[type=submit]").click()  # nothing typed: the error summary
            expect(page.locator("#error-summary")).to_be_visible()
            assert_no_axe_violations(page)
            page.locator("#comment_body").fill(f"Comment {n} in {language}")
            page.locator("form.usa-form button[type=submit]").click()
            expect(page.locator("#comment-received")).to_be_visible()
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert_no_axe_violations(page)
            page.goto(f"{live_server.url}{form_url(closed)}")
            expect(page.locator("#comments-closed")).to_be_visible()
            assert_no_axe_violations(page)
        languages = list(
            PublicComment.objects.filter(status="pending").order_by("pk").values_list("language", flat=True)
        )
        assert languages == LANGUAGES
