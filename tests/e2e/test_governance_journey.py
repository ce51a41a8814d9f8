"""Governance and public participation in Chromium (issue 10, "Proof"): a bylaws change opens for
comment, a member of the public comments in Somali and the Director moderates and publishes it, the
Board's adoption is refused on day 29 and recorded on day 30; an urgent policy lapses by itself at 90
days; PPB's liaison rejects a recommendation through the API (a real HTTP call with the liaison's
token) and the Director records the Board's request to City Council and Council's vote; a PPB data
file with one bad row is refused with the row named and nothing stored. axe-core runs on every page.

What a step does not exercise in the browser is arranged with the real services (STYLE.md 7), and the
clock is pinned and moved between steps (time_machine moves the live server's thread too), so the
journey runs the same on any date.
"""

import datetime
import re
from io import StringIO

import pytest
import requests
import time_machine
from django.core.management import call_command
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.services import deadline_sweep
from oversight.governance.documents import (
    document_create,
    version_adopt,
    version_draft,
    version_open_for_comment,
)
from oversight.governance.models import (
    DataSubmission,
    DataSubmissionAttempt,
    DataSubmissionPeriod,
    DataSubmissionRow,
    DocumentVersion,
    PolicyRecommendation,
    PublicComment,
)
from oversight.governance.recommendations import recommendation_adopt, recommendation_draft, recommendation_send
from oversight.governance.submissions import data_period_create_due, data_standard_record
from oversight.notices.models import Notice
from tests.conftest import make_board_user, make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=PACIFIC)  # a Monday
SOMALI_COMMENT = "Xeerka cusub waa inuu dhegeysto bulshada. Fadlan ku dar tababar dheeraad ah."


def day(n, hour=9):
    return START + datetime.timedelta(days=n, hours=hour - 9)


def _people():
    people = {"director": make_user(Role.DIRECTOR, username="dana"), "liaison": make_user(Role.LIAISON, username="lee")}
    people["board"] = [make_board_user(name) for name in ("ana", "ben", "cy", "dee", "eve")]
    return people


def _log_in_as(page, live_server, username):
    """A fresh session each time: the login page sends a signed-in user on, and a language cookie goes."""
    page.context.clear_cookies()
    log_in(page, live_server, username)


def _choose(scope, name, value):
    """Ticks a radio button: USWDS draws the label over the hidden input, so the label is what is clicked."""
    radio = scope.locator(f"input[type=radio][name='{name}'][value='{value}']")
    scope.locator(f"label[for='{radio.get_attribute('id')}']").click()
    expect(radio).to_be_checked()


def _fill_vote(form, *, on, yes, no=0, abstain=0, reason):
    form.get_by_label(re.compile("^Date of the Board")).fill(on.isoformat())
    form.get_by_label(re.compile("^Votes for")).fill(str(yes))
    form.get_by_label(re.compile("^Votes against")).fill(str(no))
    form.get_by_label(re.compile("^Abstentions")).fill(str(abstain))
    form.get_by_label(re.compile("^Reason")).fill(reason)


