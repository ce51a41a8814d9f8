from celery import shared_task
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_noop

from oversight.jobs.services import job_actor, job_tracking

from .models import Evidence
from .services import evidence_verify, investigation_report_render


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def evidence_verify_task(evidence_id, job_id=None):
    """Re-checks one item's digest; checking twice only adds a second custody event. With a job (a person
    asked), its page shows the bytes read and the outcome, and the history names that person."""
    with job_tracking(job_id, message=gettext_noop("Reading the file…")) as job:
        evidence = evidence_verify(evidence_id=evidence_id, actor=job_actor(job_id), progress=_bytes_read(job))
        if evidence.is_intact:
            job.finish(
                gettext_noop("The digest matches: the file is unchanged since receipt."), _evidence_url(evidence)
            )
        else:
            job.finish(
                gettext_noop("The digest does NOT match or the file is missing. The Director has been alerted."),
                _evidence_url(evidence),
            )


def _bytes_read(job):
    def report(done, total):
        job.progress(
            done,
            total=total,
            message=gettext_noop("%(read)s of %(size)s read."),
            read=filesizeformat(done),
            size=filesizeformat(total),
        )

    return report


def _evidence_url(evidence):
    from intake.sections import case_section_url

    return case_section_url(evidence.investigation.case, "evidence")


@shared_task
def evidence_verify_all_task():
    """The periodic re-verification (R2.5): one task per item, so one slow file delays no other."""
    for evidence_id in Evidence.objects.values_list("pk", flat=True).iterator():
        evidence_verify_task.delay(evidence_id)


@shared_task(acks_late=True)
def investigation_report_render_task(investigation_id, job_id=None):
    """Renders the investigation report PDF; rendering twice just replaces it. With a job, its page
    shows the rendering and then links to the report."""
    with job_tracking(job_id, message=gettext_noop("Rendering the PDF…")) as job:
        investigation_report_render(investigation_id=investigation_id)
        job.finish(
            gettext_noop("The report is ready."),
            reverse("investigations:investigation-report", kwargs={"pk": investigation_id}),
        )


@shared_task
def investigation_report_render_missing_task():
    """Renders every completed investigation's report that its doorbell missed (broker down at completion);
    on a case about the Chief this is also what sends the Mayor the findings (R1.7)."""
    from datetime import timedelta

    from django.utils import timezone

    from oversight.doorbell import ring

    from .models import Investigation

    waiting = Investigation.objects.filter(
        status=Investigation.Status.COMPLETED,
        report_pdf="",
        completed_at__lt=timezone.now() - timedelta(minutes=5),
    ).values_list("pk", flat=True)
    return [pk for pk in waiting if ring(investigation_report_render_task, pk)]
