"""The filer's part of the staff case page: details from the public form, files, and messages both ways."""

from django.db.models import Prefetch

from .models import ComplaintAttachment, FilerMessage
from .permissions import can_message_filer, can_work_intake
from .public_forms import FilerMessageForm
from .selectors import complaint_list_shown_to


def complaint_list_with_filer_side(*, case, user):
    """The case's complaints with their files and messages, and the contact details the user may read
    (``shown_contact_*``), in a fixed number of queries. Demographics are never shown here."""
    return complaint_list_shown_to(user=user, case=case).prefetch_related(
        Prefetch("attachments", queryset=ComplaintAttachment.objects.order_by("received_at", "pk")),
        Prefetch("messages", queryset=FilerMessage.objects.select_related("author").order_by("created_at", "pk")),
    )


def filer_section(request, case):
    complaints = list(complaint_list_with_filer_side(case=case, user=request.user))
    if not complaints:
        return None
    may_write = can_message_filer(request.user, case)
    for complaint in complaints:
        complaint.message_form = (
            FilerMessageForm(initial={"complaint": complaint.pk}, auto_id=f"msg{complaint.pk}_%s")
            if may_write
            else None
        )
    return {
        "template": "intake/partials/_filer_section.html",
        "complaints": complaints,
        "case": case,
        "can_reissue_code": can_work_intake(request.user),
    }
