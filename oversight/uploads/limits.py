"""How much a request may carry, decided before its body is read (issue 13.7, README "Uploads").

Each view that takes files is marked with ``@takes_uploads(PROFILE)``: a limit per file, a limit
for all the files of one request, and a budget of bytes per address per hour. Every other view
takes DATA_UPLOAD_MAX_MEMORY_SIZE of files, and so does a view for signed-in staff that a visitor
who is not signed in posts to (such a request is refused by the view; it must not be read first).

- ``RequestSizeLimitMiddleware`` answers 413 to a request whose Content-Length is over its
  view's limit (the files' limit plus DATA_UPLOAD_MAX_MEMORY_SIZE for the other fields), and 429
  once the address has sent its hourly budget, before anything reads the body (CSRF would).
- ``CappedUploadHandler``, first in FILE_UPLOAD_HANDLERS, counts the bytes actually read: past
  the request's limit it stops reading (a 413); past the limit for one file it keeps nothing more
  of that file and hands on a placeholder of the true size, so the form refuses it by name with
  everything else the filer typed kept. (Without Content-Length, as with a chunked body, Django's
  WSGI request reads no body at all, so nothing reaches a view unmeasured.)
"""

from dataclasses import dataclass
from decimal import ROUND_UP
from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.defaults import bad_request as django_bad_request

from oversight.api import API_PREFIX
from oversight.middleware import _is_public
from oversight.ratelimit import rate_limit_hit

from . import limit_text, size_text

HOUR = 3600


@dataclass(frozen=True)
class UploadProfile:
    """Setting names: the limit for one file, for all files of a request, and the hourly budget."""

    file_bytes: str
    files_bytes: str
    hourly_bytes: str | None = None


PUBLIC_FORM = UploadProfile("COMPLAINT_MAX_FILE_BYTES", "COMPLAINT_MAX_TOTAL_BYTES", "PUBLIC_UPLOAD_BYTES_PER_HOUR")
RECORDS = UploadProfile("RECORDS_MAX_UPLOAD_BYTES", "RECORDS_MAX_UPLOAD_BYTES", "STAFF_UPLOAD_BYTES_PER_HOUR")
NO_FILES = UploadProfile("DATA_UPLOAD_MAX_MEMORY_SIZE", "DATA_UPLOAD_MAX_MEMORY_SIZE")


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    files_bytes: int
    hourly_bytes: int | None

    @property
    def request_bytes(self):
        """The files plus the form's other fields, which Django caps at DATA_UPLOAD_MAX_MEMORY_SIZE."""
        return self.files_bytes + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def takes_uploads(profile):
    """Marks a view (function or class) as taking files within profile's limits."""

    def mark(view):
        view.upload_profile = profile
        return view

    return mark


def limits_for(request):
    """The limits of the view the request is for, read from settings now (tests change them)."""
    cached = getattr(request, "_upload_limits", None)
    if cached is None:
        profile = _profile(request)
        hourly = getattr(settings, profile.hourly_bytes) if profile.hourly_bytes else None
        cached = Limits(getattr(settings, profile.file_bytes), getattr(settings, profile.files_bytes), hourly)
        request._upload_limits = cached
    return cached


