"""The API of rules, bylaws, policies and procedures (issue 10 part A): anyone reads what is public (the
Board and the Director also read drafts); the Director records, through the same services as the pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

from . import documents as services
from .documents_selectors import (
    document_get_for_staff,
    document_get_public,
    document_list_for_staff,
    document_list_public,
)
from .models import DocumentDecision, DocumentVersion, GovernanceDocument

REFUSED = OpenApiResponse(description="Field errors by field name, or {detail: [messages]} when a rule refuses it.")
WRITERS = (Role.DIRECTOR,)


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class DocumentDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentDecision
        fields = [
            "kind",
            "decided_on",
            "reference",
            "vote_on",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "seated_members",
        ]
        read_only_fields = fields


class VersionSummarySerializer(serializers.ModelSerializer):
    input_last_day = serializers.DateField(
        read_only=True, allow_null=True, help_text="Last day of the 30 days of input."
    )
    lapses_after = serializers.DateField(
        read_only=True, allow_null=True, help_text="Urgent: in effect through this day."
    )
    is_open_for_input = serializers.BooleanField(read_only=True)

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "number",
            "status",
            "is_urgent",
            "effective_on",
            "ended_on",
            "change_summary",
            "comment_opened_at",
            "is_open_for_input",
            "input_last_day",
            "lapses_after",
        ]
        read_only_fields = fields


class VersionSerializer(VersionSummarySerializer):
    document = serializers.IntegerField(source="document_id", read_only=True)
    decisions = DocumentDecisionSerializer(many=True, read_only=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "document", "text", "decisions"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = GovernanceDocument
        fields = ["id", "kind", "title", "slug", "versions"]
        read_only_fields = fields


def _serialize(view):
    data = DocumentSerializer(view.document).data
    data["versions"] = VersionSummarySerializer(view.versions, many=True).data
    return data


def _is_staff(user):
    return services.can_read_documents(user)


class DocumentListApi(APIView):
    """Every document with its versions (public ones; the Board and the Director also see drafts)."""

    allowed_roles = "public"
    permission_classes = [AllowAny]

    @extend_schema(responses={200: DocumentSerializer(many=True)})
    def get(self, request):
        views = document_list_for_staff() if _is_staff(request.user) else document_list_public()
        return Response([_serialize(view) for view in views])


class DocumentDetailApi(APIView):
    """One document with its versions, newest first."""

    allowed_roles = "public"
    permission_classes = [AllowAny]

    @extend_schema(responses={200: DocumentSerializer})
    def get(self, request, pk):
        if _is_staff(request.user):
            view = document_get_for_staff(pk)
        else:
            view = document_get_public(get_object_or_404(GovernanceDocument, pk=pk).slug)
        return Response(_serialize(view))


def _version_view(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    if _is_staff(request.user):
        view = document_get_for_staff(version.document_id)
    else:
        view = document_get_public(version.document.slug)
    match = next((v for v in view.versions if v.pk == version.pk), None)
    if match is None:
        from django.http import Http404

        raise Http404
    return match


class DocumentVersionDetailApi(APIView):
    """One version with its text and the decisions that adopted or recommended it."""

    allowed_roles = "public"
    permission_classes = [AllowAny]

    @extend_schema(responses={200: VersionSerializer})
    def get(self, request, pk):
        return Response(VersionSerializer(_version_view(request, pk)).data)


class DocumentCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GovernanceDocument.Kind.choices)
    title = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=80, required=False, default="")
    reason = serializers.CharField(max_length=100)


class DocumentCreateApi(APIView):
    """The Director creates a document (its text comes in versions)."""

    allowed_roles = WRITERS
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(request=DocumentCreateSerializer, responses={201: DocumentSerializer, 400: REFUSED})
    def post(self, request):
        body = DocumentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            document = services.document_create(actor=request.user, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(_serialize(document_get_for_staff(document.pk)), status=status.HTTP_201_CREATED)


class DocumentDraftSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200000)
    change_summary = serializers.CharField(max_length=5000, required=False, default="")
    reason = serializers.CharField(max_length=100)


class DocumentVersionDraftApi(APIView):
    """The Director writes the document's draft (a new version, or the draft's new text)."""

    allowed_roles = WRITERS
    permission_classes = [IsAuthenticated, HasAllowedRole]

    @extend_schema(request=DocumentDraftSerializer, responses={201: VersionSerializer, 400: REFUSED})
    def post(self, request, pk):
        document = get_object_or_404(GovernanceDocument, pk=pk)
        body = DocumentDraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            version = services.version_draft(actor=request.user, document=document, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(VersionSerializer(_version_view(request, version.pk)).data, status=status.HTTP_201_CREATED)


class DocumentReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=100)


class DocumentVoteSerializer(DocumentReasonSerializer):
    vote_on = serializers.DateField()
    votes_yes = serializers.IntegerField(min_value=0, max_value=99)
    votes_no = serializers.IntegerField(min_value=0, max_value=99, default=0)
    votes_abstain = serializers.IntegerField(min_value=0, max_value=99, default=0)


class DocumentAdoptSerializer(DocumentVoteSerializer):
    effective_on = serializers.DateField(required=False, allow_null=True, default=None)


class _VersionActionApi(APIView):
    allowed_roles = WRITERS
    permission_classes = [IsAuthenticated, HasAllowedRole]
    body_class = DocumentReasonSerializer
    service = None

    def _act(self, request, pk):
        version = get_object_or_404(DocumentVersion, pk=pk)
        body = self.body_class(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            type(self).service(actor=request.user, version=version, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(VersionSerializer(_version_view(request, pk)).data)


class DocumentVersionOpenApi(_VersionActionApi):
    """Opens a draft for community input: the 30 days start."""

    service = services.version_open_for_comment

    @extend_schema(request=DocumentReasonSerializer, responses={200: VersionSerializer, 400: REFUSED})
    def post(self, request, pk):
        return self._act(request, pk)


class DocumentVersionAdoptApi(_VersionActionApi):
    """Records the Board's adoption after input; refused while the 30 days run, with the days explained."""

    service = services.version_adopt
    body_class = DocumentAdoptSerializer

    @extend_schema(request=DocumentAdoptSerializer, responses={200: VersionSerializer, 400: REFUSED})
    def post(self, request, pk):
        return self._act(request, pk)


class DocumentVersionAdoptUrgentApi(_VersionActionApi):
    """Records the Board's urgent adoption: in effect at once, input opens, it lapses at 90 days."""

    service = services.version_adopt_urgent
    body_class = DocumentVoteSerializer

    @extend_schema(request=DocumentVoteSerializer, responses={200: VersionSerializer, 400: REFUSED})
    def post(self, request, pk):
        return self._act(request, pk)
