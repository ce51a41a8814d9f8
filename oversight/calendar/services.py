import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.history import history_insert_select, save_audited
from oversight.notices.services import notice_alert_directors, notice_send, notice_send_bulk

from .business_days import PACIFIC
from .models import CityDay, Deadline, DeadlineReminder
from .rules import BREACH, RULES, clock_length, reminder_batch, reminder_notices, subject_related
from .selectors import business_calendar

logger = logging.getLogger(__name__)


def _schedule(deadline, calendar):
    rule = RULES[deadline.rule]
    args = (deadline.starts_at, calendar, settings.DEADLINE_CLOSE_OF_BUSINESS_HOUR)
    if rule.length_from_subject:
        args += (clock_length(deadline),)
    deadline.due_at, deadline.explanation = rule.compute(*args)


def _sync_reminders(deadline):
    already_sent = set(deadline.reminders.filter(sent_at__isnull=False).values_list("kind", flat=True))
    for kind, before in RULES[deadline.rule].reminders:
        if kind not in already_sent:
            DeadlineReminder.objects.update_or_create(
                deadline=deadline, kind=kind, defaults={"fire_at": deadline.due_at - before}
            )


@transaction.atomic
def deadline_start(*, about, rule, starts_at, actor, reason):
    """Starts the clock of ``rule`` on ``about`` once; a second call returns the running clock."""
    ct = ContentType.objects.get_for_model(about)
    existing = Deadline.objects.filter(about_type=ct, about_id=about.pk, rule=rule).first()
    if existing:
        return existing
    deadline = Deadline(about_type=ct, about_id=about.pk, rule=rule, starts_at=starts_at)
    _schedule(deadline, business_calendar())
    save_audited(deadline, actor=actor, reason=reason)
    _sync_reminders(deadline)
    return deadline


