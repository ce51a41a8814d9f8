"""Every read of sensitive material leaves one row (CJIS 5.4.1.1): who, what, when, from where, outcome.

Views call ``read_log`` once they have fetched what the user may see and built the answer, so an
item the user may not see (a 404) leaves nothing, and a read costs one INSERT, whatever the page
holds. DRF detail endpoints use ``ReadLoggedRetrieveMixin``.
"""

from django.utils import timezone

from oversight.ratelimit import client_address

from .models import SensitiveRead

Kind = SensitiveRead.Kind
Outcome = SensitiveRead.Outcome


def read_log(request, *, kind, obj, case_number="", groups=(), outcome=Outcome.SHOWN):
    """Records that request.user read ``obj`` (of ``kind``, on case ``case_number``) showing ``groups``."""
    return SensitiveRead.objects.create(
        user=request.user,
        kind=kind,
        object_id=obj.pk,
        case_number=case_number or "",
        field_groups=sorted(str(g) for g in groups),
        at=timezone.now(),
        client_address=client_address(request)[:64],
        path=request.path[:300],
        outcome=outcome,
    )


class ReadLoggedRetrieveMixin:
    """For a DRF retrieve view: records the read once the answer is built. ``read_kind`` names it;
    ``read_details(obj)`` returns read_log's ``case_number`` and ``groups``."""

    read_kind = None

    def read_details(self, obj):
        return {}

    def get_object(self):
        self._read_object = super().get_object()
        return self._read_object

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        read_log(request, kind=self.read_kind, obj=self._read_object, **self.read_details(self._read_object))
        return response
