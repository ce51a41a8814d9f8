"""The public complaint form: every R1.3 field, files, double submits and abuse protection (R1.1-R1.4)."""

import hashlib
import threading

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import translation

from intake.access import access_code_hash
from intake.models import Case, Complaint, ComplaintAttachment, FilerDemographics
from intake.public_forms import PublicComplaintForm
from oversight.notices.models import Notice

from .public import PDF, document, file_through_form, form_fields, minimal, photo, png_bytes, program

pytestmark = pytest.mark.django_db


def _post(client, **extra):
    return client.post("/complaints/new/", {**form_fields(client), **minimal(**extra)}, follow=True)


def test_form_defaults_the_preferred_language_to_the_request_language():
    with translation.override("vi"):
        assert PublicComplaintForm().initial["language"] == "vi"
    with translation.override("zh-hans"):
        assert PublicComplaintForm().initial["language"] == "zh-hans"
    codes = [code for code, _name in PublicComplaintForm().fields["language"].choices]
    assert codes == ["en", "es", "vi", "zh-hans", "ru", "so"]


def test_every_r13_field_is_recorded(client):
    case, _code = file_through_form(
        client,
        filer_type="third_party",
        witnesses="My neighbour, Ana",
        neighbourhood="buckman",
        zip_code="97214",
        contact_name="Sam",
        contact_email="sam@example.org",
        contact_method="email",
        contact_address="1 Main St",
        language="es",
        accommodations="Spanish interpreter",
        officers_described="Tall, badge 123",
        race_ethnicity=["hispanic_latino", "white"],
        gender="prefer_not_to_say",
        age_range="25_34",
        disability="no",
    )
    complaint = case.complaints.get()
    assert (complaint.filer_type, complaint.witnesses, complaint.neighbourhood, complaint.zip_code) == (
        "third_party",
        "My neighbour, Ana",
        "buckman",
        "97214",
    )
    assert (complaint.contact_method, complaint.language, complaint.accommodations) == (
        "email",
        "es",
        "Spanish interpreter",
    )
    demographics = FilerDemographics.objects.get(complaint=complaint)
    assert demographics.race_ethnicity == ["hispanic_latino", "white"]
    assert (demographics.gender, demographics.age_range, demographics.disability) == (
        "prefer_not_to_say",
        "25_34",
        "no",
    )


def test_demographics_are_never_required_and_the_neighbourhood_defaults_to_not_sure(client):
    case, _code = file_through_form(client)
    complaint = case.complaints.get()
    assert complaint.neighbourhood == "not_sure"
    assert not FilerDemographics.objects.exists()


def test_anonymous_filing_owes_no_notice(client):
    file_through_form(client)
    assert Notice.objects.count() == 0


def test_zip_code_must_be_five_digits_and_nothing_typed_is_lost(client):
    page = _post(client, zip_code="9721", witnesses="Ana from next door")
    assert page.status_code == 400
    assert b"Enter a 5-digit ZIP code." in page.content
    assert b"Ana from next door" in page.content and b"An officer pushed me at the bus stop." in page.content
    assert Case.objects.count() == 0


def test_chosen_contact_method_needs_its_details(client):
    page = _post(client, contact_method="email")
    assert page.status_code == 400
    assert b"please give an e-mail address" in page.content


def test_files_are_stored_with_their_sha256_digest_and_history(client):
    case, _code = file_through_form(client, attachments=[photo(), document()])
    attachments = list(ComplaintAttachment.objects.filter(complaint__case=case).order_by("file_name"))
    assert [(a.file_name, a.content_type) for a in attachments] == [
        ("letter.pdf", "application/pdf"),
        ("photo.png", "image/png"),
    ]
    png = next(a for a in attachments if a.file_name == "photo.png")
    assert png.sha256 == hashlib.sha256(png_bytes()).hexdigest()
    with default_storage.open(png.file.name) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == png.sha256
    assert png.history.get().history_change_reason == "File received from the filer"


def test_a_rejected_file_is_named_and_nothing_else_typed_is_lost(client):
    page = _post(client, witnesses="Ana", zip_code="97214", attachments=[photo(), program("evil.png")])
    assert page.status_code == 400
    html = page.content.decode()
    assert "The file “evil.png” was not accepted" in html
    assert "application/x-dosexec" not in html and "You can send: photos (JPEG, PNG" in html
    for typed in ("An officer pushed me at the bus stop.", "SE Hawthorne &amp; 39th", "Ana", "97214", "2026-11-01"):
        assert typed in html
    assert Case.objects.count() == 0
    assert not default_storage.exists("complaints")


def test_a_file_over_the_size_limit_is_refused(client, settings):
    settings.COMPLAINT_MAX_FILE_BYTES = 200
    big = SimpleUploadedFile("big.pdf", PDF + b" " * 300, content_type="application/pdf")
    page = _post(client, attachments=[big, photo("small.png")])
    assert page.status_code == 400
    assert f"The file “big.pdf” was not accepted: it is {len(PDF) + 300} bytes, larger than the 200 bytes limit" in (
        page.content.decode()
    )


