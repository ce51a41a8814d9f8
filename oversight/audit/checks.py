"""CJIS 5.4.6: audit records are kept at least one year. A shorter retention stops start-up."""

from django.conf import settings
from django.core.checks import Error, Tags, register

MINIMUM_RETENTION_DAYS = 365


@register(Tags.security, deploy=False)
def retention_at_least_one_year(app_configs, **kwargs):
    days = getattr(settings, "ACCESS_LOG_RETENTION_DAYS", None)
    if isinstance(days, int) and days >= MINIMUM_RETENTION_DAYS:
        return []
    return [
        Error(
            f"ACCESS_LOG_RETENTION_DAYS is {days!r}: logs of reads, role changes and logins must be kept at least "
            f"{MINIMUM_RETENTION_DAYS} days (CJIS 5.4.6).",
            hint=f"Set ACCESS_LOG_RETENTION_DAYS to {MINIMUM_RETENTION_DAYS} or more.",
            id="audit.E001",
        )
    ]
