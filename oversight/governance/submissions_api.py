"""PPB's data submissions through the API (R4.7, R6.4): the periods PPB owes, and a file for one."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole, field_errors
from oversight.uploads.limits import takes_uploads

from .models import DataSubmission, DataSubmissionPeriod
from .submissions import DataFileRefused, PeriodStatus, data_period_list_visible_to, data_submission_submit
from .submissions_views import DATA_FILE

DATA_READERS = (Role.LIAISON, Role.BOARD, Role.DIRECTOR)


class DataPeriodSerializer(serializers.ModelSerializer):
    standard = serializers.CharField(source="standard.name", read_only=True)
    due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=PeriodStatus.CHOICES, read_only=True)

    class Meta:
        model = DataSubmissionPeriod
        fields = ["id", "standard", "start_on", "end_on", "due_at", "status", "received_at"]
        read_only_fields = fields


class DataSubmissionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A UTF-8 CSV file whose header names the standard's columns.")
    correction_reason = serializers.CharField(
        required=False, allow_blank=True, help_text="Required when the period's data was already received."
    )


class DataSubmissionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = DataSubmission
        fields = ["id", "period", "version", "submitted_at", "file_name", "row_count", "is_current", "replaces"]
        read_only_fields = fields


class DataPeriodListApi(generics.ListAPIView):
    """The periods of PPB's data standards, the owed first by due date, with their status."""

    permission_classes = [IsAuthenticated, HasAllowedRole]
    allowed_roles = DATA_READERS
    serializer_class = DataPeriodSerializer

    def get_queryset(self):
        return data_period_list_visible_to(user=self.request.user).order_by("received_at", "due_at", "pk")


def refused_body(refused):
    """{"detail": [summary], "header": [...], "row_7": [...], "file": [...]}: every error, by where it is."""
    body = {"detail": [f"The file has {refused.total} error(s); none of its rows were stored."]}
    for problem in refused.problems:
        body.setdefault(problem["where"], []).append(problem["message"])
    return body


@takes_uploads(DATA_FILE)
class DataSubmissionCreateApi(APIView):
    """A PPB liaison sends a period's CSV file. All its rows are stored, or none: a 400 lists every
    error (up to the cap, with the total) under "header", "file" or "row_<n>"."""

    allowed_roles = (Role.LIAISON,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DataSubmissionUploadSerializer},
        responses={
            201: DataSubmissionSerializer,
            400: OpenApiResponse(description="Errors by field, or by row of the file (row_<n>), header or file."),
            403: OpenApiResponse(description="Not a PPB liaison."),
            404: OpenApiResponse(description="No such period."),
        },
    )
    def post(self, request, pk):
        period = get_object_or_404(data_period_list_visible_to(user=request.user), pk=pk)
        sent = DataSubmissionUploadSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        try:
            submission = data_submission_submit(
                period=period,
                actor=request.user,
                via=DataSubmission.Via.API,
                upload=sent.validated_data["file"],
                correction_reason=sent.validated_data.get("correction_reason", ""),
            )
        except DataFileRefused as refused:
            return Response(refused_body(refused), status=status.HTTP_400_BAD_REQUEST)
        except ValidationError as exc:
            data = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            return Response(field_errors(data), status=status.HTTP_400_BAD_REQUEST)
        return Response(DataSubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)
