from celery import shared_task

from .services import access_log_purge


@shared_task(acks_late=True)
def access_log_purge_task():
    """Deletes read and login log rows older than the retention; safe to run twice."""
    return access_log_purge()
