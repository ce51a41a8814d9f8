"""PPB's periodic data submissions (R4.7, 35A.050 [M]): the Board's standards, the periods they owe,
PPB's files checked against them, and who is told when a period falls due or is overdue.

- A standard is recorded by the Director after the Board's vote; a change is a new version, in force
  from the first day of a period of its frequency. A submission keeps the version it was checked against.
- ``data_period_create_due`` (beat, daily) creates each ended period once, with its DATA_SUBMISSION
  clock: due the standard's grace days after the period ends (a last day that is not a business
  day runs to the next). Periods are calendar months, quarters or years, from the version's start.
- Reminders (oversight/calendar/rules.py): three days before, the PPB liaisons; at the breach, the
  Director and the liaisons; then again each week while it stays overdue (OVERDUE_WEEKS reminders,
  rows of the one engine, dropped when the file arrives).
- A file is refused whole or stored whole: any error stores no row and the period stays owed; the
  refusal is kept with its errors (DataSubmissionAttempt) for the Board.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.accounts.alerts import staff_notice_item
from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.rules import batch_memo, register_clock_length, register_reminder_handler
from oversight.history import save_audited, save_audited_many
from oversight.uploads import inspect_upload

from .models import (
    DataStandard,
    DataStandardColumn,
    DataStandardVersion,
    DataSubmission,
    DataSubmissionAttempt,
    DataSubmissionPeriod,
    DataSubmissionRow,
)
from .submissions_csv import parse_submission
from .votes import board_vote_check

Frequency = DataStandardVersion.Frequency
RULE = Deadline.Rule.DATA_SUBMISSION
CSV_TYPES = frozenset({"text/csv", "text/plain", "application/csv"})
DUE_SOON = timedelta(days=7)


class PeriodStatus:
    OWED = "owed"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    RECEIVED = "received"
    CHOICES = (
        (OWED, gettext_lazy("Owed")),
        (DUE_SOON, gettext_lazy("Due soon")),
        (OVERDUE, gettext_lazy("Overdue")),
        (RECEIVED, gettext_lazy("Received")),
    )


# Permissions (the views, the API and the services ask the same questions).


def can_record_data_standard(user):
    """The Board defines a standard by vote; the Director records it."""
    return has_role(user, Role.DIRECTOR)


def can_view_data_submissions(user):
    """Standards, periods, submissions and refused files: the Board and the Director."""
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def can_submit_data(user):
    """PPB's liaisons send PPB's data, and nobody else."""
    return has_role(user, Role.LIAISON) and user.agency == User.Agency.PPB


# Periods: calendar months, quarters and years.


def _first_month(frequency, month):
    return {Frequency.MONTHLY: month, Frequency.QUARTERLY: month - (month - 1) % 3, Frequency.ANNUALLY: 1}[frequency]


def _months(frequency):
    return {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUALLY: 12}[frequency]


def period_bounds(day, frequency):
    """(first day, last day) of the period of ``frequency`` that holds ``day``."""
    start = date(day.year, _first_month(frequency, day.month), 1)
    month = start.month - 1 + _months(frequency)
    following = date(start.year + month // 12, month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def is_period_start(day, frequency):
    return period_bounds(day, frequency)[0] == day


def _clock_start(end_on):
    """The period's last day: the clock's day of commencement (not counted)."""
    return datetime.combine(end_on, time(23, 59), tzinfo=PACIFIC)


def _period_grace(period):
    return period.grace_days


# Selectors.


def data_standard_list():
    """Every standard with its latest version (one query)."""
    latest = DataStandardVersion.objects.filter(standard=OuterRef("pk")).order_by("-number")
    return DataStandard.objects.annotate(
        latest_number=Subquery(latest.values("number")[:1]),
        latest_frequency=Subquery(latest.values("frequency")[:1]),
        latest_in_force_on=Subquery(latest.values("in_force_on")[:1]),
    ).order_by("name", "pk")


def data_version_in_force(standard, *, on):
    """The version of ``standard`` in force on ``on`` (the latest recorded of those started), or None."""
    return (
        DataStandardVersion.objects.filter(standard=standard, in_force_on__lte=on)
        .order_by("-in_force_on", "-number")
        .first()
    )


def data_period_list(*, now=None):
    """Every period with its clock's due time and its status (owed, due soon, overdue, received)."""
    now = now or timezone.now()
    clocks = Deadline.objects.filter(
        about_type=ContentType.objects.get_for_model(DataSubmissionPeriod), about_id=OuterRef("pk"), rule=RULE
    )
    return (
        DataSubmissionPeriod.objects.select_related("standard")
        .annotate(due_at=Subquery(clocks.values("due_at")[:1]))
        .annotate(
            status=Case(
                When(received_at__isnull=False, then=Value(PeriodStatus.RECEIVED)),
                When(due_at__lt=now, then=Value(PeriodStatus.OVERDUE)),
                When(due_at__lte=now + DUE_SOON, then=Value(PeriodStatus.DUE_SOON)),
                default=Value(PeriodStatus.OWED),
                output_field=CharField(),
            )
        )
    )


