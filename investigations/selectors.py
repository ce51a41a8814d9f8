from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from intake.models import Allegation
from intake.selectors import case_list_visible_to
from oversight.accounts import need_to_know as ntk
from oversight.accounts.roles import Role, has_role

from .models import Finding, Investigation, RecordsRequest, RequestedRecord
from .permissions import can_answer_records_request


def records_request_list_visible_to(*, user):
    """Requests the user may see: a liaison sees only those addressed to their agency."""
    qs = RecordsRequest.objects.select_related("investigation__case", "requested_by")
    if has_role(user, Role.DIRECTOR):
        return qs
    if has_role(user, Role.INVESTIGATOR):
        return qs.filter(investigation__investigator=user)
    if can_answer_records_request(user):
        return qs.filter(agency=user.agency)
    return qs.none()


def investigation_list_for_staff(*, user):
    """Investigations of the cases the user may see, with their case and investigator: the staff
    list's rows, which it pages (no prefetch of every allegation)."""
    qs = Investigation.objects.select_related("case", "investigator")
    # Intake and the Director see every case (intake.selectors._visibility): no need to join them.
    if has_role(user, Role.INTAKE, Role.DIRECTOR):
        return qs
    return qs.filter(case__in=case_list_visible_to(user=user).values("pk"))


def records_request_get_for(*, user, pk):
    request = records_request_list_visible_to(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def investigation_for_case(case):
    return Investigation.objects.select_related("investigator").filter(case=case).first()


def finding_map_for_case(case):
    """{allegation_id: Finding} for a case, in one query."""
    return {f.allegation_id: f for f in Finding.objects.filter(allegation__case=case)}


def investigator_list():
    """Active investigators with their open caseload (``open_cases``), lightest first."""
    from django.db.models import Count, Q

    from oversight.accounts.models import User

    return (
        User.objects.filter(groups__name=Role.INVESTIGATOR, is_active=True)
        .annotate(open_cases=Count("investigations", filter=Q(investigations__status=Investigation.Status.OPEN)))
        .order_by("open_cases", "last_name", "username")
    )


def chief_notice_list_for_liaison(*, user):
    """Notices to the Chief a PPB liaison may acknowledge: the number and date, never the case file."""
    from .models import ChiefNotice

    if not can_answer_records_request(user):
        return ChiefNotice.objects.none()
    # A notice about the Chief went to a designee outside PPB (R1.7): the Chief's own bureau never sees it.
    return (
        ChiefNotice.objects.exclude(case__is_chief_route=True)
        .select_related("case")
        .only("pk", "sent_at", "acknowledged_at", "case__number")
    )


def records_request_list_for_case_page(*, user, investigation):
    """The investigation's requests, newest first, each with ``shown_records``: its records when the user
    may see the request (records_request_list_visible_to), else none, each with PPB's answer
    (``shown_reason``, ``shown_legal_justification``) where the user may read PPB records (R2.10).
    Two queries for any number."""
    shown = requested_record_list_shown_to(
        user=user,
        records=RequestedRecord.objects.filter(request__in=records_request_list_visible_to(user=user).values("pk")),
    )
    return RecordsRequest.objects.filter(investigation=investigation).prefetch_related(
        Prefetch("records", queryset=shown.order_by("pk"), to_attr="shown_records")
    )


def requested_record_list_shown_to(*, user, records=None):
    """Records with ``shown_<field>`` for each part of PPB's answer: NULL where the user may not read
    PPB records (oversight/accounts/need_to_know.py)."""
    records = RequestedRecord.objects.all() if records is None else records
    return ntk.with_shown_fields(records, user, *ntk.PPB_ANSWER)


def records_request_list_with_records_visible_to(*, user):
    """Visible requests with their records (answers as ``shown_<field>``), in a constant number of
    queries for any size."""
    records = requested_record_list_shown_to(user=user).order_by("pk")
    return records_request_list_visible_to(user=user).prefetch_related(Prefetch("records", queryset=records))


def investigation_list_visible_to(*, user):
    """Investigations of the cases the user may see, with each allegation and its finding."""
    allegations = Allegation.objects.select_related("allegation_type", "finding").order_by("pk")
    return (
        Investigation.objects.filter(case__in=case_list_visible_to(user=user))
        .select_related("case", "investigator")
        .prefetch_related(Prefetch("case__allegations", queryset=allegations))
    )


def case_timeline_parts(case, user):
    """The investigation's parts of the case timeline (intake/timeline.py), material the user may not
    see (need-to-know) left out."""
    from .models import ChiefNotice, Evidence, Interview, InvestigationTask, MayorReferral, RequestedRecord, Subpoena

    parts = [
        (_("Notice to the Chief"), ChiefNotice.history.filter(case_id=case.pk)),
        (_("Findings to the Mayor"), MayorReferral.history.filter(case_id=case.pk)),
    ]
    investigation = investigation_for_case(case)
    if investigation is None:
        return parts
    evidence = ntk.visible(investigation.evidence.all(), user).values("pk")
    interviews = ntk.visible(investigation.interviews.all(), user).values("pk")
    requests = RecordsRequest.objects.filter(investigation=investigation).values("pk")
    records = RequestedRecord.objects.filter(request__investigation=investigation).values("pk")
    return parts + [
        (_("Investigation"), Investigation.history.filter(id=investigation.pk)),
        (_("Task"), InvestigationTask.history.filter(investigation_id=investigation.pk)),
        (_("Records request"), RecordsRequest.history.filter(investigation_id=investigation.pk)),
        (_("Requested record"), RequestedRecord.history.filter(request_id__in=requests)),
        (_("Subpoena"), Subpoena.history.filter(record_id__in=records)),
        (_("Evidence"), Evidence.history.filter(id__in=evidence)),
        (_("Interview"), Interview.history.filter(id__in=interviews)),
        (_("Finding"), Finding.history.filter(allegation__case_id=case.pk)),
    ]


def investigation_due_at_for_case(case):
    """When the investigation of a case is due by the 180-day clock (R2.3), for the filer's timeline."""
    from oversight.calendar.models import Deadline
    from oversight.calendar.selectors import deadline_for

    investigation = investigation_for_case(case)
    deadline = deadline_for(investigation, Deadline.Rule.INVESTIGATION_180D) if investigation else None
    return deadline.due_at if deadline else None


def groups_shown_in_records(records):
    """The need-to-know groups a list of records (from requested_record_list_shown_to) showed: PPB records
    when any part of an answer was shown. For the read log; no query."""
    shown = any(getattr(r, f"shown_{field}", None) for r in records for field in ntk.PPB_ANSWER)
    return {ntk.FieldGroup.PPB_RECORDS} if shown else set()
