import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from oversight.history import save_audited
from oversight.pdf import render_pdf

from .models import ReportDocument
from .selectors import annual_report_data


def annual_report_render(*, year, actor=None):
    """Renders the annual report PDF outside any transaction, then stores it (replacing the old one)."""
    pdf = render_pdf("reports/annual_report_pdf.html", {"report": annual_report_data(year=year)})
    stored = default_storage.save(f"reports/annual-report-{year}-{uuid.uuid4().hex[:8]}.pdf", ContentFile(pdf))
    with transaction.atomic():
        doc = ReportDocument.objects.select_for_update().filter(kind=ReportDocument.Kind.ANNUAL, year=year).first()
        doc = doc or ReportDocument(kind=ReportDocument.Kind.ANNUAL, year=year)
        doc.generated_at = timezone.now()
        doc.pdf.name = stored
        save_audited(doc, actor=actor, reason="Annual report rendered")
    return doc
