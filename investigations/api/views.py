from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from investigations import services
from investigations.models import RequestedRecord
from investigations.selectors import (
    groups_shown_in_records,
    investigation_list_visible_to,
    records_request_get_for,
    records_request_list_with_records_visible_to,
    requested_record_list_shown_to,
)
from oversight.accounts.roles import OCPA_STAFF, Role
from oversight.api import HasAllowedRole
from oversight.audit.reads import Kind, ReadLoggedRetrieveMixin
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_list_for
from oversight.uploads.limits import RECORDS, takes_uploads

from .serializers import (
    InvestigationSerializer,
    RecordsRequestDetailSerializer,
    RecordsRequestListSerializer,
    RequestedRecordAnswerSerializer,
    RequestedRecordDetailSerializer,
)

RECORDS_REQUEST_READERS = (Role.LIAISON, Role.DIRECTOR, Role.INVESTIGATOR)


class DueDatesMixin:
    """Hands the serializer the ``due_at`` of ``due_rule`` for every row shown, read in one query."""

    permission_classes = [IsAuthenticated, HasAllowedRole]
    due_rule: str

    def get_serializer(self, *args, **kwargs):
        if args:
            rows = args[0] if kwargs.get("many") else [args[0]]
            clocks = deadline_list_for(rows)
            due_at = {pk: d.due_at for pk, found in clocks.items() for d in found if d.rule == self.due_rule}
            kwargs["context"] = {**self.get_serializer_context(), "due_at": due_at}
        return super().get_serializer(*args, **kwargs)


class RecordsRequestListApi(DueDatesMixin, generics.ListAPIView):
    """Records requests the caller may see with their records; a liaison sees only their agency's (R2.6)."""

    allowed_roles = RECORDS_REQUEST_READERS
    serializer_class = RecordsRequestListSerializer
    due_rule = Deadline.Rule.RECORDS_5BD

    def get_queryset(self):
        return records_request_list_with_records_visible_to(user=self.request.user).order_by("-sent_at", "-pk")


class RecordsRequestDetailApi(ReadLoggedRetrieveMixin, DueDatesMixin, generics.RetrieveAPIView):
    allowed_roles = RECORDS_REQUEST_READERS
    serializer_class = RecordsRequestDetailSerializer
    due_rule = Deadline.Rule.RECORDS_5BD
    read_kind = Kind.API_RECORDS_REQUEST

    def read_details(self, records_request):
        groups = groups_shown_in_records(records_request.records.all())  # prefetched with the answers shown
        return {"case_number": records_request.investigation.case.number, "groups": groups}

    def get_queryset(self):
        return records_request_list_with_records_visible_to(user=self.request.user)


@takes_uploads(RECORDS)
class RequestedRecordAnswerApi(APIView):
    """A PPB liaison answers one record: produced with its file, or withheld or redacted with a
    reason and legal justification (R2.6). The service enforces the rules; this replies kindly."""

    allowed_roles = (Role.LIAISON,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": RequestedRecordAnswerSerializer},
        responses={
            201: RequestedRecordDetailSerializer,
            400: OpenApiResponse(
                description="Field errors by field name, or {detail: [messages]} when a rule refuses the answer."
            ),
            403: OpenApiResponse(description="Not a PPB liaison, or not allowed to answer this request."),
            404: OpenApiResponse(description="No such request or record visible to the caller."),
        },
    )
    def post(self, request, pk, record_pk):
        records_request = records_request_get_for(user=request.user, pk=pk)
        record = get_object_or_404(RequestedRecord, pk=record_pk, request=records_request)
        answer = RequestedRecordAnswerSerializer(data=request.data)
        answer.is_valid(raise_exception=True)
        try:
            record = services.requested_record_answer(record=record, actor=request.user, **answer.validated_data)
        except ValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        shown = requested_record_list_shown_to(user=request.user).get(pk=record.pk)
        return Response(RequestedRecordDetailSerializer(shown).data, status=status.HTTP_201_CREATED)


class InvestigationListApi(DueDatesMixin, generics.ListAPIView):
    """Investigations of the cases the caller may see, with the 180-day clock and findings (R2.3, R2.8)."""

    allowed_roles = OCPA_STAFF
    serializer_class = InvestigationSerializer
    due_rule = Deadline.Rule.INVESTIGATION_180D

    def get_queryset(self):
        return investigation_list_visible_to(user=self.request.user).order_by("commenced_at", "pk")


class InvestigationDetailApi(ReadLoggedRetrieveMixin, DueDatesMixin, generics.RetrieveAPIView):
    allowed_roles = OCPA_STAFF
    serializer_class = InvestigationSerializer
    due_rule = Deadline.Rule.INVESTIGATION_180D
    read_kind = Kind.API_INVESTIGATION

    def read_details(self, investigation):
        return {"case_number": investigation.case.number}

    def get_queryset(self):
        return investigation_list_visible_to(user=self.request.user)
