"""Checking an uploaded file by what it contains, never by its name (STACK.md: python-magic).

Sizes are counted in binary units everywhere: the settings give bytes, and 1 MB on every page
means 1 MiB (1,048,576 bytes), as Django's filesizeformat and Windows count it. A file a
computer shows as "100 MB" in decimal units is therefore never refused by a "100 MB" limit.
"""

import hashlib
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

import magic
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Evidence and records: documents, pictures, audio and video. Each type with the kind of file a
# person would call it and the name they know it by, so a refusal can say in plain words what
# is accepted (intake/public_forms.py) instead of naming a MIME type.
RECORD_KINDS = {
    "image/jpeg": ("photo", "JPEG"),
    "image/png": ("photo", "PNG"),
    "image/heic": ("photo", "HEIC"),
    "image/tiff": ("photo", "TIFF"),
    "video/mp4": ("video", "MP4"),
    "video/quicktime": ("video", "MOV"),
    "video/x-msvideo": ("video", "AVI"),
    "video/webm": ("video", "WebM"),
    "audio/mpeg": ("audio", "MP3"),
    "audio/x-wav": ("audio", "WAV"),
    "audio/wav": ("audio", "WAV"),
    "application/pdf": ("document", "PDF"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("document", "Word .docx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("document", "Excel .xlsx"),
    "text/plain": ("document", "TXT"),
    "text/csv": ("document", "CSV"),
}
RECORD_TYPES = frozenset(RECORD_KINDS)

_UNITS = (
    # Translators: public. A file size; 1 GB is 1,073,741,824 bytes.
    (1024**3, gettext_lazy("%(size)s GB")),
    # Translators: public. A file size; 1 MB is 1,048,576 bytes.
    (1024**2, gettext_lazy("%(size)s MB")),
    # Translators: public. A file size; 1 KB is 1,024 bytes.
    (1024, gettext_lazy("%(size)s KB")),
)


def size_text(nbytes, *, rounding=ROUND_HALF_UP):
    """A size in binary units to one decimal ("100 MB", "100.1 MB"), in the active language.

    A refused file's size is rounded up and its limit down, so the two never print the same."""
    for factor, unit in _UNITS:
        if nbytes >= factor:
            value = (Decimal(nbytes) / factor).quantize(Decimal("0.1"), rounding=rounding)
            places = 0 if value == value.to_integral_value() else 1
            return unit % {"size": formats.number_format(value, decimal_pos=places, use_l10n=True)}
    # Translators: public. A file size.
    return ngettext("%(size)s byte", "%(size)s bytes", nbytes) % {"size": nbytes}


def limit_text(nbytes):
    """A limit, rounded down: a file the page says is within it always is."""
    return size_text(nbytes, rounding=ROUND_DOWN)


def size_over_limit(size, limit):
    """(size, limit) as texts for a refusal: the size rounded up, the limit down, so they differ."""
    return size_text(size, rounding=ROUND_UP), limit_text(limit)


def inspect_upload(upload, *, allowed=RECORD_TYPES, max_bytes):
    """Returns (content_type, size, sha256) of an upload, or raises ValidationError saying why not.

    The error's code ("too_large", "kind_refused", "pdf_active", "pdf_unreadable") and params (the
    sizes as texts, the detected type, the allow-list) let a public form word it plainly; the
    message keeps the detail staff need. A PDF is also read through for active content."""
    if upload.size > max_bytes:
        size, limit = size_over_limit(upload.size, max_bytes)
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": size, "limit": limit},
        )
    upload.seek(0)
    content_type = magic.from_buffer(upload.read(4096), mime=True)
    if content_type not in allowed:
        raise ValidationError(
            _("This kind of file (%(type)s) is not accepted."),
            code="kind_refused",
            params={"type": content_type, "allowed": allowed},
        )
    if content_type == "application/pdf":
        _refuse_active_pdf(upload)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, upload.size, digest.hexdigest()


def _refuse_active_pdf(upload):
    """A PDF that could run or open something by itself is refused (oversight/uploads/pdf.py)."""
    from .pdf import PdfUnreadable, pdf_active_content

    upload.seek(0)
    path = getattr(upload, "temporary_file_path", None)
    try:
        found = pdf_active_content(path() if path else upload)
    except PdfUnreadable as exc:
        raise ValidationError(
            _("This PDF cannot be read (it may be damaged or locked with a password), so it cannot be checked."),
            code="pdf_unreadable",
        ) from exc
    if found:
        raise ValidationError(
            _(
                "This PDF contains active content (%(found)s), which is not accepted. Print it to a new PDF "
                "and send that instead."
            ),
            code="pdf_active",
            params={"found": ", ".join(name.lstrip("/") for name in found)},
        )
