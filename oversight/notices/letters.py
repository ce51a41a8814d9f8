"""Postal letters (R6.3, issue 12.4): logged "to mail", printed in batches as one PDF, marked mailed.

A letter is claimed into exactly one batch (row locks, skip_locked), so two people printing at the
same moment never print the same letter twice. A batch can be printed again at any time; marking it
mailed records the day on each letter, which is then "sent".
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from oversight.history import save_audited

from .models import LetterBatch, Notice
from .permissions import can_mail_letters
from .selectors import letter_list_for_batch

logger = logging.getLogger(__name__)

# One PDF is rendered while the person waits: 50 letters take about 3 s here (100: 5.6-8.9 s).
LETTERS_PER_BATCH = 50
PDF_TEMPLATE = "notices/letter_batch_pdf.html"


@transaction.atomic
def letter_batch_create(*, actor, notice_ids=None, now=None):
    """Puts the chosen letters (or the oldest waiting ones), up to LETTERS_PER_BATCH, in a new batch;
    a letter already in a batch, or taken by someone printing at the same moment, is left out."""
    if not can_mail_letters(actor):
        raise PermissionDenied
    waiting = Notice.objects.filter(
        status=Notice.Status.TO_MAIL, channel=Notice.Channel.POSTAL, letter_batch__isnull=True
    )
    if notice_ids is not None:
        waiting = waiting.filter(pk__in=list(notice_ids))
    # skip_locked: a concurrent batch holds its letters; this one takes the others, never the same.
    letters = list(waiting.order_by("created_at", "pk").select_for_update(skip_locked=True)[:LETTERS_PER_BATCH])
    if not letters:
        raise ValidationError(_("No letter is waiting to be printed."))
    batch = save_audited(
        LetterBatch(created_at=now or timezone.now(), created_by=actor), actor=actor, reason="Letters put in a batch"
    )
    for letter in letters:
        letter.letter_batch = batch
    bulk_update_with_history(
        letters, Notice, ["letter_batch"], default_user=actor, default_change_reason=f"Printed in batch {batch.pk}"
    )
    return batch


@transaction.atomic
def letter_batch_mark_mailed(*, batch, mailed_on, actor, reason, now=None):
    """Records the day the batch went in the mail; each of its letters is sent that day. Again: no change."""
    if not can_mail_letters(actor):
        raise PermissionDenied
    batch = LetterBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.is_mailed:
        return batch
    now = now or timezone.now()
    if mailed_on > timezone.localdate(now):
        raise ValidationError(_("The letters cannot have been mailed on a day still to come."))
    if mailed_on < timezone.localdate(batch.created_at):
        raise ValidationError(_("The letters cannot have been mailed before they were printed."))
    batch.mailed_on, batch.mailed_at, batch.mailed_by = mailed_on, now, actor
    save_audited(batch, actor=actor, reason=reason, update_fields=["mailed_on", "mailed_at", "mailed_by"])
    letters = list(batch.letters.select_for_update())
    for letter in letters:
        letter.status, letter.sent_at, letter.mailed_on = Notice.Status.SENT, now, mailed_on
    bulk_update_with_history(
        letters,
        Notice,
        ["status", "sent_at", "mailed_on"],
        default_user=actor,
        default_change_reason=f"Mailed in batch {batch.pk}: {reason}"[:100],
    )
    return batch


def letter_batch_pdf(batch):
    """The batch as one PDF: each letter on its own pages, in its recipient's language, with the
    address where a #10 window envelope shows it, followed by what it encloses. Slow: no transaction."""
    from weasyprint import HTML

    from oversight.pdf import LocalStaticFetcher

    letters = list(letter_list_for_batch(batch))
    context = {
        "letters": [_letter_context(letter) for letter in letters],
        "batch": batch,
        # Dated the day they were printed.
        "date": timezone.localdate(batch.created_at),
        "office_lines": settings.OFFICE_POSTAL_ADDRESS.splitlines(),
    }
    html = render_to_string(PDF_TEMPLATE, context)
    fetcher = LocalStaticFetcher(allowed_protocols=("file",))
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).render()
    pdf = document.write_pdf()
    enclosed = [letter for letter in letters if letter.attachment]
    if not enclosed:
        return pdf
    return _with_enclosures(pdf, _last_pages(document, letters), enclosed)


def _letter_context(letter):
    """One letter's parts; the template prints it in its recipient's language (dates and the words
    around the body, which was written in that language when the notice was logged)."""
    return {
        "letter": letter,
        "language": letter.language or settings.LANGUAGE_CODE,
        "address_lines": [line for line in letter.recipient_address.splitlines() if line.strip()],
        "enclosure": letter.attachment.name.rsplit("/", 1)[-1] if letter.attachment else "",
    }


def _last_pages(document, letters):
    """{letter pk: index of the letter's last page}, from the anchor that starts each letter."""
    starts = {}
    for index, page in enumerate(document.pages):
        for letter in letters:
            if f"letter-{letter.pk}" in page.anchors:
                starts[letter.pk] = index
    ends, following = {}, len(document.pages)
    for letter in reversed(letters):
        ends[letter.pk] = following - 1
        following = starts[letter.pk]
    return ends


def _with_enclosures(pdf, last_pages, enclosed):
    """Inserts each enclosed PDF (the report to the Mayor) right after its letter's pages."""
    import pikepdf

    out = pikepdf.open(io.BytesIO(pdf))
    sources = []
    # From the last letter back, so the page indexes still to use do not move.
    for letter in sorted(enclosed, key=lambda letter: last_pages[letter.pk], reverse=True):
        try:
            with default_storage.open(letter.attachment.name, "rb") as handle:
                source = pikepdf.open(io.BytesIO(handle.read()))
        except (OSError, pikepdf.PdfError) as exc:  # the letter names what to enclose; staff print it apart
            logger.warning("letter %s: enclosure %s not added: %s", letter.pk, letter.attachment.name, exc)
            continue
        sources.append(source)
        position = last_pages[letter.pk] + 1
        for offset, page in enumerate(source.pages):
            out.pages.insert(position + offset, page)
    buffer = io.BytesIO()
    out.save(buffer)
    for source in sources:
        source.close()
    return buffer.getvalue()
