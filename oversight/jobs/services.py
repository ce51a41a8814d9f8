"""Long work with a page that shows its progress (issue 12.5).

``job_start`` logs a queued Job for the person and, after commit, rings the doorbell of the task
that does the work (``task(*args, job_id)``). The task runs inside ``job_tracking``, which marks the
job running, lets the work report progress, and ends it done or failed. A failure is told in words,
never as a traceback: the traceback goes to the log.

Progress updates are conditional updates on the row and skip django-simple-history (like notice
delivery): the history records the job's start and its end, with a reason.
"""

import logging
from contextlib import contextmanager
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from oversight.doorbell import ring
from oversight.history import save_audited

from .models import Job

logger = logging.getLogger(__name__)

QUEUE_DOWN = gettext_noop("The task queue is unavailable. Nothing was done; try again in a few minutes.")
FAILED = gettext_noop(
    "The work could not be finished. Start it again; if it fails again, tell the Office's administrator (job %(job)s)."
)
FORBIDDEN = gettext_noop("You may no longer do this, so nothing was done.")
WORKING = gettext_noop("Working…")
STORAGE = gettext_noop("A file could not be read or written. Try again later.")


@transaction.atomic
def job_start(*, kind, actor, task, args=(), back_url=""):
    """Logs a queued job for ``actor`` and, after commit, queues ``task(*args, job_id)``; a broker that
    cannot be reached fails the job in words at once."""
    job = Job(kind=kind, started_by=actor, back_url=back_url, message=gettext_noop("Waiting for a worker."))
    save_audited(job, actor=actor, reason="Job started")
    transaction.on_commit(partial(_ring, task, job.pk, tuple(args)))
    return job


def _ring(task, job_id, args):
    if not ring(task, *args, job_id):
        job_fail(job_id=job_id, message=QUEUE_DOWN)


def job_progress(*, job_id, done, total=None, message=None, message_args=None):
    """Records progress of a job still under way; a finished job is left as it is. Returns True when recorded."""
    now = timezone.now()
    fields = {"state": Job.State.RUNNING, "done": done, "updated_at": now}
    if total is not None:
        fields["total"] = total
    if message is not None:
        fields["message"], fields["message_args"] = message, message_args or {}
    running = Job.objects.filter(pk=job_id, state__in=(Job.State.QUEUED, Job.State.RUNNING))
    running.filter(started_at__isnull=True).update(started_at=now)
    return running.update(**fields) == 1


def job_finish(*, job_id, message, message_args=None, result_url=""):
    """Ends a job as done with its result; once only."""
    return _end(job_id, Job.State.DONE, message, message_args, result_url, reason="Job done")


def job_fail(*, job_id, message, message_args=None):
    """Ends a job as failed, with what went wrong in words; once only."""
    return _end(job_id, Job.State.FAILED, message, message_args, "", reason="Job failed")


@transaction.atomic
def _end(job_id, state, message, message_args, result_url, *, reason):
    job = Job.objects.select_for_update().get(pk=job_id)
    if job.is_finished:
        return job
    now = timezone.now()
    job.state, job.message, job.message_args = state, message, message_args or {}
    job.result_url, job.finished_at, job.updated_at = result_url, now, now
    job.started_at = job.started_at or now
    if state == Job.State.DONE:
        job.done = job.total = max(job.total, job.done, 1)
    save_audited(job, actor=None, reason=reason)
    return job


def job_actor(job_id):
    """The person who started the job (the history names them), or None for the periodic tasks."""
    if job_id is None:
        return None
    return Job.objects.select_related("started_by").get(pk=job_id).started_by


class JobTracker:
    """What a task reports through; with no job (the periodic tasks) every call does nothing."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.finished = False

    def progress(self, done, total=None, message=None, **message_args):
        if self.job_id is not None:
            job_progress(job_id=self.job_id, done=done, total=total, message=message, message_args=message_args)

    def finish(self, message, result_url="", **message_args):
        if self.job_id is not None:
            job_finish(job_id=self.job_id, message=message, message_args=message_args, result_url=result_url)
        self.finished = True

    def fail(self, message, **message_args):
        if self.job_id is not None:
            job_fail(job_id=self.job_id, message=message, message_args=message_args)
        self.finished = True


@contextmanager
def job_tracking(job_id, *, total=1, message=WORKING):
    """Runs a task's work as job ``job_id`` (or as no job, when None): running on entry, failed in
    words on an exception (which is re-raised for the log and the task's retries), done at the end
    unless the work finished it itself."""
    tracker = JobTracker(job_id)
    tracker.progress(0, total=total, message=message)
    try:
        yield tracker
    except Exception as error:
        if job_id is not None:
            logger.exception("Job %s failed", job_id)
            message, message_args = _in_words(error, job_id)
            tracker.fail(message, **message_args)
        raise
    if not tracker.finished:
        tracker.finish(gettext_noop("Finished."))


def _in_words(error, job_id):
    if isinstance(error, PermissionDenied):
        return FORBIDDEN, {}
    if isinstance(error, ValidationError):  # a rule of the law refused it: its message is for people
        return "%(detail)s", {"detail": " ".join(error.messages)}
    if isinstance(error, OSError):
        return STORAGE, {}
    return FAILED, {"job": job_id}
