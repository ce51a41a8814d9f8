"""Intake's parts of the staff home (issue 12.1): the queue by age and channel, and the
reconsiderations waiting for the Director. Registered in apps.py."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.my_work import ROWS_SHOWN, part, row

from .models import Case, Complaint, ReconsiderationRequest
from .sections import case_section_url
from .selectors import case_list_visible_to


def _queue_url(**params):
    return f"{reverse('intake:case-queue')}?{urlencode({'status': Case.Status.RECEIVED, **params})}"


def intake_queue_part(*, user, now):
    """Cases waiting for a case-handling decision, counted by age (the oldest first) and by the
    channel of their first complaint: two queries for any number of cases."""
    queue = case_list_visible_to(user=user).filter(status=Case.Status.RECEIVED)
    two, seven = now - timedelta(days=2), now - timedelta(days=7)
    ages = queue.aggregate(
        n=Count("pk"),
        old=Count("pk", filter=Q(received_at__lt=seven)),
        middle=Count("pk", filter=Q(received_at__lt=two, received_at__gte=seven)),
        new=Count("pk", filter=Q(received_at__gte=two)),
    )
    if not ages["n"]:
        return None
    rows = [
        row(_("Waiting more than 7 days: %(n)s") % {"n": ages["old"]}, _queue_url(age="7")),
        row(_("Waiting 2 to 7 days: %(n)s") % {"n": ages["middle"]}, _queue_url()),
        row(_("Received in the last 2 days: %(n)s") % {"n": ages["new"]}, _queue_url()),
    ]
    first_channel = Complaint.objects.filter(case=OuterRef("pk")).order_by("received_at", "pk").values("channel")[:1]
    by_channel = queue.order_by().annotate(channel=Subquery(first_channel)).values("channel").annotate(n=Count("pk"))
    labels = dict(Complaint.Channel.choices)
    for item in sorted(by_channel, key=lambda item: -item["n"]):
        if item["channel"]:
            label, url = labels.get(item["channel"], item["channel"]), _queue_url(channel=item["channel"])
        else:
            label, url = _("Incident, no complaint"), _queue_url()
        rows.append(row(_("By %(channel)s: %(n)s") % {"channel": label, "n": item["n"]}, url))
    return part(
        _("Intake queue: cases waiting for a decision"),
        rows,
        count=ages["n"],
        late=0,
        more_url=_queue_url(),
        more_label=_("Intake queue"),
    )


def reconsideration_part(*, user, now):
    """Filers' requests to reconsider the decision (R1.9), oldest first, each linked to the case's
    reconsideration section where the Director answers."""
    pending = ReconsiderationRequest.objects.filter(outcome=ReconsiderationRequest.Outcome.PENDING)
    count = pending.count()
    if not count:
        return None
    rows = []
    for request in pending.select_related("case").order_by("requested_at", "pk")[:ROWS_SHOWN]:
        # The reconsideration sits in the case page's "decision" section, where the Director answers.
        url = f"{case_section_url(request.case_id, 'decision')}#reconsideration-h"
        detail = _("Asked on %(day)s") % {"day": timezone.localdate(request.requested_at).isoformat()}
        rows.append(row(_("Reconsideration requested on %(number)s") % {"number": request.case.number}, url, detail))
    return part(_("Reconsiderations waiting for the Director"), rows, count=count, late=0)
