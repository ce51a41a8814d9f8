from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oversight.accounts.roles import Role, role_required

from .selectors import job_get_for, job_status

# Who starts long work: investigators and the Director (reports, evidence), administrators (the
# annual report). Each sees their own jobs; the Director sees every job (selectors.py).
JOB_ROLES = (Role.INVESTIGATOR, Role.DIRECTOR, Role.ADMIN)


def session_untouched(view):
    """The page's script asks every 2 s; that must not keep an idle session alive (CJIS 5.5.5,
    STACK.md): the session is read, never saved, so its idle clock runs on."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.session.save = lambda *a, **k: None  # SESSION_SAVE_EVERY_REQUEST would save it
        return view(request, *args, **kwargs)

    return wrapped


@role_required(*JOB_ROLES)
@require_GET
def job_detail(request, pk):
    """One job's progress and outcome; the page updates itself (static/js/job_status.js)."""
    job = job_get_for(user=request.user, pk=pk)
    return render(request, "jobs/job_detail.html", {"job": job, "status": job_status(job)})


@role_required(*JOB_ROLES)
@require_GET
@session_untouched
def job_status_json(request, pk):
    """The job's state, progress and message, for the page's script."""
    return JsonResponse(job_status(job_get_for(user=request.user, pk=pk)))
