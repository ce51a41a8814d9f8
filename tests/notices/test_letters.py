"""Letters to mail (R6.3, issue 12.4): postal notices wait to be printed in a batch, then are mailed."""

import io
import subprocess
from datetime import date, datetime, timedelta

import pikepdf
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from oversight.calendar.business_days import PACIFIC
from oversight.notices.letters import letter_batch_create, letter_batch_mark_mailed, letter_batch_pdf
from oversight.notices.models import LetterBatch, Notice
from oversight.notices.selectors import letter_list_to_mail, notice_list_stuck
from oversight.notices.services import notice_outbox_sweep, notice_send
from tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db

LOGGED = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)
PRINTED = LOGGED + timedelta(days=1)
ADDRESS = "1 Main St\nPortland OR 97214"


def letters_logged(n=1, *, at=LOGGED, language="", attachment=""):
    with time_machine.travel(at, tick=False):
        return [
            notice_send(
                recipient_name=f"Filer {i}",
                recipient_address=ADDRESS,
                channel=Notice.Channel.POSTAL,
                subject=f"Decision on your complaint {i}",
                body=f"Letter body {i}",
                language=language,
                attachment=attachment,
                actor=None,
            )
            for i in range(n)
        ]


def printed(actor, **kwargs):
    with time_machine.travel(PRINTED, tick=False):
        return letter_batch_create(actor=actor, **kwargs)


def pdf_text(pdf):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_postal_notice_waits_to_be_mailed_instead_of_being_sent_when_logged():
    (letter,) = letters_logged()
    assert (letter.status, letter.sent_at, letter.letter_batch) == (Notice.Status.TO_MAIL, None, None)


def test_a_filer_who_asked_for_letters_gets_one_to_mail_in_their_language():
    from tests.factories import file_complaint

    file_complaint(contact_method="mail", contact_address=ADDRESS, language="es")
    notice = Notice.objects.get(channel=Notice.Channel.POSTAL)
    assert (notice.status, notice.language, notice.sent_at) == (Notice.Status.TO_MAIL, "es", None)
    assert notice.subject.startswith("Recibimos su queja")


def test_a_batch_takes_every_waiting_letter_oldest_first_and_records_who_printed_it(intake_user):
    first, second = letters_logged(2)
    batch = printed(intake_user)
    assert list(batch.letters.order_by("created_at", "pk")) == [first, second]
    assert batch.created_by == intake_user and batch.mailed_on is None
    history = first.history.latest()
    assert (history.history_user, history.history_change_reason) == (intake_user, f"Printed in batch {batch.pk}")
    assert not letter_list_to_mail(user=intake_user).exists()


def test_a_letter_is_printed_in_one_batch_only(director):
    chosen, other = letters_logged(2)
    batch = printed(director, notice_ids=[chosen.pk])
    assert list(batch.letters.all()) == [chosen]
    with pytest.raises(ValidationError, match="No letter is waiting"):
        printed(director, notice_ids=[chosen.pk])
    assert list(printed(director).letters.all()) == [other]


def test_only_the_director_and_intake_staff_print_letters(investigator):
    letters_logged()
    with pytest.raises(PermissionDenied):
        printed(investigator)


def test_the_batch_pdf_has_each_letter_with_its_address_return_address_and_body_in_the_recipients_language(
    director, settings
):
    settings.OFFICE_POSTAL_ADDRESS = "OCPA\n1221 SW 4th Avenue\nPortland, OR 97204"
    letters_logged(1, language="es")
    batch = printed(director)
    text = pdf_text(letter_batch_pdf(batch))
    assert "1 Main St" in text and "Portland OR 97214" in text and "Filer 0" in text
    assert "1221 SW 4th Avenue" in text and "Letter body 0" in text
    with translation.override("es"):
        assert "noviembre" in text  # dated the day printed, in the recipient's language
    assert len(pikepdf.open(io.BytesIO(letter_batch_pdf(batch))).pages) == 1


def test_each_letter_starts_on_its_own_page_and_an_enclosed_report_follows_its_letter(director):
    path = default_storage.save("reports/case-report.pdf", ContentFile(pdf_bytes("report")))
    letters_logged(1)
    letters_logged(1, attachment=path, at=LOGGED + timedelta(minutes=1))
    pdf = letter_batch_pdf(printed(director))
    assert len(pikepdf.open(io.BytesIO(pdf)).pages) == 3  # letter, letter, its enclosure
    assert "Enclosed: case-report.pdf" in pdf_text(pdf)


