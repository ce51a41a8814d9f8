from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self):
        from .filer_section import filer_section
        from .sections import register_case_section

        register_case_section(10, filer_section)
