from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate, pre_delete


class IntegrityConfig(AppConfig):
    """History that proves itself (issue 13.6): append-only history tables and a hash chain."""

    name = "oversight.integrity"
    label = "integrity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .guards import refuse_user_delete
        from .install import install_after_migrate

        # After every `migrate` (and every flush, which re-sends the signal): so a historical
        # table added by any later migration of any app is covered without anyone remembering to.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="integrity-install")
        # pre_delete, not a delete() override: it also stops QuerySet.delete() and cascades.
        pre_delete.connect(refuse_user_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="integrity-user-delete")
