"""The Celery task that builds a raw-data release (issue 11 part B), as a job with a progress page."""

from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext_noop

from oversight.jobs.services import job_actor, job_tracking


@shared_task(acks_late=True)
def data_release_build_task(release_id, job_id=None):
    """Builds the release's files, one dataset per step; building a release already built does nothing."""
    from .release_services import data_release_build

    with job_tracking(job_id, total=1) as job:
        release = data_release_build(
            release_id=release_id,
            actor=job_actor(job_id),
            progress=lambda done, total, message, dataset: job.progress(done, total, message, dataset=dataset),
        )
        job.finish(
            gettext_noop("Release %(version)s is built. Check it, then publish it with a changelog."),
            reverse("reports:data-staff"),
            version=release.version,
        )
    return release.pk
