import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")

app = Celery("oversight")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    [
        "oversight.calendar",
        "oversight.notices",
        "oversight.uploads",
        "oversight.audit",
        "intake",
        "investigations",
        "discipline",
        "reports",
    ]
)
