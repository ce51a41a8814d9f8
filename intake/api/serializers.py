from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.models import Allegation, Case, MandatoryCategory
from intake.selectors import case_mandatory_category


class AllegationSerializer(serializers.ModelSerializer):
    allegation_type = serializers.CharField(source="allegation_type.code")
    employee_badge = serializers.CharField(source="employee.badge_number", default=None)

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


class CaseDetailSerializer(CaseListSerializer):
    allegations = AllegationSerializer(many=True, read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "decision_reason",
            "decided_at",
            "closed_at",
            "incident_on",
            "incident_summary",
            "allegations",
        ]


class CaseBoardDetailSerializer(CaseDetailSerializer):
    """What a panel member may read (R3.4): the case and its allegations, not intake's notes."""

    class Meta(CaseDetailSerializer.Meta):
        fields = [f for f in CaseDetailSerializer.Meta.fields if f not in ("decision_reason", "incident_summary")]


class CaseDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Case.Decision.choices)
    reason = serializers.CharField(max_length=4000)