def test_files_over_the_total_limit_are_refused(client, settings):
    settings.COMPLAINT_MAX_TOTAL_BYTES = 100
    page = _post(client, attachments=[photo("a.png"), photo("b.png")])
    assert page.status_code == 400
    assert "Together the files are" in page.content.decode()
    assert Case.objects.count() == 0


def test_filing_shows_number_and_an_access_code_kept_only_as_a_hash(client):
    case, code = file_through_form(client)
    complaint = case.complaints.get()
    assert len(code) == 14
    assert complaint.access_code_hash == access_code_hash(code)
    assert code not in str(Complaint.objects.filter(pk=complaint.pk).values().get())
    assert "access_code_hash" not in [f.name for f in complaint.history.model._meta.fields]


def test_a_retry_of_the_same_form_shows_the_same_number_and_code_and_stores_files_once(client):
    data = {**form_fields(client), **minimal()}
    first = client.post("/complaints/new/", {**data, "attachments": [photo()]}, follow=True).content.decode()
    second = client.post("/complaints/new/", {**data, "attachments": [photo()]}, follow=True).content.decode()
    assert Case.objects.count() == 1
    number, complaint = Case.objects.get().number, Complaint.objects.get()
    assert number in first and number in second
    code_first = first.split('id="access-code"')[1].split("<")[0]
    assert code_first == second.split('id="access-code"')[1].split("<")[0]
    assert complaint.attachments.count() == 1
    assert len(default_storage.listdir(f"complaints/{complaint.submission_key}")[1]) == 1


def test_a_forged_access_token_never_shows_someone_elses_code(client):
    data = {**form_fields(client), **minimal()}
    client.post("/complaints/new/", data)
    other = Client()
    page = other.post("/complaints/new/", {**data, "access_token": "forged"}, follow=True).content.decode()
    assert 'id="access-code"' not in page and 'id="access-code-missing"' in page


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_of_one_form_create_one_case():
    data = {**form_fields(Client()), **minimal()}
    barrier, pages = threading.Barrier(2), []

    def submit():
        client = Client()
        barrier.wait()
        try:
            pages.append(client.post("/complaints/new/", data, follow=True).content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Case.objects.count() == 1
    number = Case.objects.get().number
    assert all(number in page and 'id="access-code"' in page for page in pages)


def test_a_filled_honeypot_shows_the_form_again_with_the_office_phone(client, settings):
    settings.OFFICE_PHONE = "503-555-0100"
    page = client.post("/complaints/new/", {**form_fields(client), **minimal(), "website": "http://spam"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="honeypot-filled"' in html and "503-555-0100" in html
    assert "An officer pushed me at the bus stop." in html
    assert "http://spam" not in html
    assert Case.objects.count() == 0


def test_radio_groups_offer_no_empty_option(client):
    html = client.get("/complaints/new/").content.decode()
    assert "---------" not in html


def test_the_honeypot_is_labelled_and_out_of_the_tab_order(client):
    html = client.get("/complaints/new/").content.decode()
    assert 'for="id_website">Leave this field blank</label>' in html
    assert 'name="website" id="id_website" value="" autocomplete="off" tabindex="-1"' in html


def test_an_address_over_the_limit_gets_429_with_the_office_phone_and_keeps_what_was_typed(client, settings):
    settings.COMPLAINT_RATE_LIMIT, settings.OFFICE_PHONE = 2, "503-555-0100"
    file_through_form(client)
    file_through_form(client, narrative="A second stop.")  # the same text again would be a duplicate
    page = client.post("/complaints/new/", {**form_fields(client), **minimal(narrative="A third.", witnesses="Ana")})
    assert page.status_code == 429
    html = page.content.decode()
    assert "503-555-0100" in html and "Ana" in html
    assert Case.objects.count() == 2


def test_a_retry_is_never_rate_limited(client, settings):
    settings.COMPLAINT_RATE_LIMIT = 1
    data = {**form_fields(client), **minimal()}
    client.post("/complaints/new/", data)
    assert client.post("/complaints/new/", data).status_code == 302
    assert Case.objects.count() == 1


def test_another_address_is_not_limited(client, settings):
    settings.COMPLAINT_RATE_LIMIT = 1
    file_through_form(client)
    other = Client(REMOTE_ADDR="10.0.0.9")
    page = other.post("/complaints/new/", {**form_fields(other), **minimal()})
    assert page.status_code == 302


def test_pages_that_carry_the_access_code_are_never_cached(client):
    assert "no-store" in client.get("/complaints/new/")["Cache-Control"]
    file_through_form(client)
    assert "no-store" in client.get("/complaints/filed/")["Cache-Control"]
    assert "no-store" in client.get("/complaints/status/")["Cache-Control"]


def test_the_client_address_ignores_what_the_client_writes_in_x_forwarded_for(rf, settings):
    from oversight.ratelimit import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"  # no proxy trusted: the header is the client's own
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # what our one proxy saw, not the forged 6.6.6.6
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "6.6.6.6"