def data_period_list_visible_to(*, user, now=None):
    """The periods ``user`` may see: all of them for the Board, the Director and PPB's liaisons."""
    if can_view_data_submissions(user) or can_submit_data(user):
        return data_period_list(now=now)
    return DataSubmissionPeriod.objects.none()


def data_submission_current(period):
    return DataSubmission.objects.filter(period=period, is_current=True).first()


def data_submission_list_visible_to(*, user):
    if not can_view_data_submissions(user):
        return DataSubmission.objects.none()
    return DataSubmission.objects.select_related("period__standard", "version", "submitted_by")


# Standards.


def _check_columns(columns):
    errors, names = [], set()
    if not columns:
        errors.append(_("Give at least one column."))
    for column in columns:
        name = column["name"]
        if name in names:
            errors.append(_("The column '%(name)s' is named twice.") % {"name": name})
        names.add(name)
        if column["kind"] == DataStandardColumn.Kind.CHOICE and not column.get("allowed_values"):
            errors.append(_("The column '%(name)s' needs its allowed values.") % {"name": name})
    return errors


def _same_as(version, fields, columns):
    if version is None:
        return False
    mine = [
        {
            **{k: getattr(c, k) for k in ("name", "kind", "is_required", "description")},
            "allowed_values": c.allowed_values,
        }
        for c in version.columns.all()
    ]
    theirs = [{"allowed_values": [], "description": "", "is_required": True, **c} for c in columns]
    return mine == theirs and all(getattr(version, k) == v for k, v in fields.items())


@transaction.atomic
def data_standard_record(
    *, actor, name, frequency, grace_days, in_force_on, columns, reason, standard=None, description="", **vote
):
    """Records a standard the Board adopted (a new one, or a new version of ``standard``) with its
    columns; the same version recorded twice returns the first."""
    if not can_record_data_standard(actor):
        raise PermissionDenied(_("The Director records the data standards the Board adopted."))
    errors, seated = board_vote_check(
        vote_on=vote.get("vote_on"),
        yes=vote.get("votes_yes"),
        no=vote.get("votes_no"),
        abstain=vote.get("votes_abstain"),
    )
    if not is_period_start(in_force_on, frequency):
        errors["in_force_on"] = _("A standard comes into force on the first day of one of its periods.")
    if problems := _check_columns(columns):
        errors["columns"] = problems
    if standard is None and DataStandard.objects.filter(name=name).exists():
        errors["name"] = _("A standard of this name exists: record a new version of it instead.")
    if errors:
        raise ValidationError(errors)
    if standard is None:
        standard = save_audited(DataStandard(name=name), actor=actor, reason=reason)
    standard = DataStandard.objects.select_for_update().get(pk=standard.pk)
    latest = standard.versions.order_by("-number").prefetch_related("columns").first()
    fields = {"description": description, "frequency": frequency, "grace_days": grace_days, "in_force_on": in_force_on}
    if _same_as(latest, fields, columns):
        return latest
    if standard.name != name:
        standard.name = name
        save_audited(standard, actor=actor, reason=reason, update_fields=["name"])
    version = DataStandardVersion(
        standard=standard,
        number=(latest.number + 1) if latest else 1,
        recorded_by=actor,
        seated_members=seated,
        vote_on=vote.get("vote_on"),
        votes_yes=vote.get("votes_yes"),
        votes_no=vote.get("votes_no"),
        votes_abstain=vote.get("votes_abstain"),
        **fields,
    )
    save_audited(version, actor=actor, reason=reason)
    save_audited_many(
        [
            DataStandardColumn(
                version=version,
                order=n,
                name=c["name"],
                kind=c["kind"],
                is_required=c.get("is_required", True),
                description=c.get("description", ""),
                allowed_values=c.get("allowed_values", []),
            )
            for n, c in enumerate(columns, start=1)
        ],
        actor=actor,
        reason=reason,
    )
    return version


