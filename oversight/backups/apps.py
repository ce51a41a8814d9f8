from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "oversight.backups"
    label = "backups"
