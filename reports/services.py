from django.utils.translation import gettext_noop

from .editions import edition_draft_build, edition_pdf_render
from .models import ReportEdition


def annual_report_render(*, year, actor=None, progress=None):
    """Renders the PDF of the year's annual report as it stands: its published edition (kept once
    stored), else its draft (replaced), else a draft built now from the data. Returns the edition."""
    progress = progress or (lambda *step: None)
    editions = ReportEdition.objects.filter(kind=ReportEdition.Kind.ANNUAL, year=year, quarter=None)
    edition = editions.filter(status=ReportEdition.Status.PUBLISHED).first()
    edition = edition or editions.filter(status=ReportEdition.Status.DRAFT).first()
    if edition is None:
        progress(0, 3, gettext_noop("Counting the year's cases…"))
        edition = edition_draft_build(kind=ReportEdition.Kind.ANNUAL, year=year, actor=actor)
    return edition_pdf_render(edition=edition, actor=actor, progress=progress)
