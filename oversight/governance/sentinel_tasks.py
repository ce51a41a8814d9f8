"""The sentinel report's PDF, rendered by a worker after the publication commits (R4.3)."""

from celery import shared_task


@shared_task(acks_late=True)
def sentinel_report_render_task(review_id):
    """Loads the review and renders its published report to PDF; rendering again is harmless."""
    from .sentinel import sentinel_report_render

    sentinel_report_render(review_id=review_id)
