"""The empty public complaint form, rendered once per language and process (issue 14.1).

Rendering the 25 KB form (every field through partials/field.html) took 38% of a web worker's
time in a surge of filings. Between two visitors the page differs only in the CSRF token (in the
form and the language switcher), the form's submission key and its signed access token. The page
is rendered once with a marker in each place and kept; every visitor gets the kept page with
their own values put in.

Kept in this process's memory (a Django local-memory cache), not in Redis: a kept page cannot
outlive the code that rendered it (a deploy starts new processes), costs no network round trip,
and is there when Redis is down. The key is the language and every setting the page shows, so a
settings change gives a new page. Signed-in users, a request with a query string, a visitor with
messages waiting and a page that used a CSP nonce are rendered whole, as before.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from .access import access_code_new, access_token_sign
from .public_forms import PublicComplaintForm

TEMPLATE = "intake/complaint_new.html"
# Letters and digits only, so escaping leaves them as they are; each appears nowhere else.
CSRF_MARK = "ocpaFormCsrfMark7q3z"
KEY_MARK = "ocpaFormKeyMark7q3z"
TOKEN_MARK = "ocpaFormTokenMark7q3z"  # noqa: S105 - a marker, replaced before sending
# What the page shows from settings (help texts, limits, phone, languages, static paths).
PAGE_SETTINGS = (
    "OFFICE_PHONE",
    "OFFICE_EMAIL",
    "COMPLAINT_MAX_FILES",
    "COMPLAINT_MAX_FILE_BYTES",
    "COMPLAINT_MAX_TOTAL_BYTES",
    "COMPLAINT_MAX_NARRATIVE_CHARS",
    "COMPLAINT_MAX_TEXT_CHARS",
    "LANGUAGES",
    "STATIC_URL",
    "STORAGES",
)
_pages = LocMemCache("intake.form_page", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 64}})


def _page_key():
    shown = repr([getattr(settings, name, None) for name in PAGE_SETTINGS])
    return f"{translation.get_language()}:{hashlib.sha256(shown.encode()).hexdigest()[:16]}"


def _keepable(request):
    return not (request.user.is_authenticated or request.META.get("QUERY_STRING") or len(get_messages(request)))


def _render_marked(request, context):
    form = PublicComplaintForm(initial={"submission_key": KEY_MARK})
    form.initial["access_token"] = TOKEN_MARK
    html = render_to_string(TEMPLATE, {**context, "form": form, "csrf_token": CSRF_MARK}, request=request)
    # A page that used a CSP nonce carries this visitor's nonce: not one to keep.
    return None if getattr(request, "_csp_nonce", None) else html


def complaint_form_page(request, context):
    """The empty form for this visitor, or None when it must be rendered whole (see above)."""
    if not _keepable(request):
        return None
    key = _page_key()
    html = _pages.get(key)
    if html is None:
        html = _render_marked(request, context)
        if html is None:
            return None
        _pages.set(key, html)
    submission_key = uuid.uuid4()
    html = (
        html.replace(CSRF_MARK, get_token(request))
        .replace(KEY_MARK, str(submission_key))
        .replace(TOKEN_MARK, access_token_sign(submission_key, access_code_new()))
    )
    return HttpResponse(html)