@transaction.atomic
def deadline_meet(*, deadline, actor, reason, now=None):
    """Stops a clock as met (late or not); pending reminders are dropped. Idempotent."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.met_at:
        return deadline
    deadline.met_at = now or timezone.now()
    fields = ["met_at"]
    if deadline.met_at > deadline.due_at and deadline.breached_at is None:
        # Met late before any sweep noticed: still a breach, and published counts read it.
        deadline.breached_at = deadline.due_at
        fields.append("breached_at")
    save_audited(deadline, actor=actor, reason=reason, update_fields=fields)
    deadline.reminders.filter(sent_at__isnull=True).delete()
    return deadline


def deadline_sweep(*, now=None, batch=200):
    """Sends every due reminder exactly once, even with two sweeps or workers at once.

    In bulk (issue 14): a batch is claimed with one locking SELECT, its clocks' subjects and
    recipients are read in a few queries, and its notices, history rows and marks are written in a
    few statements. A reminder whose notices cannot be written raises alone; if the batch's writes
    fail, the batch is done again one reminder per savepoint. A reminder that raised is recorded
    with its error and tried again DEADLINE_REMINDER_RETRY_MINUTES x attempts later; after
    DEADLINE_REMINDER_MAX_ATTEMPTS it is given up and the Director is told. It never holds back
    the reminders behind it."""
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            # skip_locked: a parallel sweep takes other rows instead of waiting for these.
            due = list(
                DeadlineReminder.objects.select_for_update(skip_locked=True, of=("self", "deadline"))
                .filter(sent_at__isnull=True, failed_at__isnull=True, fire_at__lte=now, deadline__met_at__isnull=True)
                .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
                .select_related("deadline")
                .order_by("fire_at")[:batch]
            )
            sent += _sweep_batch(due, now)
        if len(due) < batch:
            return sent


def _sweep_batch(due, now):
    """Handles one claimed batch; returns how many reminders it sent."""
    overtaken = _overtaken(due, now)
    skipped = [r for r in due if r.pk in overtaken]
    firing = [r for r in due if r.pk not in overtaken]
    _load_subjects([r.deadline for r in firing])
    planned, failed = _plan(firing)
    try:
        with transaction.atomic():
            _skip_all(skipped, now, overtaken)
            _fire_all(planned, now)
        sent = len(planned)
    except Exception:  # noqa: BLE001 - whichever row broke the batch, each row now runs alone
        logger.exception("Deadline sweep: a batch of %s failed; sending its reminders one by one", len(due))
        sent = _sweep_one_by_one(skipped, [reminder for reminder, _items in planned], now, overtaken)
    for reminder, error in failed:
        _record_failure(reminder, now, error)
    return sent


def _load_subjects(deadlines):
    """Puts each clock's subject (a records request, an investigation) on it, with what its reminder
    handler reads: one query per rule instead of several per reminder."""
    groups = {}
    for deadline in deadlines:
        groups.setdefault((deadline.rule, deadline.about_type_id), []).append(deadline)
    for (rule, type_id), group in groups.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        subjects = model._default_manager.select_related(*subject_related(rule)).in_bulk({d.about_id for d in group})
        for deadline in group:
            if deadline.about_id in subjects:
                deadline.about = subjects[deadline.about_id]


def _plan(reminders):
    """The notices each reminder owes, worked out before anything is written; a reminder whose
    handler raises is set aside with its error and holds back no other."""
    planned, failed = [], []
    with reminder_batch():
        for reminder in reminders:
            try:
                planned.append((reminder, _notice_items(reminder)))
            except Exception as error:  # noqa: BLE001 - any error of one reminder is its own
                failed.append((reminder, error))
    return planned, failed


def _notice_items(reminder):
    deadline = reminder.deadline
    items = []
    for kwargs in reminder_notices(deadline, reminder.kind):
        # The key makes the notice row itself unique: a crash between marking and sending
        # cannot produce a second copy on the next sweep.
        user = kwargs.get("recipient_user")
        who = f"user{user.pk}" if user else kwargs.get("recipient_address") or kwargs["recipient_name"]
        key = f"deadline:{deadline.pk}:{reminder.kind}:{who}"[:120]
        items.append({"actor": None, "about": deadline, "dedupe_key": key, **kwargs})
    return items


def _skip_all(skipped, now, overtaken):
    for reminder in skipped:
        reminder.sent_at, reminder.skipped_reason = now, overtaken[reminder.pk][:200]
    DeadlineReminder.objects.bulk_update(skipped, ["sent_at", "skipped_reason"])


def _fire_all(planned, now):
    """Marks the batch sent, records its breaches (history rows with the reason) and logs its notices."""
    DeadlineReminder.objects.filter(pk__in=[reminder.pk for reminder, _items in planned]).update(sent_at=now)
    breached = {}
    for reminder, _items in planned:
        deadline = reminder.deadline
        reminder.sent_at = now
        if _marks_breach(reminder) and deadline.breached_at is None:
            breached[deadline.pk] = deadline
    for deadline in breached.values():
        deadline.breached_at = deadline.due_at
    # The batch's breaches in one UPDATE, and their history rows (with the reason) in one INSERT.
    Deadline.objects.filter(pk__in=breached, breached_at__isnull=True).update(breached_at=F("due_at"))
    history_insert_select(Deadline, list(breached), reason="Deadline passed without being met", history_type="~")
    notice_send_bulk([item for _reminder, items in planned for item in items])


def _marks_breach(reminder):
    """The breach reminder, or one that fires after it (an escalation while overdue, issue 10 part F):
    when the sweep first sees a clock after both, the breach is overtaken and only the later one fires."""
    return reminder.kind == BREACH or reminder.fire_at > reminder.deadline.due_at


def _sweep_one_by_one(skipped, firing, now, overtaken):
    """The batch again, one savepoint per reminder, from the rows' stored state."""
    sent = 0
    for reminder in skipped:
        reminder.sent_at = None
        _skip(reminder, now, overtaken[reminder.pk])
    for reminder in firing:
        reminder.sent_at = None
        reminder.deadline.refresh_from_db(fields=["breached_at"])  # the bulk attempt set it in memory
        try:
            with transaction.atomic():
                _fire(reminder, now)
        except Exception as error:  # noqa: BLE001 - any error of one reminder is its own
            _record_failure(reminder, now, error)
        else:
            sent += 1
    return sent


