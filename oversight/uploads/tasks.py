from celery import shared_task

from .storage import media_orphan_sweep


@shared_task
def media_orphan_sweep_task():
    """Removes stored files that no row names, past the grace period; returns how many."""
    return len(media_orphan_sweep())
