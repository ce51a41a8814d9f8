from celery import shared_task

from .services import notice_deliver, notice_mark_failed, notice_requeue_stale


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def notice_deliver_task(self, notice_id):
    """Delivers one notice; safe to run twice (the service claims the row first)."""
    try:
        return notice_deliver(notice_id=notice_id)
    except OSError as exc:  # SMTP refused or unreachable: the notice goes back to the queue
        from .models import Notice

        Notice.objects.filter(pk=notice_id, status=Notice.Status.SENDING).update(status=Notice.Status.QUEUED)
        if self.request.retries >= self.max_retries:
            notice_mark_failed(notice_id=notice_id)
            raise
        raise self.retry(exc=exc) from exc


@shared_task
def notice_redeliver_stale_task():
    """Re-enqueues notices left mid-delivery by a worker that died."""
    for notice_id in notice_requeue_stale():
        notice_deliver_task.delay(notice_id)