def test_marking_a_batch_mailed_records_the_day_on_each_letter_with_history(director):
    letters = letters_logged(2)
    batch = printed(director)
    with time_machine.travel(PRINTED + timedelta(hours=2), tick=False):
        letter_batch_mark_mailed(batch=batch, mailed_on=date(2026, 11, 19), actor=director, reason="Taken to the post")
    batch.refresh_from_db()
    assert (batch.mailed_on, batch.mailed_by) == (date(2026, 11, 19), director)
    assert batch.history.latest().history_change_reason == "Taken to the post"
    for letter in letters:
        letter.refresh_from_db()
        assert (letter.status, letter.mailed_on) == (Notice.Status.SENT, date(2026, 11, 19))
        assert letter.sent_at is not None
        assert letter.history.latest().history_user == director


def test_marking_a_batch_mailed_twice_changes_nothing(director, intake_user):
    letters_logged()
    batch = printed(director)
    with time_machine.travel(PRINTED, tick=False):
        letter_batch_mark_mailed(batch=batch, mailed_on=date(2026, 11, 19), actor=director, reason="Mailed")
        again = letter_batch_mark_mailed(batch=batch, mailed_on=date(2026, 11, 19), actor=intake_user, reason="Again")
    assert again.mailed_by == director
    assert batch.history.count() == 2  # created, mailed


def test_a_batch_cannot_be_mailed_on_a_day_still_to_come(director):
    letters_logged()
    batch = printed(director)
    with time_machine.travel(PRINTED, tick=False), pytest.raises(ValidationError, match="still to come"):
        letter_batch_mark_mailed(batch=batch, mailed_on=date(2026, 11, 20), actor=director, reason="Mailed")


def test_letters_waiting_to_be_mailed_are_not_stuck_e_mails(director):
    letters_logged(2)
    later = LOGGED + timedelta(days=3)
    assert not notice_list_stuck(now=later).exists()
    assert notice_outbox_sweep(now=later) == {"due": 0, "delivered": 0, "alerted": 0}


# The pages


def test_the_letters_page_lists_waiting_letters_oldest_first(client, intake_user):
    letters_logged(1)
    letters_logged(1, at=LOGGED - timedelta(days=1), language="es")
    with time_machine.travel(PRINTED, tick=False):
        client.force_login(intake_user)
        page = client.get("/staff/notices/letters/").content.decode()
    assert "2 letters waiting to be printed" in page
    assert page.index("español") < page.index("The Office")  # the older letter, in Spanish, first
    assert "Print a batch of letters" in page


def test_the_letters_page_reads_in_the_same_number_of_queries_however_many_wait(
    client, director, django_assert_max_num_queries
):
    letters_logged(1)
    printed(director)
    letters_logged(1)
    with time_machine.travel(PRINTED, tick=False):
        client.force_login(director)
        with django_assert_max_num_queries(12) as few:
            client.get("/staff/notices/letters/")
        baseline = len(few.captured_queries)
    letters_logged(60)
    printed(director, notice_ids=list(Notice.objects.values_list("pk", flat=True)[:5]))
    with time_machine.travel(PRINTED, tick=False), django_assert_max_num_queries(baseline):
        response = client.get("/staff/notices/letters/")
    assert "Page 1 of 2" in response.content.decode()


def test_printing_from_the_page_makes_a_batch_then_the_pdf_downloads_and_reprints(client, director):
    chosen, _other = letters_logged(2)
    with time_machine.travel(PRINTED, tick=False):
        client.force_login(director)
        response = client.post("/staff/notices/letters/batches/", {"letter": [chosen.pk]})
        batch = LetterBatch.objects.get()
        assert response["Location"] == f"/staff/notices/letters/batches/{batch.pk}/"
        assert list(batch.letters.all()) == [chosen]
        for _attempt in range(2):  # printed again: the same letters
            pdf = client.get(f"/staff/notices/letters/batches/{batch.pk}/letters.pdf")
            assert pdf["Content-Type"] == "application/pdf"
            assert "Letter body 0" in pdf_text(pdf.content) and "Letter body 1" not in pdf_text(pdf.content)


def test_marking_mailed_from_the_batch_page(client, intake_user):
    (letter,) = letters_logged()
    batch = printed(intake_user)
    with time_machine.travel(PRINTED, tick=False):
        client.force_login(intake_user)
        response = client.post(f"/staff/notices/letters/batches/{batch.pk}/", {"mailed_on": "2026-11-19", "reason": ""})
        page = client.get(response["Location"]).content.decode()
    assert "Batch marked mailed." in page and "Mailed on 2026-11-19" in page
    letter.refresh_from_db()
    assert letter.mailed_on == date(2026, 11, 19)
    assert batch.history.latest().history_change_reason == "Letters put in the mail"
