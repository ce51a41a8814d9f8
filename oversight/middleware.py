"""Response headers every page and endpoint carries (issue 13): who may store it, which browser
features it may use, and what it may load (README, "Security headers")."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import add_never_cache_headers


def _is_public(resolver_match):
    """True for views marked with ``public`` (or a class with ``allowed_roles = "public"``)."""
    if resolver_match is None:
        return False
    view = resolver_match.func
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    roles = getattr(view, "allowed_roles", None) or getattr(view_class, "allowed_roles", None)
    return roles == "public"


class NoStoreMiddleware:
    """Cache-Control: no-store on everything but a public page seen by an anonymous visitor.

    Staff pages and API answers hold compelled statements and police records (R6.2); a browser's
    disk cache or a shared proxy must never keep them. A view not marked public gets no-store,
    so a new staff page is covered without anyone remembering to; so does every page a signed-in
    user sees (its frame carries the staff navigation), and everything under
    NO_STORE_URL_PREFIXES (the API, the filer's status page and the forms that redisplay it).
    Public pages seen anonymously keep whatever their view set (the complaint form: never_cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(tuple(settings.NO_STORE_URL_PREFIXES))
            or getattr(getattr(request, "user", None), "is_authenticated", False)
            or not _is_public(getattr(request, "resolver_match", None))
        ):
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """Permissions-Policy from settings.PERMISSIONS_POLICY on every response that has none yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.PERMISSIONS_POLICY
        if policy:
            header = ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())
            response.headers.setdefault("Permissions-Policy", header)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except on PDFs.

    Chrome draws an inline PDF inside an <embed> that the page policy's object-src 'none' blocks
    (crbug.com/271452), so the reports and the paper form would not open. A PDF runs none of our
    scripts; X-Frame-Options: DENY and nosniff still apply to it.
    """

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("application/pdf"):
            response._csp_exempt = True
        return super().process_response(request, response)