def _public(page, live_server, path, language="en"):
    """Opens a public page as a member of the public, in `language` chosen with the switcher."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.locator(f'.site-languages button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto(f"{live_server.url}{path}")
    assert_no_axe_violations(page)


# 1-3. A bylaws change opens for comment; a Somali comment is moderated and published; adoption is
# refused on day 29 and recorded on day 30.

BYLAWS_V1 = "Article 4. The Board meets monthly.\n\nArticle 5. A quorum is a majority of members serving."
BYLAWS_V2 = "Article 4. The Board meets twice a month.\n\nArticle 5. A quorum is a majority of members serving."


def _document_in_force(p, clock, *, kind, title, slug, text):
    """A document whose v1 went through 30 days of input and was adopted before the journey starts."""
    clock.move_to(day(-60))
    document = document_create(actor=p["director"], kind=kind, title=title, slug=slug, reason="Board's documents")
    v1 = version_draft(actor=p["director"], document=document, text=text, reason="First text")
    version_open_for_comment(actor=p["director"], version=v1, reason="Board meeting, item 2")
    clock.move_to(day(-25))
    version_adopt(
        actor=p["director"],
        version=v1,
        vote_on=day(-25).date(),
        votes_yes=5,
        votes_no=0,
        votes_abstain=0,
        reason="Board meeting, item 4",
    )
    clock.move_to(day(0))
    return document


def _adopt(page, version, when, *, yes=4, no=1):
    """On the version's staff page, the Director records the Board's vote adopting it."""
    form = page.locator(f"form[action$='/documents/versions/{version.pk}/adopt/']")
    _fill_vote(form, on=when.date(), yes=yes, no=no, reason="Board meeting, item 6")
    form.get_by_role("button", name="Record adoption").click()


def test_a_bylaws_change_takes_a_somali_comment_and_is_adopted_only_after_30_days(page, live_server):
    with time_machine.travel(day(-60), tick=True) as clock:
        p = _people()
        document = _document_in_force(
            p, clock, kind="bylaws", title="Bylaws of the Community Board", slug="bylaws", text=BYLAWS_V1
        )

        # The Director drafts the change on the document's staff page and opens it for comment.
        _log_in_as(page, live_server, "dana")
        page.goto(f"{live_server.url}/board/documents/")
        assert_no_axe_violations(page)
        page.get_by_role("link", name="Bylaws of the Community Board").click()
        expect(page.locator("#version-1")).to_contain_text("Adopted")
        assert_no_axe_violations(page)
        form = page.locator(f"form[action$='/documents/{document.pk}/draft/']")
        form.get_by_label(re.compile("^Text")).fill(BYLAWS_V2)
        form.get_by_label(re.compile("^Summary of the change")).fill("The Board meets twice a month.")
        form.get_by_label(re.compile("^Reason")).fill("Sub-committee proposal")
        form.get_by_role("button", name="Save draft").click()
        expect(page.locator("#version-2")).to_contain_text("Draft")
        assert_no_axe_violations(page)
        page.locator("#version-2").get_by_role("link", name="v2").click()
        expect(page.locator("#diff")).to_contain_text("twice a month")
        assert_no_axe_violations(page)
        v2 = DocumentVersion.objects.get(document=document, number=2)
        form = page.locator(f"form[action$='/documents/versions/{v2.pk}/open/']")
        form.get_by_label(re.compile("^Reason")).fill("Board meeting, item 3")
        form.get_by_role("button", name="Open for input").click()
        expect(page.locator("#version-status")).to_contain_text("Open for comment")
        expect(page.locator("#period-explanation")).to_contain_text("day 30 of 30")
        assert_no_axe_violations(page)
        v2.refresh_from_db()
        assert v2.status == DocumentVersion.Status.OPEN_FOR_COMMENT

        # Three days on, a member of the public reads the change in Somali and comments, with no login.
        clock.move_to(day(3, hour=19))
        _public(page, live_server, "/participate/documents/bylaws/", language="so")
        expect(page.locator("#open-notice")).to_be_visible()
        page.goto(f"{live_server.url}/participate/documents/bylaws/v2/")
        expect(page.locator("#comments")).to_be_visible()
        assert_no_axe_violations(page)
        page.goto(f"{live_server.url}/participate/comment/document-version/{v2.pk}/")
        expect(page.locator("html")).to_have_attribute("lang", "so")
        assert_no_axe_violations(page)
        comment_form = page.locator(f"form[action$='/participate/comment/document-version/{v2.pk}/']")
        comment_form.locator("textarea[name=body]").fill(SOMALI_COMMENT + " Wac 503-555-0142.")
        expect(comment_form.locator("select[name=language]")).to_have_value("so")
        comment_form.locator("button[type=submit]").click()
        expect(page.locator("#comment-received")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "so")
        assert_no_axe_violations(page)
        comment = PublicComment.objects.get()
        assert comment.language == "so" and comment.status == "pending"

        # The next morning the Director moderates it: the phone number is taken out, then it is published.
        clock.move_to(day(4))
        _log_in_as(page, live_server, "dana")
        page.goto(f"{live_server.url}/board/comments/")
        expect(page.locator(f"#comment-row-{comment.pk}")).to_contain_text("Bylaws of the Community Board v2")
        assert_no_axe_violations(page)
        page.locator(f"#comment-row-{comment.pk}").get_by_role("link", name=re.compile("^Moderate")).click()
        expect(page.locator("#personal-data")).to_contain_text("503-555-0142")
        assert_no_axe_violations(page)
        publish = page.locator(f"form[action$='/comments/{comment.pk}/publish/']")
        published_body = publish.locator("textarea[name=published_body]")
        expect(published_body).not_to_have_value(re.compile("503-555-0142"))
        publish.get_by_label(re.compile("^Reason")).fill("Checked: phone number removed")
        publish.get_by_role("button", name="Publish").click()
        expect(page.get_by_text("Comment published.")).to_be_visible()
        expect(page.locator(f"#comment-row-{comment.pk}")).to_contain_text("Published")
        assert_no_axe_violations(page)
        comment.refresh_from_db()
        assert comment.status == "published" and comment.moderated_by == p["director"]
        assert "503-555-0142" not in comment.published_body

        # The comment is on the public page, in Somali, for everyone.
        _public(page, live_server, "/participate/documents/bylaws/v2/", language="so")
        expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(SOMALI_COMMENT)
        expect(page.locator(f"#comment-{comment.pk} div[lang=so]")).to_be_visible()
        expect(page.locator(f"#comment-{comment.pk}")).not_to_contain_text("503-555-0142")

        # Day 29: the Board votes, but the input period has one more day; the Director's record is refused.
        clock.move_to(day(29, hour=18))
        _log_in_as(page, live_server, "dana")
        page.goto(f"{live_server.url}/board/documents/versions/{v2.pk}/")
        _adopt(page, v2, day(29))
        refused = re.compile("Refused: the community input period runs until the end of")
        expect(page.get_by_text(refused)).to_be_visible()
        assert_no_axe_violations(page)
        v2.refresh_from_db()
        assert v2.status == DocumentVersion.Status.OPEN_FOR_COMMENT and not v2.decisions.exists()

        # Day 30: the same vote is recorded; v2 is in force and v1 superseded.
        clock.move_to(day(30, hour=18))
        _log_in_as(page, live_server, "dana")
        page.goto(f"{live_server.url}/board/documents/versions/{v2.pk}/")
        _adopt(page, v2, day(30))
        expect(page.get_by_text("Adoption recorded.")).to_be_visible()
        expect(page.locator("#version-status")).to_contain_text("Adopted")
        assert_no_axe_violations(page)
        v2.refresh_from_db()
        assert v2.status == DocumentVersion.Status.ADOPTED and v2.effective_on == day(30).date()
        assert DocumentVersion.objects.get(document=document, number=1).status == DocumentVersion.Status.SUPERSEDED

        # The public site shows the new copy in force, with its history.
        _public(page, live_server, "/participate/documents/bylaws/")
        expect(page.locator("#current-text")).to_contain_text("twice a month")
        assert_no_axe_violations(page)


# An urgent policy takes effect at once and lapses by itself at 90 days (the deadline sweep).

POLICY_V1 = "Officers give a warning before using a less-lethal launcher when it is safe to do so."
POLICY_V2 = "Officers give a warning before using a less-lethal launcher, and record it on body-worn camera."


def test_an_urgent_policy_lapses_by_itself_at_90_days(page, live_server):
    with time_machine.travel(day(-60), tick=True) as clock:
        p = _people()
        document = _document_in_force(
            p, clock, kind="policy", title="Less-lethal launchers", slug="less-lethal", text=POLICY_V1
        )
        v2 = version_draft(actor=p["director"], document=document, text=POLICY_V2, reason="After the May protests")

        # The Board adopts v2 in an urgent situation: the Director records the vote; it is in force at once.
        _log_in_as(page, live_server, "dana")
        page.goto(f"{live_server.url}/board/documents/versions/{v2.pk}/")
        assert_no_axe_violations(page)
        form = page.locator(f"form[action$='/documents/versions/{v2.pk}/adopt-urgent/']")
        _fill_vote(form, on=day(0).date(), yes=4, no=1, reason="Emergency meeting, item 1")
        form.get_by_role("button", name="Record urgent adoption").click()
        expect(page.get_by_text("Urgent adoption recorded: in effect now.")).to_be_visible()
        expect(page.locator("#lapse-explanation")).to_contain_text("day 90 of 90")
        assert_no_axe_violations(page)
        _public(page, live_server, "/participate/documents/less-lethal/")
        expect(page.locator("#current-text")).to_contain_text("body-worn camera")
        expect(page.locator("#status-v2")).to_contain_text("at most 90 days")

        # Day 89: the sweep warns but the policy is still in force.
        clock.move_to(day(89))
        deadline_sweep(now=day(89))
        v2.refresh_from_db()
        assert v2.status == DocumentVersion.Status.ADOPTED

        # Day 90: the sweep lapses it; v1 is in force again and the Director is told.
        clock.move_to(day(90))
        deadline_sweep(now=day(90))
        v2.refresh_from_db()
        assert v2.status == DocumentVersion.Status.LAPSED and v2.ended_on == day(90).date()
        assert DocumentVersion.objects.get(document=document, number=1).status == DocumentVersion.Status.ADOPTED
        assert Notice.objects.filter(recipient_user=p["director"], subject__contains="lapsed at 90 days").count() == 1

        _public(page, live_server, "/participate/documents/less-lethal/")
        expect(page.locator("#current-text")).to_contain_text(POLICY_V1)
        page.goto(f"{live_server.url}/participate/documents/less-lethal/v2/")
        expect(page.locator("#status-v2")).to_contain_text("Lapsed")
        assert_no_axe_violations(page)


# 4. A recommendation PPB rejects through the API goes to City Council, whose vote the Director records.


def _recommendation_sent(p):
    recommendation = recommendation_draft(
        actor=p["board"][0],
        title="Record every use of a less-lethal launcher",
        text="PPB should record each use of a less-lethal launcher, with the reason, in its use-of-force report.",
        rationale="Launchers were used 40 times in 2026 without a report of why.",
        reason="Drafted at the October meeting",
    )
    recommendation_adopt(
        actor=p["director"],
        recommendation=recommendation,
        vote_on=day(0).date(),
        votes_yes=4,
        votes_no=1,
        votes_abstain=0,
        reason="Board meeting, item 5",
    )
    return recommendation_send(actor=p["director"], recommendation=recommendation, reason="Sent after adoption")


def _liaison_token(liaison):
    """The liaison's API credentials, as an administrator issues them (manage.py issue_api_token)."""
    out = StringIO()
    call_command("issue_api_token", liaison.username, stdout=out)
    return out.getvalue().strip()


