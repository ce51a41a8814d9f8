import hashlib
import uuid
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock, case_transition
from oversight.accounts import need_to_know as ntk
from oversight.accounts.alerts import staff_notify
from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role, has_role
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_meet, deadline_start
from oversight.doorbell import ring
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_send
from oversight.roster.selectors import employee_get_chief
from oversight.uploads import inspect_upload
from oversight.uploads.storage import discarded_on_failure, upload_store

from .mayor import case_status_after_findings, mayor_referral_open, mayor_referral_send
from .models import (
    ChiefNotice,
    CustodyEvent,
    Evidence,
    Finding,
    Investigation,
    InvestigationTask,
    RecordsRequest,
    RequestedRecord,
    Subpoena,
)
from .permissions import (
    can_answer_records_request,
    can_direct,
    can_investigate,
    can_issue_subpoena,
    can_send_chief_notice,
)
from .reminders import directors, liaisons_of


@transaction.atomic
def chief_notice_send(
    *, case, actor, reason="Notice to the Chief before investigation (R2.1)", designee_name="", designee_email=""
):
    """Sends and records the notice to the Chief of Police (or, for a case about the Chief, to the
    designee the Director names) that must precede an investigation (R2.1)."""
    case = case_lock(case)  # read first: who may send depends on whether the case is about the Chief
    if not can_send_chief_notice(actor, case):
        raise PermissionDenied
    existing = ChiefNotice.objects.filter(case=case).first()
    if existing:
        return existing
    if case.status != Case.Status.AWAITING_INVESTIGATION:
        raise RuleViolation(_("The Chief is notified once the case is routed to investigation."))
    chief = employee_get_chief()
    if chief is None:
        raise RuleViolation(_("The roster has no Chief of Police to notify."))
    designee_name, designee_email = designee_name.strip(), designee_email.strip()
    if case.is_chief_route and not designee_name:
        # 35A.050 says "Chief or designee": the Chief is not noticed of an investigation of himself.
        raise RuleViolation(_("This case is about the Chief of Police: name the designee who receives the notice."))
    if not case.is_chief_route:
        designee_name = designee_email = ""
    name, address = (designee_name, designee_email) if designee_name else (str(chief), chief.email)
    notice = notice_send(
        recipient_name=name,
        recipient_address=address,
        channel=Notice.Channel.EMAIL if address else Notice.Channel.POSTAL,
        about=case,
        actor=actor,
        subject=_("Notice of OCPA investigation, case %(number)s") % {"number": case.number},
        body=_(
            "Under Portland City Code 35A.050, the Office of Community-based Police Accountability "
            "gives notice that it will investigate case %(number)s."
        )
        % {"number": case.number},
    )
    return save_audited(
        ChiefNotice(
            case=case,
            recipient=chief,
            designee_name=designee_name,
            designee_email=designee_email,
            notice=notice,
            sent_at=notice.created_at,
            sent_by=actor,
        ),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def investigation_open(*, case, investigator, actor, reason):
    """Opens the investigation and starts its 180-day clock; only after the Chief's notice (R2.1, R2.3)."""
    if not can_direct(actor):
        raise PermissionDenied
    case = case_lock(case)
    existing = Investigation.objects.filter(case=case).first()
    if existing:
        return existing
    if not ChiefNotice.objects.filter(case=case).exists():
        raise RuleViolation(_("An investigation cannot open before the notice to the Chief is recorded (R2.1)."))
    if not has_role(investigator, Role.INVESTIGATOR):
        raise RuleViolation(_("Investigations are assigned to OCPA investigators."))
    now = timezone.now()
    investigation = save_audited(
        Investigation(case=case, investigator=investigator, commenced_at=now), actor=actor, reason=reason
    )
    case_transition(case=case, to=Case.Status.INVESTIGATING, actor=actor, reason=reason)
    deadline_start(
        about=investigation,
        rule=Deadline.Rule.INVESTIGATION_180D,
        starts_at=now,
        actor=actor,
        reason="Investigation commenced (R2.3)",
    )
    return investigation


@transaction.atomic
def records_request_send(*, investigation, records_sought, actor, reason="Records request to PPB (R2.6)"):
    """Sends a written records request to PPB; it falls due five business days later."""
    if not can_investigate(actor, investigation.case):
        raise PermissionDenied
    if investigation.status != Investigation.Status.OPEN:
        raise RuleViolation(_("Records are requested while the investigation is open."))
    from .record_lines import records_listed

    # One record per line, without the number typed before it: the liaison's page numbers them.
    items = records_listed(records_sought)
    if not items:
        raise RuleViolation(_("List at least one record, one per line."))
    now = timezone.now()
    request = save_audited(
        RecordsRequest(investigation=investigation, records_sought=records_sought, sent_at=now, requested_by=actor),
        actor=actor,
        reason=reason,
    )
    for item in items:
        save_audited(RequestedRecord(request=request, description=item), actor=actor, reason=reason)
    deadline = deadline_start(
        about=request,
        rule=Deadline.Rule.RECORDS_5BD,
        starts_at=now,
        actor=actor,
        reason="Records request sent",
    )
    for liaison in liaisons_of(request.agency):
        staff_notify(
            liaison,
            about=request,
            actor=actor,
            subject=_("Records request %(pk)s, due %(due)s")
            % {"pk": request.pk, "due": timezone.localtime(deadline.due_at).date().isoformat()},
            # Numbered as on the liaison's page, so "record 2" means the same record in both.
            body="\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)),
        )
    return request


def requested_record_answer(*, record, outcome, actor, upload=None, reason="", legal_justification=""):
    """PPB's answer for one record (R2.6): produced with its file, or withheld or redacted with
    a written reason and legal justification. The request is answered when every record is."""
    if not ntk.can_write(actor, FieldGroup.PPB_RECORDS, record):
        raise PermissionDenied
    _check_answer(outcome, upload, reason, legal_justification)
    # A repeated answer is refused before its file is read or written; the check under the lock
    # below still decides a race between two answers.
    _refuse_if_answered(RequestedRecord.objects.get(pk=record.pk))
    file_facts, stored = None, []
    if upload is not None:
        # Checked, hashed and stored before the transaction: no slow I/O while rows are locked. The
        # file is deleted again if the transaction does not commit (oversight/uploads/storage.py).
        file_facts = inspect_upload(upload, max_bytes=settings.RECORDS_MAX_UPLOAD_BYTES)
        stored = [upload_store(upload, f"records/{record.request_id}")]
    with discarded_on_failure(stored), transaction.atomic():
        request = RecordsRequest.objects.select_for_update().get(pk=record.request_id)
        record = RequestedRecord.objects.select_for_update().get(pk=record.pk)
        _refuse_if_answered(record)
        record.outcome, record.reason, record.legal_justification = outcome, reason, legal_justification
        record.answered_at, record.answered_by = timezone.now(), actor
        if file_facts:
            record.content_type, record.size, record.sha256 = file_facts
            record.file_name, record.file.name = upload.name[-200:], stored[0]
        save_audited(record, actor=actor, reason=f"PPB answered: {record.get_outcome_display()}")
        _records_request_settle(request, actor=actor, now=record.answered_at)
    return record


def _refuse_if_answered(record):
    if record.outcome != RequestedRecord.Outcome.PENDING:
        raise RuleViolation(_("This record has already been answered."))


def _check_answer(outcome, upload, reason, legal_justification):
    outcomes = RequestedRecord.Outcome
    if outcome not in (outcomes.PRODUCED, outcomes.REDACTED, outcomes.WITHHELD):
        raise RuleViolation(_("Choose produced, produced with redactions, or withheld."))
    if outcome in (outcomes.PRODUCED, outcomes.REDACTED) and upload is None:
        raise RuleViolation(_("Attach the record that is produced."))
    if outcome == outcomes.WITHHELD and upload is not None:
        raise RuleViolation(_("A withheld record has no file."))
    if outcome in (outcomes.REDACTED, outcomes.WITHHELD) and not (reason.strip() and legal_justification.strip()):
        raise RuleViolation(_("A withheld or redacted record needs both the reason and the legal justification."))


def _records_request_settle(request, *, actor, now):
    pending = request.records.filter(outcome=RequestedRecord.Outcome.PENDING).exists()
    to = RecordsRequest.Status.PARTIAL if pending else RecordsRequest.Status.ANSWERED
    if request.status == to:
        return
    request.status = to
    request.answered_at = None if pending else now
    save_audited(
        request,
        actor=actor,
        reason="Records request answered" if not pending else "Partly answered",
        update_fields=["status", "answered_at"],
    )
    deadline = deadline_for(request, Deadline.Rule.RECORDS_5BD)
    if deadline and not pending:
        deadline_meet(deadline=deadline, actor=actor, reason="Every record answered", now=now)


@transaction.atomic
def subpoena_issue(*, record, actor, reason):
    """The Board subpoenas a record PPB withheld or redacted (R2.6, R2.7)."""
    if not can_issue_subpoena(actor):
        raise PermissionDenied
    record = RequestedRecord.objects.select_for_update().get(pk=record.pk)
    if record.outcome not in (RequestedRecord.Outcome.WITHHELD, RequestedRecord.Outcome.REDACTED):
        raise RuleViolation(_("A subpoena is issued for a record PPB withheld or redacted."))
    open_one = record.subpoenas.filter(status__in=[Subpoena.Status.ISSUED, Subpoena.Status.SERVED]).first()
    if open_one:
        return open_one
    return save_audited(Subpoena(record=record, issued_at=timezone.now(), issued_by=actor), actor=actor, reason=reason)


@transaction.atomic
def subpoena_advance(*, subpoena, to, actor, reason):
    """Records service and compliance (or not) of a subpoena, along Subpoena.TRANSITIONS."""
    if not can_issue_subpoena(actor):
        raise PermissionDenied
    subpoena = Subpoena.objects.select_for_update().get(pk=subpoena.pk)
    if subpoena.status == to:
        return subpoena
    if to not in Subpoena.TRANSITIONS[subpoena.status]:
        raise RuleViolation(
            _("A subpoena cannot move from %(a)s to %(b)s.")
            % {"a": subpoena.get_status_display(), "b": Subpoena.Status(to).label}
        )
    subpoena.status = to
    field = "served_at" if to == Subpoena.Status.SERVED else "resolved_at"
    setattr(subpoena, field, timezone.now())
    return save_audited(subpoena, actor=actor, reason=reason, update_fields=["status", field])


@transaction.atomic
def finding_record(*, allegation, outcome, rationale, actor, evidence_relied_on=(), reason="Finding recorded"):
    """Records or revises the finding on one allegation while the investigation is open (R2.8),
    with the rationale and the evidence it rests on."""
    case = case_lock(allegation.case)
    if not can_investigate(actor, case):
        raise PermissionDenied
    if case.status != Case.Status.INVESTIGATING:
        raise RuleViolation(_("Findings are recorded during the investigation."))
    evidence = list(evidence_relied_on)
    if any(item.investigation_id != case.investigation.pk for item in evidence):
        raise RuleViolation(_("A finding relies only on evidence of its own investigation."))
    cited = Evidence.objects.filter(pk__in=[item.pk for item in evidence])
    if ntk.visible(cited, actor).count() != len({item.pk for item in evidence}):
        raise PermissionDenied  # an item the actor may not see is not theirs to cite (R2.11)
    finding = Finding.objects.filter(allegation=allegation).first() or Finding(allegation=allegation)
    unchanged = finding.pk and (finding.outcome, finding.rationale) == (outcome, rationale)
    if unchanged and set(finding.evidence_relied_on.all()) == set(evidence):
        return finding
    finding.outcome, finding.rationale = outcome, rationale
    finding.recorded_by, finding.recorded_at = actor, timezone.now()
    save_audited(finding, actor=actor, reason=reason)
    finding.evidence_relied_on.set(evidence)
    return finding


@transaction.atomic
def investigation_plan_set(*, investigation, plan, actor, reason="Investigative plan updated"):
    """Keeps the investigative plan on the investigation, with its history."""
    if not can_investigate(actor, investigation.case):
        raise PermissionDenied
    investigation = Investigation.objects.select_for_update().get(pk=investigation.pk)
    if investigation.plan == plan:
        return investigation
    investigation.plan = plan
    return save_audited(investigation, actor=actor, reason=reason, update_fields=["plan"])


@transaction.atomic
def investigation_task_add(*, investigation, title, actor, due_on=None, assigned_to=None, reason="Task added"):
    """Adds a task to an open investigation; it may go to the investigator or the Director."""
    if not can_investigate(actor, investigation.case):
        raise PermissionDenied
    investigation = Investigation.objects.select_for_update().get(pk=investigation.pk)
    if investigation.status != Investigation.Status.OPEN:
        raise RuleViolation(_("Tasks can be added only while the investigation is open."))
    if assigned_to is not None and not (
        assigned_to == investigation.investigator or has_role(assigned_to, Role.INVESTIGATOR, Role.DIRECTOR)
    ):
        raise RuleViolation(_("A task goes to OCPA staff working the case."))
    task = InvestigationTask(investigation=investigation, title=title, due_on=due_on, assigned_to=assigned_to)
    return save_audited(task, actor=actor, reason=reason)


@transaction.atomic
def investigation_task_done(*, task, actor, reason="Task done"):
    """Marks a task done once; a second click changes nothing."""
    task = InvestigationTask.objects.select_for_update().select_related("investigation__case").get(pk=task.pk)
    if not can_investigate(actor, task.investigation.case):
        raise PermissionDenied
    if task.done_at:
        return task
    task.done_at, task.done_by = timezone.now(), actor
    return save_audited(task, actor=actor, reason=reason, update_fields=["done_at", "done_by"])


def investigation_report_render(*, investigation_id):
    """Renders the investigation report (factual findings per allegation) to PDF, outside any
    transaction, then stores it. Compelled statements and marked material are not in it: it is read by
    the Board's panel (and, for the Chief, the Mayor), so it holds what a panel member may read."""
    from django.core.files.base import ContentFile

    from oversight.pdf import render_pdf

    investigation = Investigation.objects.select_related("case", "investigator").get(pk=investigation_id)
    allegations = investigation.case.allegations.select_related("allegation_type", "employee", "finding")
    rows = []
    for allegation in allegations:
        finding = getattr(allegation, "finding", None)
        # One PDF for every reader: only what the least entitled of them (the panel) may read.
        relied = ntk.audience_visible(finding.evidence_relied_on.all(), Role.BOARD) if finding else []
        rows.append({"allegation": allegation, "finding": finding, "evidence": list(relied)})
    pdf = render_pdf(
        "investigations/report_pdf.html", {"investigation": investigation, "rows": rows, "rendered_at": timezone.now()}
    )
    name = f"investigation-reports/case-{investigation.case.number}-{uuid.uuid4().hex[:8]}.pdf"
    stored = default_storage.save(name, ContentFile(pdf))  # written before the row lock
    with transaction.atomic():
        investigation = Investigation.objects.select_for_update().get(pk=investigation_id)
        investigation.report_pdf.name = stored
        investigation.report_rendered_at = timezone.now()
        save_audited(
            investigation,
            actor=None,
            reason="Investigation report rendered",
            update_fields=["report_pdf", "report_rendered_at"],
        )
    if investigation.case.is_chief_route:
        mayor_referral_send(case_id=investigation.case_id)
    return investigation


@transaction.atomic
def investigation_complete(*, investigation, actor, reason, late_reason=""):
    """Completes an investigation once every allegation has a finding; stops the 180-day clock."""
    case = case_lock(investigation.case)
    if not can_investigate(actor, case):
        raise PermissionDenied
    investigation = Investigation.objects.select_for_update().get(pk=investigation.pk)
    if investigation.status == Investigation.Status.COMPLETED:
        return investigation
    if case.allegations.filter(finding__isnull=True).exists():
        raise RuleViolation(_("Every allegation needs a finding before the investigation is complete."))
    deadline = deadline_for(investigation, Deadline.Rule.INVESTIGATION_180D)
    now = timezone.now()
    if deadline and now > deadline.due_at and not late_reason.strip():
        # R2.3: the annual report counts the cases that missed 180 days, with the reason.
        raise RuleViolation(_("The 180-day limit has passed: record why the investigation is late."))
    investigation.status, investigation.completed_at = Investigation.Status.COMPLETED, now
    investigation.late_reason = late_reason
    save_audited(investigation, actor=actor, reason=reason, update_fields=["status", "completed_at", "late_reason"])
    case_transition(case=case, to=case_status_after_findings(case), actor=actor, reason=reason)
    if deadline:
        deadline_meet(deadline=deadline, actor=actor, reason="Investigation completed", now=investigation.completed_at)
    if case.is_chief_route:
        # R1.7: the Mayor receives the findings with the report, so the notice waits for the PDF.
        mayor_referral_open(case=case, actor=actor)
    from .tasks import investigation_report_render_task

    # With the broker down the report is rendered by investigation_report_render_missing_task.
    transaction.on_commit(partial(ring, investigation_report_render_task, investigation.pk))
    return investigation


def _custody(evidence, action, actor, note=""):
    CustodyEvent.objects.create(
        evidence=evidence,
        action=action,
        at=timezone.now(),
        note=note[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def evidence_receive(*, investigation, upload, kind, description, actor, reason="Evidence received"):
    """Logs an uploaded item with the SHA-256 digest taken on receipt (R2.5)."""
    if not ntk.can_write(actor, FieldGroup.EVIDENCE, investigation):
        raise PermissionDenied
    content_type, size, digest = inspect_upload(upload, max_bytes=settings.RECORDS_MAX_UPLOAD_BYTES)
    stored = upload_store(upload, f"evidence/{investigation.pk}")
    with discarded_on_failure([stored]), transaction.atomic():
        evidence = Evidence(
            investigation=investigation,
            kind=kind,
            description=description,
            file_name=upload.name[-200:],
            content_type=content_type,
            size=size,
            sha256=digest,
            received_at=timezone.now(),
            received_by=actor,
        )
        evidence.file.name = stored
        save_audited(evidence, actor=actor, reason=reason)
        _custody(evidence, CustodyEvent.Action.RECEIVED, actor, note=f"sha256 {digest}")
    return evidence


@transaction.atomic
def evidence_register_record(*, record, kind, actor, reason="Registered from PPB's records production"):
    """Makes a record PPB produced into evidence, keeping the digest taken when PPB uploaded it."""
    record = (
        RequestedRecord.objects.select_for_update().select_related("request__investigation__case").get(pk=record.pk)
    )
    investigation = record.request.investigation
    if not (
        ntk.can_read(actor, FieldGroup.PPB_RECORDS, record) and ntk.can_write(actor, FieldGroup.EVIDENCE, investigation)
    ):
        raise PermissionDenied
    if not record.file:
        raise RuleViolation(_("Only a produced record with its file can be registered as evidence."))
    existing = Evidence.objects.filter(source_record=record).first()
    if existing:
        return existing
    evidence = Evidence(
        investigation=investigation,
        kind=kind,
        description=record.description[:300],
        file_name=record.file_name,
        content_type=record.content_type,
        size=record.size,
        sha256=record.sha256,
        source_record=record,
        received_at=timezone.now(),
        received_by=actor,
    )
    evidence.file.name = record.file.name
    save_audited(evidence, actor=actor, reason=reason)
    _custody(evidence, CustodyEvent.Action.RECEIVED, actor, note=f"from records request {record.request_id}")
    return evidence


def evidence_verify(*, evidence_id, actor=None, progress=None):
    """Recomputes the digest and records the outcome; a mismatch or a lost file alerts the Director.
    ``progress(bytes_read, size)`` is told as the file is read (about every 64 MiB), for a job's page."""
    evidence = Evidence.objects.select_related("investigation__case").get(pk=evidence_id)
    if actor is not None and not ntk.can_write(actor, FieldGroup.EVIDENCE, evidence):
        raise PermissionDenied  # the periodic task runs with no actor
    digest, read = hashlib.sha256(), 0
    try:
        with evidence.file.open("rb") as handle:  # read outside any transaction: files can be large
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
                read += len(chunk)
                if progress and read % (64 * 1024 * 1024) < len(chunk):
                    progress(read, evidence.size)
        actual = digest.hexdigest()
    except FileNotFoundError:
        actual = None
    intact = actual == evidence.sha256
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().get(pk=evidence_id)
        evidence.is_intact, evidence.last_verified_at = intact, timezone.now()
        save_audited(
            evidence,
            actor=actor,
            reason="Digest verified" if intact else "Digest check FAILED",
            update_fields=["is_intact", "last_verified_at"],
        )
        if intact:
            _custody(evidence, CustodyEvent.Action.VERIFIED, actor)
            return evidence
        action = CustodyEvent.Action.MISSING if actual is None else CustodyEvent.Action.MISMATCH
        _custody(evidence, action, actor, note=f"expected {evidence.sha256}, found {actual or 'no file'}")
        _alert_directors_of_tampering(evidence, action)
    return evidence


def _alert_directors_of_tampering(evidence, action):
    number = evidence.investigation.case.number
    what = "is missing" if action == CustodyEvent.Action.MISSING else "no longer matches the digest taken on receipt"
    for director in directors():
        staff_notify(
            director,
            about=evidence,
            actor=None,
            subject=f"Case {number}: evidence integrity check failed",
            body=f"Evidence {evidence.pk} ({evidence.description}) in case {number} {what} (R2.5).",
        )


@transaction.atomic
def evidence_log_download(*, evidence, actor):
    """Every download is a link in the chain of custody: by a reader of the item, or of PPB's record it
    came from (a liaison downloading their own production)."""
    record = evidence.source_record if evidence.source_record_id else None
    if not (
        ntk.can_read(actor, FieldGroup.EVIDENCE, evidence)
        or (record is not None and ntk.can_read(actor, FieldGroup.PPB_RECORDS, record))
    ):
        raise PermissionDenied
    _custody(evidence, CustodyEvent.Action.DOWNLOADED, actor)


@transaction.atomic
def chief_notice_acknowledge(*, chief_notice, actor):
    """A PPB liaison acknowledges the notice to the Chief on the Chief's behalf."""
    if not can_answer_records_request(actor):
        raise PermissionDenied
    chief_notice = ChiefNotice.objects.select_for_update().select_related("case").get(pk=chief_notice.pk)
    if chief_notice.case.is_chief_route:
        raise PermissionDenied  # sent to the Director's designee, not to PPB
    if chief_notice.acknowledged_at:
        return chief_notice
    chief_notice.acknowledged_at, chief_notice.acknowledged_by = timezone.now(), actor
    return save_audited(
        chief_notice, actor=actor, reason="Acknowledged by PPB", update_fields=["acknowledged_at", "acknowledged_by"]
    )
