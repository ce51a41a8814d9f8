"""The API of hearings, votes, the tally and results (issue 9.5, 9.6, 9.12), beside the hearing view.

Writes call the same services as the forms, so both enforce the same law and leave the same history.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from discipline import services
from discipline.hearings import hearing_list_for_panel, hearing_schedule, panel_tallies
from discipline.models import Hearing, PanelResult
from discipline.models.panels import NoFindingRule, VoteChoice
from discipline.selectors import panel_get_for
from intake.chief import allegations_for_board
from investigations.models import FindingOutcome
from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

PANEL_READERS = (Role.BOARD, Role.DIRECTOR)
NOT_FOUND = OpenApiResponse(description="No such panel visible to the caller.")
REFUSED = OpenApiResponse(
    description="Field errors by field name, or {detail: [messages]} when a rule refuses the request."
)


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "starts_at", "place", "online_link", "status", "status_reason", "notice_published_at"]
        read_only_fields = fields


class HearingScheduleSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    online_link = serializers.URLField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=100, required=False, default="Hearing scheduled")


class VoteSerializer(serializers.Serializer):
    allegation = serializers.IntegerField(min_value=1)
    finding = serializers.ChoiceField(choices=VoteChoice.choices)


class VoteAnswerSerializer(serializers.Serializer):
    allegation = serializers.IntegerField()
    finding = serializers.ChoiceField(choices=VoteChoice.choices)
    cast_at = serializers.DateTimeField()


class CountSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=FindingOutcome.choices)
    votes = serializers.IntegerField()


class TallySerializer(serializers.Serializer):
    allegation = serializers.IntegerField()
    panel_size = serializers.IntegerField()
    votes_cast = serializers.IntegerField()
    abstained = serializers.IntegerField()
    votes_for_quorum = serializers.IntegerField()
    votes_to_adopt = serializers.IntegerField()
    has_quorum = serializers.BooleanField()
    counts = CountSerializer(many=True)
    adopted = serializers.CharField(help_text="The finding adopted if voting closed now, or blank.")
    plain_words = serializers.CharField()


class ResultSerializer(serializers.ModelSerializer):
    allegation = serializers.IntegerField(source="allegation_id")
    finding = serializers.ChoiceField(choices=FindingOutcome.choices, allow_blank=True)
    no_finding_rule = serializers.ChoiceField(choices=NoFindingRule.choices, allow_blank=True)
    standing_finding = serializers.ChoiceField(choices=FindingOutcome.choices, allow_blank=True)

    class Meta:
        model = PanelResult
        fields = [
            "allegation",
            "finding",
            "votes_for",
            "votes_cast",
            "panel_size",
            "threshold",
            "no_finding_rule",
            "standing_finding",
            "reasons",
        ]
        read_only_fields = fields


class PanelHearingListApi(APIView):
    """A panel's hearings (its members and the Director); the Director schedules one, publishing its notice."""

    allowed_roles = PANEL_READERS
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(responses={200: HearingSerializer(many=True), 404: NOT_FOUND})
    def get(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        return Response(HearingSerializer(hearing_list_for_panel(panel), many=True).data)

    @extend_schema(
        request=HearingScheduleSerializer,
        responses={
            201: HearingSerializer,
            400: REFUSED,
            403: OpenApiResponse(description="Only the Director schedules hearings."),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        data = HearingScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            hearing = hearing_schedule(panel=panel, actor=request.user, **data.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(HearingSerializer(hearing).data, status=status.HTTP_201_CREATED)


class PanelVoteApi(APIView):
    """A seated member casts or changes their own vote on one allegation: a finding, or abstain (R3.4)."""

    allowed_roles = (Role.BOARD,)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(
        request=VoteSerializer,
        responses={
            200: VoteAnswerSerializer,
            400: REFUSED,
            403: OpenApiResponse(description="Not a member of this panel."),
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        data = VoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        allegation = allegations_for_board(panel.case).filter(pk=data.validated_data["allegation"]).first()
        if allegation is None:
            return Response({"allegation": ["No such allegation before this panel."]}, status=400)
        try:
            vote = services.vote_cast(
                panel=panel, allegation=allegation, finding=data.validated_data["finding"], actor=request.user
            )
        except ValidationError as exc:
            return _refused(exc)
        answer = {"allegation": vote.allegation_id, "finding": vote.finding, "cast_at": vote.cast_at}
        return Response(VoteAnswerSerializer(answer).data)


class PanelTallyApi(APIView):
    """The live tally per allegation against the panel's quorum and threshold (members and the Director)."""

    allowed_roles = PANEL_READERS
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(responses={200: TallySerializer(many=True), 404: NOT_FOUND})
    def get(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        rows = [
            {
                "allegation": allegation_id,
                "panel_size": t.size,
                "votes_cast": t.cast,
                "abstained": t.abstained,
                "votes_for_quorum": t.quorum_needed,
                "votes_to_adopt": t.adopt_needed,
                "has_quorum": t.has_quorum,
                "counts": [{"finding": f, "votes": n} for f, n in t.counts],
                "adopted": t.adopted,
                "plain_words": t.plain_words(),
            }
            for allegation_id, t in sorted(panel_tallies(panel).items())
        ]
        return Response(TallySerializer(rows, many=True).data)


class PanelResultListApi(APIView):
    """The panel's result per allegation once voting closed: the finding, or none and what followed."""

    allowed_roles = PANEL_READERS
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(responses={200: ResultSerializer(many=True), 404: NOT_FOUND})
    def get(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        return Response(ResultSerializer(panel.results.order_by("allegation_id"), many=True).data)
