"""The API of policy recommendations (R4.1, R6.4; issue 10 part C): the list and detail scoped per role
(a PPB liaison sees only what was sent to PPB), and PPB's answer by its liaison. The answer calls the
same service as the portal's form, so both enforce the same rules and leave the same history."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

from . import recommendations as services
from .models import PolicyRecommendation, RecommendationUpdate
from .recommendations_selectors import recommendation_get_for, recommendation_list_visible_to

READERS = (Role.BOARD, Role.DIRECTOR, Role.LIAISON)


class RecommendationUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecommendationUpdate
        fields = ["id", "stage", "note", "update_on", "recorded_at"]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    due_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When PPB's answer is (or was) due; null before it is sent."
    )
    is_overdue = serializers.SerializerMethodField()
    binds_ppb = serializers.BooleanField(read_only=True, help_text="City Council sided with the Board.")
    updates = RecommendationUpdateSerializer(many=True, read_only=True)

    class Meta:
        model = PolicyRecommendation
        fields = [
            "id",
            "title",
            "text",
            "rationale",
            "origin",
            "subcommittee",
            "sentinel_review",
            "status",
            "vote_on",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "sent_at",
            "response_days",
            "due_at",
            "is_overdue",
            "answer",
            "answer_explanation",
            "answered_at",
            "council_request_vote_on",
            "council_outcome",
            "council_vote_on",
            "council_reference",
            "binds_ppb",
            "implementation",
            "updates",
        ]
        read_only_fields = fields

    def get_is_overdue(self, recommendation) -> bool:
        """Sent, unanswered and past its due time (the sweep's breach)."""
        return bool(recommendation.status == PolicyRecommendation.Status.SENT_TO_PPB and recommendation.breached_at)


def _rows(user):
    return recommendation_list_visible_to(user=user).prefetch_related("updates")


class RecommendationListApi(generics.ListAPIView):
    """Recommendations the caller may see: all for the Board and the Director; for a PPB liaison only
    those sent to PPB (never a draft), newest first."""

    allowed_roles = READERS
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return _rows(self.request.user).order_by("-drafted_at", "-pk")


class RecommendationDetailApi(generics.RetrieveAPIView):
    allowed_roles = READERS
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return _rows(self.request.user)


class RecommendationAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=PolicyRecommendation.Answer.choices)
    explanation = serializers.CharField(max_length=20000)


class RecommendationAnswerApi(APIView):
    """PPB's answer through its liaison: accepted, rejected or modified, with an explanation (R4.1)."""

    allowed_roles = (Role.LIAISON,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=RecommendationAnswerSerializer,
        responses={
            200: RecommendationSerializer,
            400: OpenApiResponse(
                description="Field errors by field name, or {detail: [messages]} when a rule refuses the answer."
            ),
            403: OpenApiResponse(description="Not a PPB liaison."),
            404: OpenApiResponse(description="No such recommendation sent to PPB."),
        },
    )
    def post(self, request, pk):
        recommendation = recommendation_get_for(user=request.user, pk=pk)
        body = RecommendationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.recommendation_answer(actor=request.user, recommendation=recommendation, **body.validated_data)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        shown = _rows(request.user).get(pk=recommendation.pk)
        return Response(RecommendationSerializer(shown).data, status=status.HTTP_200_OK)
