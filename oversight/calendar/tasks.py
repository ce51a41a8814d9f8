from celery import shared_task
from django.conf import settings

from .services import deadline_sweep


@shared_task(acks_late=True)
def deadline_sweep_task():
    """Sends every reminder that has come due, each exactly once."""
    return deadline_sweep(batch=settings.DEADLINE_SWEEP_BATCH)
