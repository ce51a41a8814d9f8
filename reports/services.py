from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint.urls import URLFetcher

from oversight.history import save_audited

from .models import ReportDocument
from .selectors import annual_report_data


class LocalStaticFetcher(URLFetcher):
    """WeasyPrint may load our own static files ("static:css/x.css") and nothing else:
    report text can hold filer-written content, so no network or file URL is ever opened."""

    PREFIX = "static:"

    def fetch(self, url, headers=None):
        if not url.startswith(self.PREFIX):
            raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")
        path = finders.find(url[len(self.PREFIX) :])
        if not path:
            raise ValueError(f"No static file {url!r}")
        return super().fetch(Path(path).resolve().as_uri())


def annual_report_render(*, year, actor=None):
    """Renders the annual report PDF outside any transaction, then stores it (replacing the old one)."""
    from weasyprint import HTML

    html = render_to_string("reports/annual_report_pdf.html", {"report": annual_report_data(year=year)})
    pdf = HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalStaticFetcher(allowed_protocols=("file",))
    ).write_pdf()
    with transaction.atomic():
        doc = ReportDocument.objects.select_for_update().filter(kind=ReportDocument.Kind.ANNUAL, year=year).first()
        doc = doc or ReportDocument(kind=ReportDocument.Kind.ANNUAL, year=year)
        doc.generated_at = timezone.now()
        doc.pdf.save(f"annual-report-{year}.pdf", ContentFile(pdf), save=False)
        save_audited(doc, actor=actor, reason="Annual report rendered")
    return doc
