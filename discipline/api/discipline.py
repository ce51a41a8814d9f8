"""The API of discipline proposals, their votes, decisions and Loudermill (issue 9.7, 9.8, 9.12).

Writes call the same services as the forms, so both enforce the same law and leave the same history.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from discipline import loudermill as lm
from discipline.guide import (
    decision_get_for,
    decision_list_visible_to,
    discipline_propose,
    proposal_get_for,
    proposal_vote_cast,
)
from discipline.models import (
    DisciplineDecision,
    DisciplineProposal,
    GuideFactor,
    Loudermill,
    MisconductCategory,
    ProposalFactor,
    ProposalVote,
    SanctionLevel,
)
from discipline.selectors import panel_list_visible_to
from intake.chief import AGAINST_CHIEF
from intake.models import Allegation
from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

REFUSED = OpenApiResponse(
    description="Field errors by field name, or {detail: [messages]} when a rule refuses the request."
)
FORBIDDEN = OpenApiResponse(description="Not allowed to take this step.")
MAX_ID = 2**63 - 1  # the largest primary key; beyond it no row exists


def _flat_errors(errors, prefix=""):
    """A serializer's nested errors as {"factors[0].weight": [...]}: the API's one 400 shape (oversight/api.py)."""
    flat = {}
    items = errors.items() if isinstance(errors, dict) else enumerate(errors)
    for key, value in items:
        index = isinstance(key, int) or str(key).isdigit()
        name = f"{prefix}[{key}]" if index else (f"{prefix}.{key}" if prefix else str(key))
        if isinstance(value, dict) or (isinstance(value, list) and not all(isinstance(v, str) for v in value)):
            flat.update(_flat_errors(value, name))
        elif value:
            flat[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return flat


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class FactorFoundSerializer(serializers.Serializer):
    factor = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    weight = serializers.ChoiceField(choices=ProposalFactor.Weight.choices)


class ProposalCreateSerializer(serializers.Serializer):
    allegation = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    category = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    level = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    just_cause = serializers.CharField(max_length=10000)
    reasoning = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    factors = FactorFoundSerializer(many=True, required=False, default=list)


class ProposalFactorSerializer(serializers.ModelSerializer):
    factor = serializers.CharField(source="factor.name")
    kind = serializers.CharField(source="factor.kind")

    class Meta:
        model = ProposalFactor
        fields = ["factor", "kind", "weight"]


class ProposalSerializer(serializers.ModelSerializer):
    allegation = serializers.IntegerField(source="allegation_id")
    panel = serializers.IntegerField(source="panel_id")
    category = serializers.CharField(source="category.name")
    level = serializers.CharField(source="level.name")
    factors = ProposalFactorSerializer(many=True)

    class Meta:
        model = DisciplineProposal
        fields = [
            "id",
            "panel",
            "allegation",
            "category",
            "level",
            "is_corrective",
            "just_cause",
            "reasoning",
            "status",
            "proposed_at",
            "factors",
        ]
        read_only_fields = fields


class ProposalVoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=ProposalVote.Choice.choices)


class ProposalVoteAnswerSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=ProposalVote.Choice.choices)
    proposal_status = serializers.ChoiceField(choices=DisciplineProposal.Status.choices)


class LoudermillSerializer(serializers.ModelSerializer):
    outcome_level = serializers.CharField(source="outcome_level.name", allow_null=True, default=None)

    class Meta:
        model = Loudermill
        fields = [
            "id",
            "representative_name",
            "notice_sent_at",
            "hearing_at",
            "response",
            "responded_at",
            "outcome",
            "outcome_level",
            "outcome_reasoning",
            "decided_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="allegation.case.number")
    allegation = serializers.IntegerField(source="allegation_id")
    category = serializers.CharField(source="category.name", allow_null=True, default=None)
    level = serializers.CharField(source="level.name", allow_null=True, default=None)
    final_level = serializers.CharField(source="final_level.name", allow_null=True, default=None)
    loudermill = serializers.SerializerMethodField()

    class Meta:
        model = DisciplineDecision
        fields = [
            "id",
            "case_number",
            "allegation",
            "category",
            "level",
            "action",
            "is_corrective",
            "rationale",
            "status",
            "final_level",
            "decided_at",
            "final_at",
            "loudermill",
        ]
        read_only_fields = fields

    @extend_schema_field(LoudermillSerializer(allow_null=True))
    def get_loudermill(self, decision):
        try:
            return LoudermillSerializer(decision.loudermill).data
        except Loudermill.DoesNotExist:
            return None


class ProposalCreateApi(APIView):
    """A member of the deciding panel (or the Director) proposes discipline within the guide (R3.5)."""

    allowed_roles = (Role.BOARD, Role.DIRECTOR)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(request=ProposalCreateSerializer, responses={201: ProposalSerializer, 400: REFUSED, 403: FORBIDDEN})
    def post(self, request):
        data = ProposalCreateSerializer(data=request.data)
        if not data.is_valid():
            return Response(_flat_errors(data.errors), status=status.HTTP_400_BAD_REQUEST)
        values = data.validated_data
        panels = panel_list_visible_to(user=request.user).values("case_id")
        # The Board never decides discipline on the Chief (R1.7); a case on none of the caller's panels is unknown.
        allegation = Allegation.objects.exclude(AGAINST_CHIEF).filter(pk=values["allegation"], case__in=panels).first()
        category = MisconductCategory.objects.filter(pk=values["category"]).first()
        level = SanctionLevel.objects.filter(pk=values["level"]).first()
        factors = {f.pk: f for f in GuideFactor.objects.filter(pk__in=[f["factor"] for f in values["factors"]])}
        errors = {
            name: [f"No such {name}."]
            for name, found in (("allegation", allegation), ("category", category), ("level", level))
            if found is None
        }
        if len(factors) != len({f["factor"] for f in values["factors"]}):
            errors["factors"] = ["No such factor."]
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            proposal = discipline_propose(
                allegation=allegation,
                category=category,
                level=level,
                just_cause=values["just_cause"],
                reasoning=values["reasoning"],
                factors=[(factors[f["factor"]], f["weight"]) for f in values["factors"]],
                actor=request.user,
            )
        except ValidationError as exc:
            return _refused(exc)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class ProposalVoteApi(APIView):
    """A member of the panel casts or changes their own vote on an open proposal."""

    allowed_roles = (Role.BOARD,)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(
        request=ProposalVoteSerializer,
        responses={
            200: ProposalVoteAnswerSerializer,
            400: REFUSED,
            403: FORBIDDEN,
            404: OpenApiResponse(description="No such proposal visible to the caller."),
        },
    )
    def post(self, request, pk):
        proposal = proposal_get_for(user=request.user, pk=pk)
        data = ProposalVoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            vote = proposal_vote_cast(proposal=proposal, choice=data.validated_data["choice"], actor=request.user)
        except ValidationError as exc:
            return _refused(exc)
        proposal.refresh_from_db()
        answer = {"proposal": proposal.pk, "choice": vote.choice, "proposal_status": proposal.status}
        return Response(ProposalVoteAnswerSerializer(answer).data)


class DecisionListApi(generics.ListAPIView):
    """Discipline adopted by panels, with its Loudermill: the Director sees all, a member their panels'."""

    allowed_roles = (Role.BOARD, Role.DIRECTOR)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return decision_list_visible_to(user=self.request.user).select_related(
            "loudermill", "loudermill__outcome_level"
        )


