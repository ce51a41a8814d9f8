import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from oversight.db_router import use_replica
from oversight.history import save_audited
from oversight.pdf import render_pdf

from .models import ReportDocument
from .selectors import annual_report_data


def annual_report_render(*, year, actor=None, progress=None):
    """Renders the annual report PDF outside any transaction, then stores it (replacing the old one).
    ``progress(step, steps, message)`` is told at each of its three steps, for a job's page."""
    progress = progress or (lambda *step: None)
    progress(0, 3, gettext_noop("Counting the year's cases…"))
    with use_replica():  # reads only: the counts may come from a read replica (DATABASE_REPLICA_URL)
        report = annual_report_data(year=year)
        progress(1, 3, gettext_noop("Rendering the PDF…"))
        pdf = render_pdf("reports/annual_report_pdf.html", {"report": report})
    progress(2, 3, gettext_noop("Storing the PDF…"))
    stored = default_storage.save(f"reports/annual-report-{year}-{uuid.uuid4().hex[:8]}.pdf", ContentFile(pdf))
    with transaction.atomic():
        doc = ReportDocument.objects.select_for_update().filter(kind=ReportDocument.Kind.ANNUAL, year=year).first()
        doc = doc or ReportDocument(kind=ReportDocument.Kind.ANNUAL, year=year)
        doc.generated_at = timezone.now()
        doc.pdf.name = stored
        save_audited(doc, actor=actor, reason="Annual report rendered")
    return doc
