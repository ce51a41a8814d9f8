"""The Board's roster and the bylaws' numbers in force, read-only (issue 9.1, 9.2), for the Board and the Director."""

from django.db.models import BooleanField, ExpressionWrapper, Value
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

from .models import BoardMembership, Body, TieRule
from .selectors import body_rules_all, memberships_on, trained_condition

BOARD_READERS = (Role.BOARD, Role.DIRECTOR)


class BoardMembershipSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", read_only=True)
    name = serializers.SerializerMethodField()
    is_trained = serializers.BooleanField(read_only=True, help_text="Completed every required training by today.")

    class Meta:
        model = BoardMembership
        fields = ["id", "user", "name", "kind", "term_start_on", "term_end_on", "leadership", "is_trained"]
        read_only_fields = fields

    def get_name(self, membership) -> str:
        return membership.user.get_full_name() or membership.user.username


class BoardMemberListApi(generics.ListAPIView):
    """Members and alternates whose term covers today (Pacific), with leadership and training."""

    permission_classes = [IsAuthenticated, HasAllowedRole]
    allowed_roles = BOARD_READERS
    serializer_class = BoardMembershipSerializer

    def get_queryset(self):
        today = timezone.localdate()
        condition = trained_condition(today, ref="user_id")
        trained = ExpressionWrapper(condition, output_field=BooleanField()) if condition else Value(True)
        return (
            memberships_on(on=today)
            .select_related("user")
            .annotate(is_trained=trained)
            .order_by("kind", "user__last_name", "user__username", "pk")
        )


class BodyRulesSerializer(serializers.Serializer):
    body = serializers.ChoiceField(choices=Body.choices)
    size = serializers.IntegerField()
    quorum = serializers.DecimalField(
        max_digits=5, decimal_places=4, help_text="Share of seated members who must vote."
    )
    threshold = serializers.DecimalField(
        max_digits=5, decimal_places=4, help_text="Share of seated members who must agree."
    )
    tie_rule = serializers.ChoiceField(choices=TieRule.choices)
    appeal_window_days = serializers.IntegerField()
    notice_days = serializers.IntegerField()
    training_required = serializers.BooleanField()
    version_label = serializers.CharField()
    adopted_on = serializers.DateField(allow_null=True)
    plain_words = serializers.CharField()


class BylawsRulesApi(APIView):
    """The bylaws' numbers in force today for every body, with their version and in plain words."""

    permission_classes = [IsAuthenticated, HasAllowedRole]
    allowed_roles = BOARD_READERS

    @extend_schema(
        responses={
            200: BodyRulesSerializer(many=True),
            403: OpenApiResponse(description="Not a Board member or the Director."),
        }
    )
    def get(self, request):
        rows = [
            {
                **{f: getattr(r, f) for f in BodyRulesSerializer().fields if f != "plain_words"},
                "plain_words": r.plain_words(),
            }
            for r in body_rules_all()
        ]
        return Response(BodyRulesSerializer(rows, many=True).data)
