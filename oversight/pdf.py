"""Rendering PDFs with WeasyPrint safely: report text can hold filer-written content, so the
renderer may load our own static files and nothing else (STACK.md)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher


class LocalStaticFetcher(URLFetcher):
    """Serves "static:css/x.css" from our static files; refuses every other URL."""

    PREFIX = "static:"

    def fetch(self, url, headers=None):
        if not url.startswith(self.PREFIX):
            raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF")
        path = finders.find(url[len(self.PREFIX) :])
        if not path:
            raise ValueError(f"No static file {url!r}")
        return super().fetch(Path(path).resolve().as_uri())


def render_pdf(template, context):
    """Renders a template to PDF bytes. Slow: call it outside transactions, from a task."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    fetcher = LocalStaticFetcher(allowed_protocols=("file",))
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()


def pdf_join(first, *files):
    """One PDF: the pages of ``first`` (bytes) followed by the pages of each stored file (open in
    binary), as they are, so a stored document is reproduced rather than re-typed."""
    from io import BytesIO

    import pikepdf

    with pikepdf.open(BytesIO(first)) as joined:
        for file in files:
            with pikepdf.open(file) as other:
                joined.pages.extend(other.pages)
        out = BytesIO()
        joined.save(out)
    return out.getvalue()