class LoudermillNoticeSerializer(serializers.Serializer):
    hearing_at = serializers.DateTimeField()
    representative_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    representative_email = serializers.EmailField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=100, required=False, default="Notice of proposed discipline (Loudermill)")


class LoudermillResponseSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=20000)
    reason = serializers.CharField(max_length=100, required=False, default="Officer's response recorded")


class LoudermillOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Loudermill.Outcome.choices)
    level = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)
    reasoning = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=100, required=False, default="Loudermill outcome recorded")


LOUDERMILL_RESPONSES = {
    200: LoudermillSerializer,
    400: REFUSED,
    403: FORBIDDEN,
    404: OpenApiResponse(description="No such decision visible to the caller."),
}


class _LoudermillStepApi(APIView):
    """One Loudermill step on a decision, recorded by the Director (R3.6)."""

    allowed_roles = (Role.DIRECTOR,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    input_serializer = None

    def post(self, request, pk):
        decision = decision_get_for(user=request.user, pk=pk)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            loudermill = self.step(decision, dict(data.validated_data))
        except ValidationError as exc:
            return _refused(exc)
        return Response(LoudermillSerializer(loudermill).data)

    def _loudermill(self, decision):
        try:
            return decision.loudermill
        except Loudermill.DoesNotExist:
            raise ValidationError(_NOTICE_FIRST) from None


_NOTICE_FIRST = "Send the notice of proposed discipline first."


class LoudermillNoticeApi(_LoudermillStepApi):
    """Notice of proposed discipline to the officer and their union representative, with the hearing date."""

    input_serializer = LoudermillNoticeSerializer

    @extend_schema(request=LoudermillNoticeSerializer, responses=LOUDERMILL_RESPONSES)
    def post(self, request, pk):
        return super().post(request, pk)

    def step(self, decision, values):
        return lm.loudermill_notice_send(decision=decision, actor=self.request.user, **values)


class LoudermillResponseApi(_LoudermillStepApi):
    """The officer's response (text; a document is attached on the staff page)."""

    input_serializer = LoudermillResponseSerializer

    @extend_schema(request=LoudermillResponseSerializer, responses=LOUDERMILL_RESPONSES)
    def post(self, request, pk):
        return super().post(request, pk)

    def step(self, decision, values):
        return lm.loudermill_response_record(loudermill=self._loudermill(decision), actor=self.request.user, **values)


class LoudermillOutcomeApi(_LoudermillStepApi):
    """The outcome after the hearing: imposed as proposed, modified within the guide's bounds, or withdrawn."""

    input_serializer = LoudermillOutcomeSerializer

    @extend_schema(request=LoudermillOutcomeSerializer, responses=LOUDERMILL_RESPONSES)
    def post(self, request, pk):
        return super().post(request, pk)

    def step(self, decision, values):
        level_pk = values.pop("level")
        level = SanctionLevel.objects.filter(pk=level_pk).first() if level_pk else None
        if level_pk and level is None:
            raise ValidationError({"level": "No such level."})
        return lm.loudermill_decide(
            loudermill=self._loudermill(decision), level=level, actor=self.request.user, **values
        )
