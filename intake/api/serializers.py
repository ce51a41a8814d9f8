from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.models import Allegation, Case, MandatoryCategory
from intake.selectors import case_mandatory_category, complaint_list_shown_to


class AllegationSerializer(serializers.ModelSerializer):
    allegation_type = serializers.CharField(source="allegation_type.code")
    # Null for an officer not yet identified (the schema said a string: issue 13.7).
    employee_badge = serializers.CharField(source="employee.badge_number", default=None, allow_null=True)

    class Meta:
        model = Allegation
        fields = ["id", "allegation_type", "employee_badge", "description"]


class CaseListSerializer(serializers.ModelSerializer):
    mandatory_category = serializers.SerializerMethodField(
        help_text=_(
            "The category that binds the case to investigation (R1.8): the case's own, or else the one an "
            "allegation type carries; blank for none. The same value the staff queue and case page show."
        )
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "status",
            "origin",
            "received_at",
            "mandatory_category",
            "decision",
            "is_chief_route",
            "incident_group",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=[("", _("None")), *MandatoryCategory.choices]))
    def get_mandatory_category(self, case):
        return case_mandatory_category(case)


class ComplaintContactSerializer(serializers.Serializer):
    """A complaint on the case and its filer's contact details, null where the caller may not read them
    (need-to-know: intake staff, the Director and the assigned investigator)."""

    id = serializers.IntegerField()
    received_at = serializers.DateTimeField()
    contact_name = serializers.CharField(source="shown_contact_name", allow_null=True)
    contact_email = serializers.CharField(source="shown_contact_email", allow_null=True)
    contact_phone = serializers.CharField(source="shown_contact_phone", allow_null=True)
    contact_address = serializers.CharField(source="shown_contact_address", allow_null=True)


class CaseDetailSerializer(CaseListSerializer):
    allegations = AllegationSerializer(many=True, read_only=True)
    complaints = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "decision_reason",
            "decided_at",
            "closed_at",
            "incident_on",
            "incident_summary",
            "allegations",
            "complaints",
        ]

    @extend_schema_field(ComplaintContactSerializer(many=True))
    def get_complaints(self, case):
        request = self.context.get("request")
        if request is None:
            return []  # no caller, no need to know
        rows = complaint_list_shown_to(user=request.user, case=case)
        return ComplaintContactSerializer(rows, many=True).data


class CaseBoardDetailSerializer(CaseDetailSerializer):
    """What a panel member may read (R3.4): the case and its allegations, not intake's notes, and never
    the allegations against the Chief, over whom the Board has no authority (R1.7)."""

    allegations = serializers.SerializerMethodField()

    @extend_schema_field(AllegationSerializer(many=True))
    def get_allegations(self, case):
        rows = [a for a in case.allegations.all() if not a.is_against_chief]  # prefetched by the view
        return AllegationSerializer(rows, many=True).data

    class Meta(CaseDetailSerializer.Meta):
        fields = [f for f in CaseDetailSerializer.Meta.fields if f not in ("decision_reason", "incident_summary")]


class CaseDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Case.Decision.choices)
    reason = serializers.CharField(max_length=4000)
