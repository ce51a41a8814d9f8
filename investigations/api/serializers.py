from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.models import Allegation
from investigations.models import Finding, Investigation, RecordsRequest, RequestedRecord

# A liaison answers with one of these; "pending" is only ever the starting state.
ANSWER_OUTCOMES = [c for c in RequestedRecord.Outcome.choices if c[0] != RequestedRecord.Outcome.PENDING]


class DueAtMixin(serializers.Serializer):
    """``due_at`` of the row's clock, read for the whole page in one query by the view."""

    due_at = serializers.SerializerMethodField()

    # Null for a row without a clock (the schema said a date-time: issue 13.7).
    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, obj):
        due_at = self.context.get("due_at", {}).get(obj.pk)
        return serializers.DateTimeField().to_representation(due_at) if due_at else None


class RequestedRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestedRecord
        fields = ["id", "description", "outcome", "answered_at"]


class RequestedRecordDetailSerializer(RequestedRecordSerializer):
    """PPB's answer for one record: null where the caller may not read PPB records (R2.10). Reads the
    ``shown_<field>`` annotations of investigations.selectors.requested_record_list_shown_to."""

    file_name = serializers.CharField(source="shown_file_name", allow_null=True)
    content_type = serializers.CharField(source="shown_content_type", allow_null=True)
    size = serializers.IntegerField(source="shown_size", allow_null=True)
    sha256 = serializers.CharField(source="shown_sha256", allow_null=True)
    reason = serializers.CharField(source="shown_reason", allow_null=True)
    legal_justification = serializers.CharField(source="shown_legal_justification", allow_null=True)

    class Meta(RequestedRecordSerializer.Meta):
        fields = [
            *RequestedRecordSerializer.Meta.fields,
            "file_name",
            "content_type",
            "size",
            "sha256",
            "reason",
            "legal_justification",
        ]


class RecordsRequestListSerializer(DueAtMixin, serializers.ModelSerializer):
    records = RequestedRecordSerializer(many=True, read_only=True)

    class Meta:
        model = RecordsRequest
        fields = ["id", "agency", "status", "records_sought", "sent_at", "due_at", "answered_at", "records"]


class RecordsRequestDetailSerializer(RecordsRequestListSerializer):
    records = RequestedRecordDetailSerializer(many=True, read_only=True)


class RequestedRecordAnswerSerializer(serializers.Serializer):
    """PPB's answer for one record; the service decides which parts each outcome needs (R2.6)."""

    outcome = serializers.ChoiceField(choices=ANSWER_OUTCOMES)
    upload = serializers.FileField(
        required=False, help_text=_("Required when produced, with or without redactions. Checked by its content.")
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    legal_justification = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required when withheld or redacted.")
    )


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["outcome", "rationale", "recorded_at"]


class AllegationFindingSerializer(serializers.ModelSerializer):
    allegation_type = serializers.CharField(source="allegation_type.code")
    finding = serializers.SerializerMethodField()

    class Meta:
        model = Allegation
        fields = ["id", "allegation_type", "finding"]

    @extend_schema_field(FindingSerializer(allow_null=True))
    def get_finding(self, allegation):
        finding = getattr(allegation, "finding", None)
        return FindingSerializer(finding).data if finding else None


class InvestigationSerializer(DueAtMixin, serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number")
    investigator = serializers.CharField(source="investigator.username")
    allegations = AllegationFindingSerializer(source="case.allegations", many=True, read_only=True)

    class Meta:
        model = Investigation
        fields = [
            "id",
            "case_number",
            "investigator",
            "status",
            "commenced_at",
            "completed_at",
            "due_at",
            "allegations",
        ]
