from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from intake import services
from intake.filters import CaseQueueFilter
from intake.selectors import case_annotate_category, case_get_for, case_list_visible_to
from oversight.accounts.need_to_know import FieldGroup, groups_shown_on_case
from oversight.accounts.roles import Role, has_role
from oversight.api import ChoiceFilterBackend, HasAllowedRole
from oversight.audit.reads import Kind, ReadLoggedRetrieveMixin

from .serializers import CaseBoardDetailSerializer, CaseDecisionSerializer, CaseDetailSerializer, CaseListSerializer


class IsCaseViewer(BasePermission):
    def has_permission(self, request, view):
        return has_role(request.user, Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)


class CaseListApi(generics.ListAPIView):
    """Cases the caller may see (R6.2), newest first, with the intake queue's filters."""

    permission_classes = [IsCaseViewer]
    serializer_class = CaseListSerializer
    allowed_roles = (Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)
    filter_backends = [ChoiceFilterBackend]
    filterset_class = CaseQueueFilter

    def get_queryset(self):
        return case_annotate_category(case_list_visible_to(user=self.request.user)).order_by("-received_at", "-pk")


class CaseDetailApi(ReadLoggedRetrieveMixin, generics.RetrieveAPIView):
    permission_classes = [IsCaseViewer]
    serializer_class = CaseDetailSerializer
    allowed_roles = (Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)
    read_kind = Kind.API_CASE

    def read_details(self, case):
        groups = groups_shown_on_case(self.request.user, case, (FieldGroup.FILER_CONTACT,))
        return {"case_number": case.number, "groups": groups}

    def get_serializer_class(self):
        user = self.request.user
        if has_role(user, Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR):
            return CaseDetailSerializer
        return CaseBoardDetailSerializer

    def get_queryset(self):
        return case_annotate_category(case_list_visible_to(user=self.request.user)).prefetch_related(
            "allegations__allegation_type", "allegations__employee"
        )


class CaseDecideApi(APIView):
    """Records the case-handling decision (R1.8) through the same service as the staff page."""

    allowed_roles = (Role.INTAKE, Role.DIRECTOR)
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(
        request=CaseDecisionSerializer,
        responses={
            200: CaseDetailSerializer,
            400: OpenApiResponse(
                description="Field errors by field name, or {detail: [messages]} when a rule refuses the decision."
            ),
            403: OpenApiResponse(description="Not intake staff or the Director."),
            404: OpenApiResponse(description="No such case visible to the caller."),
        },
    )
    def post(self, request, pk):
        case = case_get_for(user=request.user, pk=pk)
        decision = CaseDecisionSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        try:
            case = services.case_decide(case=case, actor=request.user, **decision.validated_data)
        except ValidationError as exc:
            return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(CaseDetailSerializer(case, context={"request": request}).data, status=status.HTTP_200_OK)
