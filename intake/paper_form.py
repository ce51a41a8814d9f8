"""The printable paper complaint form (R1.1), one PDF per language, mirroring ComplaintForm.

Rendering takes about a second, so the bytes are cached per language and per version: the
version changes with the template, the form's fields, the compiled catalog and the Office's
contact details, so a deploy that changes any of them never serves a stale form. With Redis
down the form is still served, from a copy kept in this process.
"""

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from oversight.pdf import render_pdf

from .forms import ComplaintForm

TEMPLATE = "intake/complaint_paper_pdf.html"
CACHE_SECONDS = 7 * 24 * 3600
# Fields a person cannot fill in on paper: the double-submit key and any anti-bot trap.
NOT_ON_PAPER = {"submission_key", "website", "honeypot"}
logger = logging.getLogger(__name__)
# Used only while the shared cache is unreachable; at most one PDF per language and version.
_process_copies = {}


@dataclass
class PaperField:
    label: str
    help_text: str
    required: bool
    kind: str  # "choices", "many", "lines", "line", "check", "file"
    choices: list
    lines: int = 1

    @property
    def rows(self):
        return range(self.lines)


def _kind(field):
    widget = field.field.widget
    widget_type = field.widget_type
    if widget_type in ("radioselect", "select"):
        return "choices"
    if widget_type in ("checkboxselectmultiple", "selectmultiple"):
        return "many"
    if widget_type == "checkbox":
        return "check"
    if widget_type in ("file", "clearablefile") or getattr(widget, "input_type", "") == "file":
        return "file"
    if widget_type == "textarea":
        return "lines"
    return "line"


def paper_fields():
    """The public form's visible fields as plain data, in the active language."""
    rows = []
    for field in ComplaintForm():
        # A trap for bots is kept out of the tab order; it has no place on paper either.
        if field.is_hidden or field.name in NOT_ON_PAPER or str(field.field.widget.attrs.get("tabindex")) == "-1":
            continue
        kind = _kind(field)
        choices = [str(label) for value, label in getattr(field.field, "choices", []) if value not in ("", None)]
        lines = min(int(field.field.widget.attrs.get("rows", 3)), 12) if kind == "lines" else 1
        rows.append(
            PaperField(str(field.label), str(field.help_text or ""), field.field.required, kind, choices, lines)
        )
    return rows


def _version(language):
    """Changes whenever what the PDF would show changes."""
    digest = hashlib.sha256()
    digest.update(Path(get_template(TEMPLATE).origin.name).read_bytes())
    digest.update(repr([(f.label, f.help_text, f.required, f.kind, f.choices) for f in paper_fields()]).encode())
    digest.update(f"{settings.OCPA_PHONE}|{settings.OCPA_ADDRESS}".encode())
    for path in settings.LOCALE_PATHS:
        mo = Path(path) / translation.to_locale(language) / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            digest.update(mo.read_bytes())
    return digest.hexdigest()[:16]


def paper_form_pdf(language):
    """The paper form's PDF bytes in `language`, rendered once per version and cached."""
    with translation.override(language):
        key = f"paper-form:{language}:{_version(language)}"
        try:
            pdf = cache.get(key)
        except (RedisError, OSError) as exc:
            logger.warning("paper form: cache unreachable (%r); using this process's copy", exc)
            pdf = _process_copies.get(key)
            if pdf is None:
                pdf = _process_copies[key] = _render(language)
            return pdf
        if pdf is None:
            pdf = _render(language)
            try:
                cache.set(key, pdf, CACHE_SECONDS)
            except (RedisError, OSError) as exc:  # Redis died while rendering: the filer still gets the form
                logger.warning("paper form: cache unreachable (%r); not cached", exc)
        return pdf


def _render(language):
    return render_pdf(
        TEMPLATE,
        {
            "fields": paper_fields(),
            "language": language,
            "phone": settings.OCPA_PHONE,
            "address_lines": settings.OCPA_ADDRESS.splitlines(),
            "title": _("Complaint form"),
        },
    )
