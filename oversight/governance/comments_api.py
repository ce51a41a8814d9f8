"""The API of public-comment moderation (issue 10 section 3), for the Director: the queue, publish, withhold.

The public submits comments through the HTML form only (/participate/comment/<key>/<pk>/), which carries
the abuse protections of the complaint form; there is no anonymous API to submit one. Writes call the same
services as the moderation pages, so both leave the same history.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from oversight.accounts.roles import Role
from oversight.api import HasAllowedRole

from .comments import comment_list_for_moderation, comment_publish, comment_withhold, personal_data_redacted
from .models import PublicComment

MODERATORS = (Role.DIRECTOR,)
REFUSED = OpenApiResponse(
    description="Field errors by field name, or {detail: [messages]} when a rule refuses the request."
)


class PublicCommentSerializer(serializers.ModelSerializer):
    proposed_published_body = serializers.SerializerMethodField(
        help_text="The submitted text with e-mail addresses and phone numbers replaced: a start for publishing."
    )
    personal_data_found = serializers.SerializerMethodField(
        help_text="The e-mail addresses and phone numbers found in the submitted text."
    )

    class Meta:
        model = PublicComment
        fields = [
            "id",
            "target_key",
            "object_id",
            "body",
            "published_body",
            "proposed_published_body",
            "personal_data_found",
            "display_name",
            "language",
            "status",
            "reason",
            "moderated_by",
            "moderated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    def _redacted(self, comment):
        with translation.override(comment.language):
            return personal_data_redacted(comment.published_body or comment.body)

    def get_proposed_published_body(self, comment) -> str:
        return self._redacted(comment)[0]

    def get_personal_data_found(self, comment) -> list[str]:
        return self._redacted(comment)[1]


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("key", OpenApiTypes.STR, description="Kind of item (its registered key)."),
            OpenApiParameter("item", OpenApiTypes.INT, description="The item's id."),
            OpenApiParameter("status", OpenApiTypes.STR, enum=PublicComment.Status.values, description="Status."),
        ]
    )
)
class CommentModerationListApi(generics.ListAPIView):
    """Public comments, oldest first, by kind of item, item and status."""

    permission_classes = [IsAuthenticated, HasAllowedRole]
    allowed_roles = MODERATORS
    serializer_class = PublicCommentSerializer

    def get_queryset(self):
        params = self.request.query_params
        item, status_ = params.get("item"), params.get("status")
        # The page's filters ignore what they do not know; a client is told (the schema lists the values).
        errors = {}
        if item is not None and not item.isdigit():
            errors["item"] = [_("Give the item's id, a whole number.")]
        if status_ is not None and status_ not in PublicComment.Status.values:
            errors["status"] = [_("Give one of: %(values)s.") % {"values": ", ".join(PublicComment.Status.values)}]
        if errors:
            raise serializers.ValidationError(errors)
        return comment_list_for_moderation(
            user=self.request.user,
            key=params.get("key", "")[:40],
            object_id=int(item) if item else None,
            status=status_ or "",
        )


def _refused(exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class CommentPublishSerializer(serializers.Serializer):
    published_body = serializers.CharField(help_text="The text to publish, personal data removed.")
    reason = serializers.CharField(max_length=100)


class CommentWithholdSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the comment is withheld (kept; never public).")


class _ModerateApi(APIView):
    permission_classes = [IsAuthenticated, HasAllowedRole]
    allowed_roles = MODERATORS

    def _comment(self, request, pk):
        return get_object_or_404(comment_list_for_moderation(user=request.user), pk=pk)


class CommentPublishApi(_ModerateApi):
    """Publishes the comment with the given text (the submitted text is kept)."""

    @extend_schema(
        request=CommentPublishSerializer,
        responses={200: PublicCommentSerializer, 400: REFUSED, 404: OpenApiResponse(description="No such comment.")},
    )
    def post(self, request, pk):
        comment = self._comment(request, pk)
        body = CommentPublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            comment = comment_publish(actor=request.user, comment=comment, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(PublicCommentSerializer(comment).data)


class CommentWithholdApi(_ModerateApi):
    """Withholds the comment with a reason; nothing of it is published."""

    @extend_schema(
        request=CommentWithholdSerializer,
        responses={200: PublicCommentSerializer, 400: REFUSED, 404: OpenApiResponse(description="No such comment.")},
    )
    def post(self, request, pk):
        comment = self._comment(request, pk)
        body = CommentWithholdSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            comment = comment_withhold(actor=request.user, comment=comment, **body.validated_data)
        except ValidationError as exc:
            return _refused(exc)
        return Response(PublicCommentSerializer(comment).data)
