"""The API of panels, seats, conflicts and recusal (issue 9.3, 9.4, 9.12), beside the staff pages.

Writes call the same services as the forms (discipline/seating.py), so both enforce the same law and leave
the same history.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from discipline import seating
from discipline.models import ConflictDeclaration, Panel, PanelSeat
from discipline.selectors import panel_get_for, panel_list_visible_to
from intake.models import Case
from intake.selectors import case_get_for
from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole
from oversight.governance.models import TieRule
from oversight.roster.models import Employee

REFUSED = OpenApiResponse(
    description="Field errors by field name, or {detail: [messages]} when a rule refuses the request."
)


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class SeatSerializer(serializers.ModelSerializer):
    member_name = serializers.SerializerMethodField()
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True, help_text="The seat this one took over.")

    class Meta:
        model = PanelSeat
        fields = [
            "id",
            "member",
            "member_name",
            "is_alternate",
            "status",
            "seated_at",
            "recused_at",
            "reason",
            "replaces",
        ]
        read_only_fields = fields

    def get_member_name(self, seat) -> str:
        return seat.member.get_full_name() or seat.member.username


class PanelRulesSerializer(serializers.Serializer):
    """The bylaws numbers frozen on the panel when it was convened (R3.2), with plain words."""

    size = serializers.IntegerField()
    quorum = serializers.DecimalField(max_digits=5, decimal_places=4, help_text="Share of seated members who vote.")
    threshold = serializers.DecimalField(max_digits=5, decimal_places=4, help_text="Share who must agree.")
    tie_rule = serializers.ChoiceField(choices=TieRule.choices)
    appeal_window_days = serializers.IntegerField()
    notice_days = serializers.IntegerField()
    bylaws_version_label = serializers.CharField()
    bylaws_adopted_on = serializers.DateField(allow_null=True)
    plain_words = serializers.SerializerMethodField()

    def get_plain_words(self, panel) -> str:
        return seating.panel_rules(panel).plain_words(panel.size)


class PanelListSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number")

    class Meta:
        model = Panel
        fields = ["id", "case", "case_number", "kind", "status", "convened_at", "decided_at"]
        read_only_fields = fields


class PanelDetailSerializer(PanelListSerializer):
    rules = serializers.SerializerMethodField()
    seats = SeatSerializer(many=True, read_only=True)
    empty_seats = serializers.SerializerMethodField()

    class Meta(PanelListSerializer.Meta):
        fields = [*PanelListSerializer.Meta.fields, "rules", "seats", "empty_seats"]
        read_only_fields = fields

    @extend_schema_field(PanelRulesSerializer)
    def get_rules(self, panel):
        return PanelRulesSerializer(panel).data

    def get_empty_seats(self, panel) -> int:
        seated = sum(1 for seat in panel.seats.all() if seat.status == PanelSeat.Status.SEATED)
        return max(0, panel.size - seated)


def _panels_with_seats(user):
    seats = PanelSeat.objects.select_related("member").order_by("seated_at", "pk")
    return panel_list_visible_to(user=user).prefetch_related(Prefetch("seats", queryset=seats))


class PanelListApi(generics.ListAPIView):
    """Panels the caller sits on (the Director: every panel), newest first."""

    allowed_roles = (Role.BOARD, Role.DIRECTOR)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = PanelListSerializer

    def get_queryset(self):
        return panel_list_visible_to(user=self.request.user).order_by("-convened_at", "-pk")


class PanelDetailApi(generics.RetrieveAPIView):
    """One panel: its kind, frozen bylaws numbers in plain words, and its seats (recusals with reasons)."""

    allowed_roles = (Role.BOARD, Role.DIRECTOR)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = PanelDetailSerializer

    def get_queryset(self):
        return _panels_with_seats(self.request.user)


class RecusalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class PanelRecusalApi(APIView):
    """The caller recuses from their own seat; their votes are withdrawn and the next alternate sits (R3.3)."""

    allowed_roles = (Role.BOARD,)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(
        request=RecusalSerializer,
        responses={200: SeatSerializer, 400: REFUSED, 404: OpenApiResponse(description="Not seated on this panel.")},
    )
    def post(self, request, pk):
        panel = panel_get_for(user=request.user, pk=pk)
        body = RecusalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            seat = seating.seat_recuse(panel=panel, member=request.user, actor=request.user, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(SeatSerializer(seat).data, status=status.HTTP_200_OK)


class ConflictSerializer(serializers.ModelSerializer):
    employee_badge = serializers.CharField(
        source="employee.badge_number", default=None, allow_null=True, help_text="The officer named, if any."
    )
    case_number = serializers.SerializerMethodField(help_text="The case named, or the case of the complaint named.")

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "kind", "employee_badge", "case_number", "description", "declared_at", "withdrawn_at"]
        read_only_fields = fields

    def get_case_number(self, declaration) -> str | None:
        if declaration.case_id:
            return declaration.case.number
        if declaration.complaint_id:
            return declaration.complaint.case.number
        return None


class ConflictDeclareSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConflictDeclaration.Kind.choices)
    employee_badge = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    case_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, data):
        badge, number = data["employee_badge"].strip(), data["case_number"].strip()
        if bool(badge) == bool(number):
            raise serializers.ValidationError({"detail": ["Give either employee_badge or case_number, not both."]})
        if badge:
            data["employee"] = Employee.objects.filter(badge_number__iexact=badge).first()
            if data["employee"] is None:
                raise serializers.ValidationError({"employee_badge": ["No officer on the roster has that badge."]})
        else:
            data["case"] = Case.objects.filter(number__iexact=number).first()
            if data["case"] is None:
                raise serializers.ValidationError({"case_number": ["No case has that number."]})
        return data


class ConflictListApi(generics.ListAPIView):
    """The caller's own conflict declarations; POST declares one (35A.020 I)."""

    allowed_roles = (Role.BOARD,)
    permission_classes = [IsAuthenticated, HasAllowedRole]
    serializer_class = ConflictSerializer

    def get_queryset(self):
        return seating.conflict_list_for(user=self.request.user)

    @extend_schema(request=ConflictDeclareSerializer, responses={201: ConflictSerializer, 400: REFUSED})
    def post(self, request):
        body = ConflictDeclareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            declaration = seating.conflict_declare(
                actor=request.user,
                kind=data["kind"],
                description=data["description"],
                employee=data.get("employee"),
                case=data.get("case"),
            )
        except ValidationError as exc:
            return _refused(exc)
        return Response(ConflictSerializer(declaration).data, status=status.HTTP_201_CREATED)


class ConveneSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Panel.Kind.choices)
    members = serializers.PrimaryKeyRelatedField(many=True, queryset=get_user_model().objects.all())
    alternates = serializers.PrimaryKeyRelatedField(
        many=True, queryset=get_user_model().objects.all(), required=False, default=list
    )
    reason = serializers.CharField(max_length=100)


class CasePanelConveneApi(APIView):
    """The Director convenes a panel of a kind on the case, from members offered by rotation (issue 9.3)."""

    allowed_roles = (Role.DIRECTOR,)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(request=ConveneSerializer, responses={201: PanelDetailSerializer, 400: REFUSED})
    def post(self, request, pk):
        case = case_get_for(user=request.user, pk=pk)
        body = ConveneSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            panel = seating.panel_convene(case=case, actor=request.user, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        panel = _panels_with_seats(request.user).get(pk=panel.pk)
        return Response(PanelDetailSerializer(panel).data, status=status.HTTP_201_CREATED)