# Periods.


def _periods_owed(versions, today):
    """(start, end, version) of every ended period of a standard, from its first version."""
    versions = sorted(versions, key=lambda v: (v.in_force_on, v.number))
    cursor = versions[0].in_force_on
    while True:
        version = [v for v in versions if v.in_force_on <= cursor][-1]
        start, end = cursor, period_bounds(cursor, version.frequency)[1]
        if end >= today:
            return
        yield start, end, version
        cursor = end + timedelta(days=1)


def data_period_create_due(*, now=None):
    """Creates every ended period of every standard that has none yet, each with its clock; running it
    twice, or twice at once, creates nothing twice. Returns the periods created."""
    now = now or timezone.now()
    created = []
    for standard_id in DataStandard.objects.values_list("pk", flat=True):
        created += _standard_periods_create(standard_id, now)
    return created


@transaction.atomic
def _standard_periods_create(standard_id, now):
    # The standard's row lock serialises two sweeps; the unique (standard, start_on) is the last word.
    standard = DataStandard.objects.select_for_update().get(pk=standard_id)
    versions = list(standard.versions.all())
    if not versions:
        return []
    have = set(standard.periods.values_list("start_on", flat=True))
    created = []
    for start, end, version in _periods_owed(versions, timezone.localdate(now)):
        if start in have:
            continue
        period = DataSubmissionPeriod(
            standard=standard, version=version, start_on=start, end_on=end, grace_days=version.grace_days
        )
        save_audited(period, actor=None, reason="Period ended: a submission is owed", db_checks=False)
        from oversight.calendar.services import deadline_start

        deadline_start(
            about=period, rule=RULE, starts_at=_clock_start(end), actor=None, reason="Data submission period ended"
        )
        created.append(period)
    return created


# Submissions.


class DataFileRefused(ValidationError):
    """A file refused whole: ``problems`` ({"where", "message"}, the first few) and ``total``."""

    def __init__(self, problems, total):
        self.problems, self.total = list(problems), total
        super().__init__([p["message"] for p in self.problems])


def _read(upload, period, version, actor, via):
    """The upload's bytes and digest, or DataFileRefused (logged) when it is not a CSV within limits."""
    try:
        _kind, size, digest = inspect_upload(upload, allowed=CSV_TYPES, max_bytes=settings.DATA_SUBMISSION_MAX_BYTES)
    except ValidationError as exc:
        message = exc.messages[0]
        if exc.error_list[0].code == "kind_refused":
            message = _("The file must be a CSV text file; this one is %(type)s.") % exc.error_list[0].params
        problems = [{"where": "file", "message": message}]
        _attempt_log(period=period, version=version, upload=upload, actor=actor, via=via, problems=problems, total=1)
        raise DataFileRefused(problems, 1) from exc
    upload.seek(0)
    return upload.read(), size, digest


def _attempt_log(*, period, version, upload, actor, via, problems, total):
    with transaction.atomic():
        attempt = DataSubmissionAttempt(
            period=period,
            version=version,
            submitted_by=actor,
            submitted_at=timezone.now(),
            via=via,
            file_name=(upload.name or "")[:255],
            file_size=upload.size or 0,
            errors=problems,
            error_count=total,
        )
        return save_audited(attempt, actor=actor, reason="File refused: not stored")


def data_submission_submit(*, period, upload, actor, via=DataSubmission.Via.PORTAL, correction_reason=""):
    """Checks a CSV file against the standard in force and stores all its rows, or none: a refused file
    is logged with its errors and the period stays owed. A second file for a period replaces the
    first as a correction (with a reason); the same file sent twice is stored once."""
    if not can_submit_data(actor):
        raise PermissionDenied(_("PPB's liaisons send PPB's data."))
    current = data_submission_current(period)
    if current and not str(correction_reason or "").strip():
        raise ValidationError(
            {"correction_reason": _("This period's data was received: say why this file corrects it.")}
        )
    version = data_version_in_force(period.standard, on=timezone.localdate()) or period.version
    columns = list(version.columns.all())
    data, size, digest = _read(upload, period, version, actor, via)
    if current and current.sha256 == digest and current.version_id == version.pk:
        return current  # the same file again: a double click or a retried call
    parsed = parse_submission(
        data, columns, max_errors=settings.DATA_SUBMISSION_MAX_ERRORS, max_rows=settings.DATA_SUBMISSION_MAX_ROWS
    )
    if parsed.error_count:
        _attempt_log(
            period=period,
            version=version,
            upload=upload,
            actor=actor,
            via=via,
            problems=parsed.errors,
            total=parsed.error_count,
        )
        raise DataFileRefused(parsed.errors, parsed.error_count)
    return _store(period, version, parsed.rows, actor, via, upload, size, digest, correction_reason)


