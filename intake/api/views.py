from rest_framework import generics
from rest_framework.permissions import BasePermission

from intake.selectors import case_list_visible_to
from oversight.accounts.roles import Role, has_role

from .serializers import CaseDetailSerializer, CaseListSerializer


class IsCaseViewer(BasePermission):
    def has_permission(self, request, view):
        return has_role(request.user, Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)


class CaseListApi(generics.ListAPIView):
    """Cases the caller may see (R6.2), newest first."""

    permission_classes = [IsCaseViewer]
    serializer_class = CaseListSerializer
    allowed_roles = (Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)

    def get_queryset(self):
        return case_list_visible_to(user=self.request.user).order_by("-received_at")


class CaseDetailApi(generics.RetrieveAPIView):
    permission_classes = [IsCaseViewer]
    serializer_class = CaseDetailSerializer
    allowed_roles = (Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD)

    def get_queryset(self):
        return case_list_visible_to(user=self.request.user).prefetch_related(
            "allegations__allegation_type", "allegations__employee"
        )
