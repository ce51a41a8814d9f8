from celery import shared_task


@shared_task(acks_late=True)
def data_period_create_due_task():
    """Issue 10 part F: creates each ended period of a PPB data standard once, with its clock."""
    from .submissions import data_period_create_due

    return len(data_period_create_due())
