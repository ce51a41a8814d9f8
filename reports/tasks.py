from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext_noop

from oversight.jobs.services import job_actor, job_tracking

from .services import annual_report_render


@shared_task(acks_late=True)
def annual_report_render_task(year, job_id=None):
    """Renders and stores the year's annual report PDF; rendering twice just replaces it. With a job,
    its page shows each step and then links to the PDF."""
    with job_tracking(job_id, total=3) as job:
        document = annual_report_render(
            year=year, actor=job_actor(job_id), progress=lambda done, total, message: job.progress(done, total, message)
        )
        job.finish(
            gettext_noop("The annual report PDF is ready."), reverse("reports:annual-pdf", kwargs={"year": year})
        )
    return document.pk