@transaction.atomic
def _store(period, version, rows, actor, via, upload, size, digest, correction_reason):
    period = DataSubmissionPeriod.objects.select_for_update().get(pk=period.pk)
    current = DataSubmission.objects.select_for_update().filter(period=period, is_current=True).first()
    if current and current.sha256 == digest and current.version_id == version.pk:
        return current  # a double click whose first request committed while this one was checking the file
    if current and not str(correction_reason or "").strip():
        raise ValidationError({"correction_reason": _("This period's data was received meanwhile: say why.")})
    now = timezone.now()
    if current:
        current.is_current = False
        save_audited(
            current, actor=actor, reason=f"Replaced by a correction: {correction_reason}", update_fields=["is_current"]
        )
    submission = DataSubmission(
        period=period,
        version=version,
        submitted_by=actor,
        submitted_at=now,
        via=via,
        file_name=(upload.name or "")[:255],
        file_size=size,
        sha256=digest,
        row_count=len(rows),
        replaces=current,
        correction_reason=str(correction_reason or "").strip() if current else "",
    )
    reason = "Correction received" if current else "Data received"
    save_audited(submission, actor=actor, reason=reason)
    save_audited_many(
        [DataSubmissionRow(submission=submission, number=n, values=values) for n, values in rows],
        actor=actor,
        reason=reason,
    )
    if period.received_at is None:
        period.received_at = now
        save_audited(period, actor=actor, reason="Data received", update_fields=["received_at"])
        _clock_meet(period, actor, now)
    return submission


def _clock_meet(period, actor, now):
    from oversight.calendar.selectors import deadline_for
    from oversight.calendar.services import deadline_meet

    clock = deadline_for(period, RULE)
    if clock is not None:
        deadline_meet(deadline=clock, actor=actor, reason="Data submission received", now=now)


# Who is told (the deadline sweep calls this for each reminder that falls due).


def _people(role):
    def load():
        users = User.objects.filter(groups__name=role, is_active=True)
        if role == Role.LIAISON:
            users = users.filter(agency=User.Agency.PPB)
        return list(users.order_by("pk"))

    return batch_memo(("data-submission", role), load)


def data_submission_notices(deadline, kind):
    """Three days before: the liaisons. At the breach and each week after: the Director and the liaisons."""
    period = deadline.about
    words = {
        "standard": period.standard.name,
        "start": period.start_on.isoformat(),
        "end": period.end_on.isoformat(),
        "due": timezone.localtime(deadline.due_at).date().isoformat(),
        "url": settings.SITE_URL + reverse("governance:data-liaison-upload", args=[period.pk]),
    }
    if kind == "due_in_3_days":
        subject = _("PPB data due %(due)s: %(standard)s") % words
        body = (
            _("PPB's data for %(standard)s, %(start)s to %(end)s, is due on %(due)s (35A.050 M). Upload it at %(url)s.")
            % words
        )
        return [staff_notice_item(user, subject, body) for user in _people(Role.LIAISON)]
    if kind == "breach":
        subject = _("PPB data overdue: %(standard)s, %(start)s to %(end)s") % words
        body = (
            _("PPB's data for %(standard)s, %(start)s to %(end)s, was due on %(due)s and has not been received.")
            % words
        )
    else:
        words["weeks"] = kind.removeprefix("overdue_week_")
        subject = _("PPB data still overdue (%(weeks)s weeks): %(standard)s, %(start)s to %(end)s") % words
        body = (
            _("PPB's data for %(standard)s, %(start)s to %(end)s, was due on %(due)s and is %(weeks)s weeks overdue.")
            % words
        )
    return [staff_notice_item(user, subject, body) for user in [*_people(Role.DIRECTOR), *_people(Role.LIAISON)]]


register_clock_length(RULE, _period_grace)
register_reminder_handler(RULE, data_submission_notices, select_related=("standard",))


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part

    from .submissions_views import director_overdue_data_part, liaison_data_owed_part

    register_my_work_part(Role.LIAISON, 20, liaison_data_owed_part)
    register_my_work_part(Role.DIRECTOR, 50, director_overdue_data_part)


_register_my_work()
