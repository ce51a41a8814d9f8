from rest_framework import serializers

from intake.models import Allegation, Case


class AllegationSerializer(serializers.ModelSerializer):
    allegation_type = serializers.CharField(source="allegation_type.code")
    employee_badge = serializers.CharField(source="employee.badge_number", default=None)

    class Meta:
        model = Allegation
        fields = ["id", "allegation_type", "employee_badge", "description"]


class CaseListSerializer(serializers.ModelSerializer):
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
