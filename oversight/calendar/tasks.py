from celery import shared_task

from .services import deadline_sweep


@shared_task(acks_late=True)
def deadline_sweep_task():
    """Sends every reminder that has come due, each exactly once."""
    return deadline_sweep()
