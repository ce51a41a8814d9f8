"""Telling a staff member something through the notice log (R6.3): by e-mail, or in the portal without one."""


def active_directors():
    """Every active Director, in a stable order: who is told of what needs the Office's eye."""
    from django.contrib.auth import get_user_model

    from .roles import Role

    return get_user_model().objects.filter(groups__name=Role.DIRECTOR, is_active=True).order_by("pk")


def staff_notice_item(user, subject, body):
    """One notice to one account holder, as notice_send (or a reminder handler's list) takes it: by
    e-mail when the account has an address, else in the portal. The one place that chooses the channel
    for staff (liaisons, Directors, anyone told of a change)."""
    from oversight.notices.models import Notice

    return {
        "recipient_user": user,
        "recipient_name": str(user),
        "recipient_address": user.email,
        "channel": Notice.Channel.EMAIL if user.email else Notice.Channel.PORTAL,
        "subject": subject,
        "body": body,
    }


def staff_notify(user, *, subject, body, actor=None, about=None):
    """Logs a notice to one account holder (``staff_notice_item``)."""
    from oversight.notices.services import notice_send

    return notice_send(**staff_notice_item(user, subject, body), actor=actor, about=about)
