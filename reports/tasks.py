from celery import shared_task

from .services import annual_report_render


@shared_task(acks_late=True)
def annual_report_render_task(year):
    """Renders and stores the year's annual report PDF; rendering twice just replaces it."""
    return annual_report_render(year=year).pk
