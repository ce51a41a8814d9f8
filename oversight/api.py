"""What every endpoint under /api/v1/ shares: one error shape, and a schema that documents it.

Every answer in the 4xx range is JSON of one of two shapes (README, "API"):

- 400: what was wrong, by field name: ``{"reason": ["This field is required."]}``. A rule that
  refuses the request as a whole (the law, the record's state) answers ``{"detail": ["..."]}``;
  so does a body that cannot be parsed.
- any other 4xx: ``{"detail": "..."}`` (403 not signed in or not allowed, 404 no such object or
  path, 413 too large, 415 wrong body type, 429 too many).

``AutoSchema`` adds these answers to every operation where they can happen, so a client, and the
schemathesis run in tests/test_api_schema_fuzz.py, can rely on the schema for every status.
"""

import django_filters
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import page_not_found
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import exceptions, status
from rest_framework.permissions import BasePermission
from rest_framework.views import exception_handler as drf_exception_handler

from oversight.accounts.roles import has_role

API_PREFIX = "/api/"

ERROR_SCHEMA = {
    "type": "object",
    "description": "Why the request was refused, in the caller's language.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": (
        "Messages by field name (query parameter or body field); `detail` holds those about the "
        "request as a whole, such as a rule that refuses it."
    ),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request is too large.")
    default_code = "too_large"


def exception_handler(exc, context):
    """DRF's handler, with every 400 in the field-errors shape and an oversized form body a 413."""
    if isinstance(exc, RequestDataTooBig):
        from oversight.uploads.limits import UploadTooLarge, api_too_large_detail, too_much_text_response

        if not isinstance(exc, UploadTooLarge):
            return too_much_text_response(context["request"])
        exc = RequestTooLarge(api_too_large_detail(exc.size, exc.limit))
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_400_BAD_REQUEST:
        response.data = field_errors(response.data)
    return response


def field_errors(data):
    """A 400 body as {name: [messages]}: a bare list or a single ``detail`` message becomes a list."""
    if isinstance(data, list):
        return {"detail": data}
    if isinstance(data, dict):
        return {name: value if isinstance(value, list) else [value] for name, value in data.items()}
    return {"detail": [data]}


def not_found(request, exception):
    """handler404: under /api/ a path that matches no endpoint (``/api/v1/cases/abc/``) answers in
    the API's shape, not with the HTML page."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return page_not_found(request, exception)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation can give.

    An operation's own ``@extend_schema(responses=...)`` keeps its description for a code; the
    body is always the shared ``Error`` or ``FieldErrors`` component."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in self._error_responses().items():
            responses.setdefault(code, {"description": description})
        error = self._component("Error", ERROR_SCHEMA)
        fields = self._component("FieldErrors", FIELD_ERRORS_SCHEMA)
        for code, entry in responses.items():
            if code.startswith("4"):
                entry["content"] = {"application/json": {"schema": fields if code == "400" else error}}
        return responses

    def _error_responses(self):
        """The error answers this operation can give whatever its view declares."""
        answers = {"403": "Not signed in, or the caller's role may not use this endpoint."}
        has_body = self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None
        if has_body or any(p["in"] == "query" for p in self._get_parameters()):
            answers["400"] = "Messages by field name, or `detail` for the request as a whole."
        if "{" in self.path:
            answers["404"] = "No such object visible to the caller."
        if has_body:
            answers["413"] = "The body is larger than the operation takes; it was not read."
            answers["415"] = "The body is not of a media type the operation takes."
        if getattr(getattr(self.view, "upload_profile", None), "hourly_bytes", None):
            answers["429"] = "This address has sent its hourly budget of uploads; nothing was read."
        return answers

    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        self.registry.register_on_missing(component)
        return component.ref


class HasAllowedRole(BasePermission):
    """The role check is the view's own ``allowed_roles``, so the declared matrix is the enforced one."""

    def has_permission(self, request, view):
        return has_role(request.user, *view.allowed_roles)


class ChoiceFilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that a blank value for a filter with choices is a 400.

    The staff pages share these filtersets, and there a blank choice is the form's "All"; an API
    client that sends ``?status=`` has sent a value the schema does not list (its enum), so it is
    told which parameter to leave out rather than quietly given every row.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            blank = {
                name: [_("Leave this parameter out to mean any value; it may not be blank.")]
                for name, declared in filterset_class.base_filters.items()
                if isinstance(declared, django_filters.ChoiceFilter) and request.query_params.get(name, None) == ""
            }
            if blank:
                raise exceptions.ValidationError(blank)
        return super().filter_queryset(request, queryset, view)