def _profile(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return NO_FILES
    view = match.func
    view_class = getattr(view, "view_class", None)
    profile = getattr(view, "upload_profile", None) or getattr(view_class, "upload_profile", None)
    if profile is None:
        return NO_FILES
    signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
    # The API checks a token before it reads a body; a page reads the body (for CSRF) before its role check.
    api_token = request.path_info.startswith(API_PREFIX) and "HTTP_AUTHORIZATION" in request.META
    if not (signed_in or api_token or _is_public(match)):
        return NO_FILES  # staff uploads only from someone signed in
    return profile


def _content_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """413 over the view's limit, 429 over the address's hourly budget, before the body is read.
    Goes after AuthenticationMiddleware (a staff upload needs a signed-in user) and before anything
    that reads request.POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _content_length(request)
        if length:
            limits = limits_for(request)
            if length > limits.request_bytes:
                return too_large_response(request, size=length, limit=limits.files_bytes)
            # Counted in KiB: the PostgreSQL fallback's counter is a 32-bit integer.
            if limits.hourly_bytes and not rate_limit_hit(
                request, "upload-kib", limit=limits.hourly_bytes // 1024, window=HOUR, cost=-(-length // 1024)
            ):
                return too_many_response(request)
        return self.get_response(request)


class UploadTooLarge(RequestDataTooBig):
    """More bytes were read than the request's limit (see handler400 below for the answer)."""

    def __init__(self, size, limit):
        super().__init__(f"upload of at least {size} bytes over the limit of {limit}")
        self.size, self.limit = size, limit


class OversizedUpload(UploadedFile):
    """A file past its limit: its name and true size, and no content (none of it was kept)."""

    def __init__(self, name, content_type, size, charset):
        super().__init__(BytesIO(), name, content_type, size, charset)


class CappedUploadHandler(FileUploadHandler):
    """Counts the bytes of every file as they are read; see the module's docstring."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limits, self.read = limits_for(self.request), 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file_read = 0

    def receive_data_chunk(self, raw_data, start):
        self.read += len(raw_data)
        # The same bound as the middleware's: between the files' limit and this, the form says which
        # files were too many and keeps what was typed.
        if self.read > self.limits.request_bytes:
            raise UploadTooLarge(self.read, self.limits.files_bytes)
        self.file_read += len(raw_data)
        if self.file_read <= self.limits.file_bytes:
            return raw_data
        self._drop_partial_files()
        return None  # the handlers after this one receive nothing more of this file

    def file_complete(self, file_size):
        if self.file_read > self.limits.file_bytes:
            return OversizedUpload(self.file_name, self.content_type, self.file_read, self.charset)
        return None

    def _drop_partial_files(self):
        for handler in self.request.upload_handlers:
            partial = getattr(handler, "file", None) if handler is not self else None
            if partial is not None and not partial.closed:
                partial.close()  # a temporary file is deleted when closed


def api_too_large_detail(size, limit):
    return _("The request is %(size)s; this endpoint takes at most %(limit)s of files.") % {
        "size": size_text(size, rounding=ROUND_UP),
        "limit": limit_text(limit),
    }


def too_large_response(request, *, size, limit):
    size_shown, limit_shown = size_text(size, rounding=ROUND_UP), limit_text(limit)
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": api_too_large_detail(size, limit)}, status=413)
    # Translators: public. The page shown when the files sent with a form are too large together.
    message = _(
        "What you sent is %(size)s, more than the %(limit)s this form takes at a time, so nothing was "
        "saved. Go back, choose fewer or smaller files, and send the form again. If you cannot make "
        "the files smaller, call the Office at %(phone)s."
    ) % {"size": size_shown, "limit": limit_shown, "phone": settings.OFFICE_PHONE}
    # Translators: public. Title of the page shown when the files sent are too large.
    return _refused_page(request, _("Files too large"), message, status=413)


def too_many_response(request):
    if request.path_info.startswith(API_PREFIX):
        detail = _("Too many bytes uploaded from this address in the last hour. Try again later.")
        return JsonResponse({"detail": detail}, status=429)
    # Translators: public. Shown when one address has sent many files within an hour.
    message = _(
        "A lot of files have been sent from this connection in the last hour, so nothing was saved. "
        "Please try again later, or call the Office at %(phone)s."
    ) % {"phone": settings.OFFICE_PHONE}
    # Translators: public. Title of the page shown when too many files were sent within an hour.
    return _refused_page(request, _("Please try again later"), message, status=429)


def _refused_page(request, title, message, *, status):
    return render(request, "uploads/refused.html", {"title": title, "message": message}, status=status)


def too_much_text_response(request):
    """A form's fields other than files over DATA_UPLOAD_MAX_MEMORY_SIZE (Django stopped reading them)."""
    limit = limit_text(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if request.path_info.startswith(API_PREFIX):
        detail = _("The fields other than files are larger than the %(limit)s this endpoint takes.")
        return JsonResponse({"detail": detail % {"limit": limit}}, status=413)
    # Translators: public. Shown when the text typed into a form is far larger than any form takes.
    message = _(
        "The text you sent is larger than the %(limit)s this form takes, so nothing was saved. Go back, "
        "shorten it, and send the form again, or call the Office at %(phone)s."
    ) % {"limit": limit, "phone": settings.OFFICE_PHONE}
    # Translators: public. Title of the page shown when the text sent with a form is too large.
    return _refused_page(request, _("Too much text"), message, status=413)


def bad_request(request, exception):
    """handler400: a body read past its limit (by the upload handler, or past Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE for the other fields) is a 413 with the page that says so; any other
    bad request is Django's 400."""
    if isinstance(exception, UploadTooLarge):
        return too_large_response(request, size=exception.size, limit=exception.limit)
    if isinstance(exception, RequestDataTooBig):
        return too_much_text_response(request)
    return django_bad_request(request, exception)
