from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "oversight.jobs"
    label = "jobs"
