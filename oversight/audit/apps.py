from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The logs that prove who did and read what (CJIS 5.4.1): role changes, reads of sensitive
    material, bylaws changes; append-only at the database and kept ACCESS_LOG_RETENTION_DAYS."""

    name = "oversight.audit"
    label = "audit"

    def ready(self):
        from . import checks  # noqa: F401 - registers the retention check
