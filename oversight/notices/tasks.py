from celery import shared_task

from .services import notice_deliver, notice_outbox_sweep

# No Celery retries here: a failed attempt leaves the row queued and the outbox sweep, every
# minute, tries it again after NOTICE_REDELIVER_AFTER_SECONDS (timers are rows, STYLE.md section 8).


@shared_task(acks_late=True)
def notice_deliver_task(notice_id):
    """Delivers one notice if it is still waiting; safe to run twice (the service claims the row first)."""
    return notice_deliver(notice_id=notice_id)


@shared_task(acks_late=True)
def notice_deliver_many_task(notice_ids):
    """Delivers each notice of a bulk batch still waiting (one doorbell for many, issue 14.3); each is
    claimed on its own, so a second delivery of the same ids sends nothing twice. Returns how many sent."""
    return sum(notice_deliver(notice_id=notice_id) for notice_id in notice_ids)


@shared_task(acks_late=True)
def notice_outbox_sweep_task():
    """Delivers every notice its doorbell missed, and alerts the Director of stuck ones; safe in parallel."""
    return notice_outbox_sweep()


@shared_task
def notice_redeliver_stale_task():
    """The outbox sweep under its former name, for messages beat queued before an upgrade."""
    return notice_outbox_sweep()
