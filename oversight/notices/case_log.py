"""The notice log of one case (R6.3, issue 12.4): every notice about the case or one of its parts.

A notice points at what it is about through a generic link (the kernel never imports intake), so
each stage registers what on a case a notice can be about: the case and its complaints (intake),
the investigation, its records requests, evidence and clocks (investigations).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Q, Value, When

from oversight.accounts import need_to_know as ntk

from .models import Notice

_SUBJECTS = []


def register_case_notice_subjects(builder):
    """builder(case, user) returns [(queryset of a model's rows on the case, field group or None), ...]. The
    group covers the recipient's name and address on notices about those rows: a filer's e-mail
    address on a notice about their complaint is filer contact (need-to-know)."""
    _SUBJECTS.append(builder)


def _about(rows):
    return Q(about_type=ContentType.objects.get_for_model(rows.model), about_id__in=rows.values("pk"))


def notice_list_for_case(*, case, user):
    """Notices about the case or its parts, newest first, with ``shown_recipient_name`` and
    ``shown_recipient_address``: NULL where the recipient's details are material the user may not read.
    One query, whatever the case holds."""
    about = Q(about_type=ContentType.objects.get_for_model(case), about_id=case.pk)
    hidden = Q(pk__in=[])
    for builder in _SUBJECTS:
        for rows, group in builder(case, user):
            about |= _about(rows)
            if group is not None:
                hidden |= _about(rows) & ~Q(about_id__in=ntk.readable(rows, user, group).values("pk"))
    return (
        Notice.objects.filter(about)
        .select_related("recipient_user")
        .annotate(
            shown_recipient_name=Case(When(hidden, then=Value(None)), default=F("recipient_name")),
            shown_recipient_address=Case(When(hidden, then=Value(None)), default=F("recipient_address")),
        )
        .only(
            "pk",
            "recipient_user__first_name",
            "recipient_user__last_name",
            "recipient_user__username",
            "channel",
            "subject",
            "status",
            "attempts",
            "created_at",
            "sent_at",
        )
        .order_by("-created_at", "-pk")
    )
