"""Checking an uploaded file by what it contains, never by its name (STACK.md: python-magic)."""

import hashlib

import magic
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Evidence and records: documents, pictures, audio and video.
RECORD_TYPES = {
    "application/pdf",
    "text/plain",
    "text/csv",
    "image/jpeg",
    "image/png",
    "image/heic",
    "image/tiff",
    "audio/mpeg",
    "audio/x-wav",
    "audio/wav",
    "video/mp4",
    "video/quicktime",
    "video/x-msvideo",
    "video/webm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def inspect_upload(upload, *, allowed=RECORD_TYPES, max_bytes):
    """Returns (content_type, size, sha256) of an upload, or raises ValidationError saying why not."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    upload.seek(0)
    content_type = magic.from_buffer(upload.read(4096), mime=True)
    if content_type not in allowed:
        raise ValidationError(_("This kind of file (%(type)s) is not accepted.") % {"type": content_type})
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, upload.size, digest.hexdigest()
