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
