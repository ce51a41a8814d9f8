from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "discipline"

    def ready(self):
        from intake.sections import register_case_section

        from .views import case_section

        register_case_section(30, case_section)
