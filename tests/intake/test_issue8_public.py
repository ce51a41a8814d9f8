"""Public side, issue 8: Back + Submit files no second case unknowingly; upload refusals in plain words;
length limits on typed text; every letter on the status page whatever the contact choice (R1.1-R1.4)."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from intake.filer_notices import survey_invite
from intake.models import Case, FilerMessage, ReconsiderationRequest
from intake.public_forms import TextLimit
from intake.services import allegation_add, case_close, case_decide
from oversight.notices.models import Notice
from oversight.uploads import inspect_upload, size_over_limit
from tests.factories import AllegationTypeFactory

from .public import EXE, PDF, file_through_form, form_fields, minimal, program, unlock

pytestmark = pytest.mark.django_db

# The form refuses incident dates in the future, and letters print dates: one fixed day for all.
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _file(client, **extra):
    return client.post("/complaints/new/", {**form_fields(client), **minimal(**extra)})


# 1. Back + Submit


def test_back_and_submit_of_the_same_text_files_no_second_case_and_names_the_first(client):
    assert _file(client).status_code == 302
    number = Case.objects.get().number
    again = _file(client, witnesses="Ana")  # Back: a fresh form, so a fresh submission key
    assert again.status_code == 409
    html = again.content.decode()
    assert Case.objects.count() == 1
    assert 'id="already-filed"' in html and number in html
    assert 'name="file_as_new"' in html and 'href="#id_file_as_new"' in html  # the error summary links to it
    assert "An officer pushed me at the bus stop." in html and "Ana" in html  # nothing typed is lost
    assert "no-store" in again["Cache-Control"]


def test_ticking_file_as_new_files_the_same_text_as_a_second_case(client):
    _file(client)
    first = Case.objects.get()
    page = client.post("/complaints/new/", {**form_fields(client), **minimal(), "file_as_new": "on"}, follow=True)
    assert Case.objects.count() == 2
    second = Case.objects.exclude(pk=first.pk).get()
    html = page.content.decode()
    assert re.search(r'id="case-number">([^<]+)<', html).group(1) == second.number
    assert 'id="access-code"' in html


def test_other_text_from_the_same_browser_files_a_new_case(client):
    _file(client)
    assert _file(client, narrative="A second, different stop a week later.").status_code == 302
    assert Case.objects.count() == 2


def test_the_same_text_from_another_browser_is_filed(client):
    _file(client)
    assert _file(Client()).status_code == 302
    assert Case.objects.count() == 2


def test_the_form_page_after_filing_is_not_cached_with_its_old_token(client):
    _file(client)
    assert "no-store" in client.get("/complaints/new/")["Cache-Control"]


# 2. Upload refusals


def test_a_file_just_over_the_limit_shows_a_size_different_from_the_limit():
    assert size_over_limit(100 * 1024**2 + 1, 100 * 1024**2) == ("100.1 MB", "100 MB")
    assert size_over_limit(250 * 1024**2 + 1, 250 * 1024**2) == ("250.1 MB", "250 MB")
    with translation.override("es"):
        assert size_over_limit(100 * 1024**2 + 1, 100 * 1024**2) == ("100,1 MB", "100 MB")


def test_the_public_is_told_the_size_and_the_limit_apart(client, settings):
    settings.COMPLAINT_MAX_FILE_BYTES = 1024**2
    big = SimpleUploadedFile("video.pdf", PDF + b" " * 1024**2, content_type="application/pdf")
    page = _file(client, attachments=[big])
    assert page.status_code == 400
    assert "The file “video.pdf” was not accepted: it is 1.1 MB, larger than the 1 MB limit for one file." in (
        page.content.decode()
    )


def test_a_refused_kind_is_named_in_plain_words_never_as_a_mime_type(client):
    page = _file(client, attachments=[program("evil.png")])
    assert page.status_code == 400
    html = page.content.decode()
    assert "application/" not in html
    assert "The file “evil.png” was not accepted: it is not a kind of file we take." in html
    assert (
        "You can send: photos (JPEG, PNG, HEIC, TIFF); videos (MP4, MOV, AVI, WebM); audio (MP3, WAV); "
        "documents (PDF, Word .docx, Excel .xlsx, TXT, CSV)."
    ) in html


def test_staff_refusals_keep_the_technical_detail():
    with pytest.raises(ValidationError) as refused:
        inspect_upload(SimpleUploadedFile("x.png", EXE), max_bytes=10**6)
    assert "application/x-dosexec" in " ".join(refused.value.messages)
    big = SimpleUploadedFile("x.pdf", PDF)
    big.size = 100 * 1024**2 + 1  # as the upload handler counted it; the size is checked before any read
    with pytest.raises(ValidationError) as refused:
        inspect_upload(big, max_bytes=100 * 1024**2)
    assert refused.value.messages == ["The file is 100.1 MB; the limit is 100 MB."]


# 3. Length limits


def test_a_narrative_over_the_default_limit_is_refused_naming_the_limit_and_count_and_kept(client):
    narrative = "x" * 20_001
    page = _file(client, narrative=narrative)
    assert page.status_code == 400
    html = page.content.decode()
    assert "the limit is 20,000 characters and you typed 20,001" in html
    assert narrative in html
    assert Case.objects.count() == 0


def test_the_limits_come_from_settings_and_the_hint_names_them_without_a_maxlength(client, settings):
    settings.COMPLAINT_MAX_NARRATIVE_CHARS, settings.COMPLAINT_MAX_TEXT_CHARS = 40, 10
    html = client.get("/complaints/new/").content.decode()
    assert "Describe what happened in your own words. Up to 40 characters." in html
    assert "maxlength" not in re.search(r"<textarea[^>]*id_narrative[^>]*>", html).group(0)
    assert 'name="incident_place"' in html and 'maxlength="200"' not in html
    page = _file(client, witnesses="My neighbour Ana")
    assert page.status_code == 400
    assert "the limit is 10 characters and you typed 16" in page.content.decode()


def test_a_line_break_counts_as_one_character():
    TextLimit(5)("ab\r\ncd")
    with pytest.raises(ValidationError):
        TextLimit(4)("ab\r\ncd")


def _unlocked_filer(client, **contact):
    case, code = file_through_form(Client(), **contact)
    assert unlock(client, case, code).status_code == 302
    return case


def test_an_addition_over_the_limit_is_refused_and_kept(client, settings):
    settings.STATUS_MAX_MESSAGE_CHARS = 20
    _unlocked_filer(client)
    page = client.post("/complaints/status/add/", {"body": "I remembered one more thing."})
    assert page.status_code == 400
    html = page.content.decode()
    assert "the limit is 20 characters and you typed 28" in html and "I remembered one more thing." in html
    assert not FilerMessage.objects.filter(direction="from_filer").exists()


def test_a_reconsideration_request_over_the_limit_is_refused_and_kept(client, settings, intake_user):
    settings.STATUS_MAX_MESSAGE_CHARS = 20
    case = _unlocked_filer(client)
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="dismissal", reason="No misconduct alleged", actor=intake_user)
    page = client.post("/complaints/status/reconsider/", {"reason": "The video shows what happened."})
    assert page.status_code == 400
    html = page.content.decode()
    assert "the limit is 20 characters and you typed 30" in html and "The video shows what happened." in html
    assert "Up to 20 characters." in html
    assert not ReconsiderationRequest.objects.exists()


# 4. Letters on the status page whatever the contact choice (R1.4)


@pytest.mark.parametrize(
    "contact",
    [
        {"contact_method": "none", "contact_email": "ana@example.org"},
        {},  # no contact details at all
    ],
    ids=["asked-not-to-be-contacted", "no-contact-details"],
)
def test_a_filer_who_cannot_be_written_to_reads_the_decision_and_closing_letters(client, intake_user, contact):
    case = _unlocked_filer(client, **contact)
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="mediation", reason="Both agreed to meet", actor=intake_user)
    case_close(case=case, actor=intake_user, reason="Mediated")
    page = client.get("/complaints/status/").content.decode()
    assert "decided how your complaint" in page and "Both agreed to meet" in page  # the decision letter
    assert f"closed your case {case.number}" in page and "handled this way: Mediation." in page  # the closing letter
    assert FilerMessage.objects.filter(complaint__case=case, direction="to_filer").count() == 2
    # Logged for the status page only: nothing e-mailed or posted to someone who did not ask.
    assert set(Notice.objects.values_list("channel", flat=True)) == {Notice.Channel.PORTAL}


def test_a_filer_who_asked_for_e_mail_gets_the_closing_letter_by_e_mail_and_on_the_status_page(client, intake_user):
    case = _unlocked_filer(client, contact_method="email", contact_email="ana@example.org")
    allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
    case_decide(case=case, decision="mediation", reason="Both agreed to meet", actor=intake_user)
    case_close(case=case, actor=intake_user, reason="Mediated")
    closing = Notice.objects.get(dedupe_key=f"survey-invite:{case.complaints.get().pk}")
    assert (closing.channel, closing.recipient_address) == (Notice.Channel.EMAIL, "ana@example.org")
    assert f"closed your case {case.number}" in client.get("/complaints/status/").content.decode()
    survey_invite(case, actor=intake_user)  # sent again (a retried task): the page shows it once
    assert FilerMessage.objects.filter(notice=closing).count() == 1
