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
