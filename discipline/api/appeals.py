"""The API of appeals (R3.7), proceedings after the Board and final outcomes (R3.8), beside the staff pages.

Writes call the same services as the forms (discipline/appeals.py, discipline/outcomes.py), so both enforce
the same law and leave the same history.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from discipline import appeals, outcomes
from discipline.models import Appeal, AppealVote, DisciplineDecision, FinalOutcome, PostBoardProceeding
from intake.models import Allegation
from intake.selectors import case_get_for
from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole
from oversight.uploads.limits import RECORDS, takes_uploads

REFUSED = OpenApiResponse(
    description="Field errors by field name, or {detail: [messages]} when a rule refuses the request."
)


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class AppealSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "case",
            "case_number",
            "panel",
            "allegation",
            "decision",
            "appellant",
            "employee",
            "grounds",
            "filed_at",
            "status",
            "refused_reason",
            "appeals_panel",
            "outcome",
            "decision_text",
            "new_finding",
            "new_level",
            "decided_at",
        ]
        read_only_fields = fields


class AppealListApi(generics.ListAPIView):
    """Appeals the caller may see: all for the Director; a Board member's those before their appeals panel."""

    allowed_roles = (Role.DIRECTOR, Role.BOARD)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = AppealSerializer

    def get_queryset(self):
        return appeals.appeal_list_visible_to(user=self.request.user)


class OfficerAppealSerializer(serializers.Serializer):
    allegation = serializers.IntegerField(help_text="The officer's allegation whose result is appealed.")
    concerns = serializers.ChoiceField(choices=[("findings", "findings"), ("discipline", "discipline")])
    grounds = serializers.CharField(max_length=5000)
    reason = serializers.CharField(max_length=100, default="Officer's appeal entered")


class CaseAppealCreateApi(APIView):
    """Staff enter an officer's appeal on the case (R3.7); a late one is recorded as refused with the reason."""

    allowed_roles = (Role.DIRECTOR, Role.INTAKE)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(request=OfficerAppealSerializer, responses={201: AppealSerializer, 400: REFUSED})
    def post(self, request, pk):
        case = case_get_for(user=request.user, pk=pk)
        body = OfficerAppealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        allegation = Allegation.objects.filter(case=case, pk=data["allegation"]).first()
        if allegation is None or allegation.employee_id is None:
            return Response({"allegation": ["No allegation of this case names that officer."]}, status=400)
        try:
            appeal = appeals.appeal_file(
                case=case,
                allegation=allegation,
                concerns=data["concerns"],
                employee=allegation.employee,
                grounds=data["grounds"],
                actor=request.user,
                reason=data["reason"],
            )
        except ValidationError as exc:
            return _refused(exc)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)


class AppealVoteSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Appeal.Outcome.choices)


class AppealVoteResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppealVote
        fields = ["id", "appeal", "outcome", "cast_at"]
        read_only_fields = fields


class AppealVoteApi(APIView):
    """A member of the appeals panel casts or changes their own vote: affirm, modify or reverse."""

    allowed_roles = (Role.BOARD,)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(
        request=AppealVoteSerializer,
        responses={200: AppealVoteResultSerializer, 400: REFUSED, 404: OpenApiResponse(description="Not visible.")},
    )
    def post(self, request, pk):
        appeal = appeals.appeal_get_for(user=request.user, pk=pk)
        body = AppealVoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            vote = appeals.appeal_vote_cast(appeal=appeal, actor=request.user, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(AppealVoteResultSerializer(vote).data, status=status.HTTP_200_OK)


class ProceedingSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="decision.allegation.case.number", read_only=True)

    class Meta:
        model = PostBoardProceeding
        fields = [
            "id",
            "kind",
            "decision",
            "case_number",
            "filed_on",
            "heard_on",
            "decided_on",
            "outcome",
            "resulting_level",
            "document_name",
            "document_sha256",
            "notes",
        ]
        read_only_fields = fields


class ProceedingCreateSerializer(serializers.Serializer):
    decision = serializers.PrimaryKeyRelatedField(queryset=DisciplineDecision.objects.all())
    kind = serializers.ChoiceField(choices=PostBoardProceeding.Kind.choices)
    filed_on = serializers.DateField()
    heard_on = serializers.DateField(required=False, allow_null=True, default=None)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    outcome = serializers.ChoiceField(choices=PostBoardProceeding.Outcome.choices, required=False, default="")
    resulting_level = serializers.ChoiceField(
        choices=DisciplineDecision.Action.choices, required=False, allow_blank=True, default=""
    )
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    document = serializers.FileField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=100, default="Proceeding after the Board recorded")


@takes_uploads(RECORDS)
class ProceedingListApi(generics.ListAPIView):
    """Grievances, Civil Service Board appeals and arbitrations of the Board's discipline (the Director);
    POST records one, with its outcome if known (the final outcome follows)."""

    allowed_roles = (Role.DIRECTOR,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = ProceedingSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return outcomes.proceeding_list_visible_to(user=self.request.user)

    @extend_schema(request=ProceedingCreateSerializer, responses={201: ProceedingSerializer, 400: REFUSED})
    def post(self, request):
        body = ProceedingCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            proceeding = outcomes.proceeding_record(actor=request.user, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(ProceedingSerializer(proceeding).data, status=status.HTTP_201_CREATED)


class FinalOutcomeSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="allegation.case.number", read_only=True)
    is_reduced = serializers.BooleanField(read_only=True, help_text="Discipline ended lighter than the Board's.")

    class Meta:
        model = FinalOutcome
        fields = [
            "id",
            "allegation",
            "case_number",
            "board_finding",
            "final_finding",
            "board_level",
            "final_level",
            "set_by",
            "set_at",
            "is_reduced",
        ]
        read_only_fields = fields


class FinalOutcomeListApi(generics.ListAPIView):
    """Each allegation's final finding and discipline beside the Board's, and what set them (R3.8)."""

    allowed_roles = (Role.DIRECTOR,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = FinalOutcomeSerializer

    def get_queryset(self):
        return outcomes.final_outcome_list_visible_to(user=self.request.user)
