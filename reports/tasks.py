from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext_noop

from oversight.jobs.services import job_actor, job_tracking


def _edition_url(edition):
    return reverse("reports:edition-detail", kwargs={"pk": edition.pk})


def _pdf_url(edition):
    from .selectors import edition_public_pdf_url

    return edition_public_pdf_url(edition) or reverse("reports:edition-pdf", kwargs={"pk": edition.pk})


@shared_task(acks_late=True)
def annual_report_render_task(year, job_id=None):
    """Renders the PDF of the year's annual report (published, else its draft, else a draft built now);
    a draft's PDF is replaced, a published one's kept. With a job, its page shows each step and then
    links to the PDF."""
    from .services import annual_report_render

    with job_tracking(job_id, total=3) as job:
        edition = annual_report_render(
            year=year, actor=job_actor(job_id), progress=lambda done, total, message: job.progress(done, total, message)
        )
        job.finish(gettext_noop("The annual report PDF is ready."), _pdf_url(edition))
    return edition.pk


@shared_task(acks_late=True)
def edition_draft_build_task(kind, year, quarter=None, job_id=None):
    """Builds (or refreshes) the period's draft from the data; the job then links to the draft."""
    from .editions import edition_draft_build

    with job_tracking(job_id, total=2, message=gettext_noop("Counting the period's cases…")) as job:
        edition = edition_draft_build(kind=kind, year=year, quarter=quarter, actor=job_actor(job_id))
        job.finish(gettext_noop("The draft is built from the data."), _edition_url(edition))
    return edition.pk


@shared_task(acks_late=True)
def edition_pdf_render_task(edition_id, job_id=None):
    """Renders and stores an edition's PDF (a draft's is replaced, a published one's kept once stored)."""
    from .editions import edition_pdf_render
    from .models import ReportEdition

    with job_tracking(job_id, total=3) as job:
        edition = edition_pdf_render(
            edition=ReportEdition.objects.get(pk=edition_id),
            actor=job_actor(job_id),
            progress=lambda done, total, message: job.progress(done, total, message),
        )
        job.finish(gettext_noop("The report's PDF is ready."), _pdf_url(edition))
    return edition.pk


@shared_task(acks_late=True)
def edition_schedule_task():
    """Builds the scheduled drafts due today (once) and renders any published PDF not stored yet."""
    from .editions import edition_pdf_missing, edition_pdf_render, edition_schedule_run
    from .models import ReportEdition

    built = edition_schedule_run()
    for pk in edition_pdf_missing():
        edition_pdf_render(edition=ReportEdition.objects.get(pk=pk))
    return [edition.pk for edition in built]


# Celery's autodiscovery reads reports.tasks only: the release build lives in its own module.
from .release_tasks import data_release_build_task  # noqa: E402, F401