def test_ppb_rejects_a_recommendation_through_the_api_and_city_council_decides(page, live_server):
    with time_machine.travel(START, tick=True) as clock:
        p = _people()
        recommendation = _recommendation_sent(p)
        token = _liaison_token(p["liaison"])

        # Ten days later PPB's liaison answers through the API: rejected, with an explanation.
        clock.move_to(day(10))
        response = requests.post(
            f"{live_server.url}/api/v1/recommendations/{recommendation.pk}/answer/",
            json={"answer": "rejected", "explanation": "The report form has no field for it before 2028."},
            headers={"Authorization": f"Token {token}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        assert response.json()["answer"] == "rejected"
        recommendation.refresh_from_db()
        assert recommendation.answer == "rejected" and recommendation.status == "answered"

        # The Director sees PPB's answer and records the Board's vote asking City Council to decide.
        clock.move_to(day(14))
        _log_in_as(page, live_server, "dana")
        staff_url = f"{live_server.url}/board/recommendations/{recommendation.pk}/"
        page.goto(staff_url)
        expect(page.locator("#recommendation-answer")).to_contain_text("Rejected")
        assert_no_axe_violations(page)
        form = page.locator(f"form[action$='/recommendations/{recommendation.pk}/council-request/']")
        _fill_vote(form, on=day(14).date(), yes=4, reason="Board meeting, item 3: ask Council")
        form.get_by_role("button", name="Record the request to Council").click()
        expect(page.locator("#recommendation-status")).to_contain_text("Before City Council")
        assert_no_axe_violations(page)

        # Council votes a fortnight later; the Director records its decision with date and reference.
        clock.move_to(day(28))
        _log_in_as(page, live_server, "dana")  # two weeks on, the session has long timed out
        page.goto(staff_url)
        form = page.locator(f"form[action$='/recommendations/{recommendation.pk}/council-decision/']")
        _choose(form, "outcome", "binds_ppb")
        form.get_by_label(re.compile("^Date of Council")).fill(day(28).date().isoformat())
        form.get_by_label(re.compile("^Council reference")).fill("Resolution 37712")
        form.get_by_label(re.compile("^Reason")).fill("Council agenda item 12")
        form.get_by_role("button", name="Record Council's vote").click()
        expect(page.locator("#recommendation-council")).to_contain_text("Resolution 37712")
        assert_no_axe_violations(page)
        recommendation.refresh_from_db()
        assert recommendation.status == PolicyRecommendation.Status.COUNCIL_DECIDED
        assert recommendation.binds_ppb and recommendation.council_vote_on == day(28).date()
        assert recommendation.history.first().history_user == p["director"]

        # The public page says where it stands: rejected by PPB, and binding by Council's vote.
        _public(page, live_server, f"/participate/recommendations/{recommendation.pk}/")
        expect(page.locator("#recommendation-answer")).to_contain_text("Rejected")
        expect(page.locator("#recommendation-council")).to_contain_text("Resolution 37712")
        expect(page.get_by_text("The recommendation binds PPB by City Council's vote.")).to_be_visible()


# 5. A PPB data file with one bad row is refused whole, the row named, and nothing stored.

COLUMNS = [
    {"name": "precinct", "kind": "choice", "allowed_values": ["central", "east", "north"]},
    {"name": "incidents", "kind": "integer"},
    {"name": "month_start", "kind": "date"},
]


def test_a_ppb_data_file_with_one_bad_row_is_refused_with_the_row_named(page, live_server):
    with time_machine.travel(START, tick=True):
        p = _people()
        data_standard_record(
            actor=p["director"],
            name="Use of force, monthly aggregates",
            frequency="monthly",
            grace_days=15,
            in_force_on=datetime.date(2026, 10, 1),
            columns=COLUMNS,
            reason="Board meeting, item 7",
            vote_on=datetime.date(2026, 9, 20),
            votes_yes=4,
            votes_no=0,
            votes_abstain=1,
        )
        (period,) = data_period_create_due()  # October has ended: its file is owed
        assert period.start_on == datetime.date(2026, 10, 1)

        _log_in_as(page, live_server, "lee")
        page.goto(f"{live_server.url}/board/data/ppb/")
        assert_no_axe_violations(page)
        page.goto(f"{live_server.url}/board/data/ppb/{period.pk}/upload/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Use of force, monthly aggregates")
        assert_no_axe_violations(page)
        bad = (
            "precinct,incidents,month_start\n"
            "central,12,2026-10-01\n"
            "east,twelve,2026-10-01\n"  # row 3: not a whole number
            "north,7,2026-10-01\n"
        )
        page.locator("input[type=file][name=file]").set_input_files(  # USWDS wraps the labelled input
            {"name": "use-of-force-2026-10.csv", "mimeType": "text/csv", "buffer": bad.encode()}
        )
        page.get_by_role("button", name="Send file").click()
        expect(page.get_by_text(re.compile(r"Row 3, column 'incidents': 'twelve'"))).to_be_visible()
        assert_no_axe_violations(page)

        assert not DataSubmission.objects.exists() and not DataSubmissionRow.objects.exists()
        attempt = DataSubmissionAttempt.objects.get(period=period)
        assert attempt.error_count == 1 and attempt.submitted_by == p["liaison"]
        period = DataSubmissionPeriod.objects.get(pk=period.pk)
        assert period.received_at is None
