from celery import shared_task

from .models import Evidence
from .services import evidence_verify, investigation_report_render


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def evidence_verify_task(evidence_id):
    """Re-checks one item's digest; checking twice only adds a second custody event."""
    evidence_verify(evidence_id=evidence_id)


@shared_task
def evidence_verify_all_task():
    """The periodic re-verification (R2.5): one task per item, so one slow file delays no other."""
    for evidence_id in Evidence.objects.values_list("pk", flat=True).iterator():
        evidence_verify_task.delay(evidence_id)


@shared_task(acks_late=True)
def investigation_report_render_task(investigation_id):
    """Renders the investigation report PDF; rendering twice just replaces it."""
    investigation_report_render(investigation_id=investigation_id)


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
