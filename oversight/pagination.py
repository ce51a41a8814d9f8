"""API paging that refuses what it cannot serve (issue 13)."""

from django.conf import settings
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

# The largest row position PostgreSQL's OFFSET takes (bigint); past the last row is an empty page.
MAX_OFFSET = 2**63 - 1


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """?limit= a whole number from 1 to API_MAX_PAGE_SIZE, ?offset= one from 0; else 400.

    DRF's own class quietly uses the default for a bad value, returns every row for a large one
    and lets a value past bigint reach PostgreSQL (a 500). A 400 names the field in the shape
    of every other field error ({"limit": ["..."]}), so a client never mistakes a cut page for
    the whole list. A blank value counts as not given.
    """

    @property
    def max_limit(self):
        return settings.API_MAX_PAGE_SIZE

    def get_limit(self, request):
        default = min(self.default_limit, self.max_limit)
        return _whole_number(request, self.limit_query_param, default=default, low=1, high=self.max_limit)

    def get_offset(self, request):
        return _whole_number(request, self.offset_query_param, default=0, low=0, high=MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.limit_query_param: (1, self.max_limit), self.offset_query_param: (0, None)}
        for parameter in parameters:
            low, high = bounds.get(parameter["name"], (None, None))
            if low is not None:
                parameter["schema"]["minimum"] = low
            if high is not None:
                parameter["schema"]["maximum"] = high
        return parameters


def _whole_number(request, name, *, default, low, high):
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    field = serializers.IntegerField(min_value=low, max_value=high)
    try:
        return field.run_validation(raw)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from exc
