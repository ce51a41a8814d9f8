from django.shortcuts import get_object_or_404

from oversight.accounts.roles import Role, has_role

from .models import Job


def job_list_visible_to(*, user):
    """The jobs a user may watch: their own; the Director sees every job."""
    if has_role(user, Role.DIRECTOR):
        return Job.objects.all()
    return Job.objects.filter(started_by=user)


def job_get_for(*, user, pk):
    """One job the user may watch, or 404 (the same answer as for a job that does not exist)."""
    return get_object_or_404(job_list_visible_to(user=user), pk=pk)


def job_status(job):
    """What the status page and its status.json say about a job, in the reader's language."""
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message_text,
        "result_url": job.result_url if job.state == Job.State.DONE else "",
        "finished": job.is_finished,
    }