def _record_failure(reminder, now, error):
    """Stores what went wrong on the reminder; the last allowed attempt gives it up and tells the Director."""
    logger.exception("Deadline reminder %s failed", reminder.pk)
    reminder.refresh_from_db(fields=["sent_at"])  # the savepoint's rollback undid the marking
    reminder.attempts += 1
    reminder.last_error = f"{type(error).__name__}: {error}"[:2000]
    if reminder.attempts >= settings.DEADLINE_REMINDER_MAX_ATTEMPTS:
        reminder.failed_at, reminder.retry_at = now, None
    else:
        reminder.retry_at = now + timedelta(minutes=settings.DEADLINE_REMINDER_RETRY_MINUTES * reminder.attempts)
    reminder.save(update_fields=["attempts", "last_error", "failed_at", "retry_at"])
    if reminder.failed_at:
        _alert_failed_reminder(reminder)


def _alert_failed_reminder(reminder):
    deadline = reminder.deadline
    subject = _("A deadline reminder could not be sent")
    body = _(
        "The reminder '%(kind)s' of the clock '%(clock)s' (due %(due)s) failed %(attempts)s times "
        "and will not be tried again. The error was: %(error)s"
    ) % {
        "kind": reminder.kind,
        "clock": deadline.get_rule_display(),
        "due": deadline.due_at.astimezone(PACIFIC).strftime("%Y-%m-%d %H:%M"),
        "attempts": reminder.attempts,
        "error": reminder.last_error,
    }
    notice_alert_directors(subject=subject, body=body, about=deadline, dedupe_key=f"reminder-failed:{reminder.pk}")


def _overtaken(due, now):
    """Reminders of this batch that a later reminder of the same clock, also due, makes pointless:
    a clock first seen after "30 days left" and "14 days left" have both passed says only the latest."""
    latest = {}
    rows = DeadlineReminder.objects.filter(deadline_id__in={r.deadline_id for r in due}, fire_at__lte=now)
    for deadline_id, kind, fire_at in rows.values_list("deadline_id", "kind", "fire_at").order_by("fire_at"):
        latest[deadline_id] = (fire_at, kind)
    return {
        r.pk: f"not sent: the later reminder '{latest[r.deadline_id][1]}' was also due when the sweep first saw it"
        for r in due
        if r.fire_at < latest[r.deadline_id][0]
    }


def _skip(reminder, now, reason):
    reminder.sent_at, reminder.skipped_reason = now, reason[:200]
    reminder.save(update_fields=["sent_at", "skipped_reason"])


def _fire(reminder, now):
    deadline = reminder.deadline
    reminder.sent_at = now
    reminder.save(update_fields=["sent_at"])
    if deadline.met_at is not None:  # met while this sweep waited for the lock: nothing to say
        return
    if _marks_breach(reminder) and deadline.breached_at is None:
        deadline.breached_at = deadline.due_at
        save_audited(deadline, actor=None, reason="Deadline passed without being met", update_fields=["breached_at"])
    for item in _notice_items(reminder):
        notice_send(**item)


@transaction.atomic
def city_day_set(*, date, name, kind, actor, reason):
    """Adds or changes a City day, then re-times the open clocks it touches (recorded)."""
    day = CityDay.objects.select_for_update().filter(date=date).first() or CityDay(date=date)
    day.name, day.kind = name, kind
    save_audited(day, actor=actor, reason=reason)
    return day, _recompute_touching(date, actor=actor, reason=f"Calendar changed: {date} {name}")


@transaction.atomic
def city_day_remove(*, day, actor, reason):
    """Removes a City day and re-times the open clocks it touched."""
    day._history_user, day._change_reason = actor, reason
    date = day.date
    day.delete()
    return _recompute_touching(date, actor=actor, reason=f"Calendar changed: {date} removed")


def _recompute_touching(date, *, actor, reason):
    calendar = business_calendar()
    changed = []
    candidates = Deadline.objects.select_for_update().filter(
        met_at__isnull=True, breached_at__isnull=True, starts_at__date__lte=date
    )
    for deadline in candidates:
        old_due = deadline.due_at
        _schedule(deadline, calendar)
        if deadline.due_at != old_due:
            save_audited(deadline, actor=actor, reason=reason, update_fields=["due_at", "explanation"])
            _sync_reminders(deadline)
            changed.append(deadline)
    return changed
