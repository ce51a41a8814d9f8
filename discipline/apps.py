from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "discipline"

    def ready(self):
        from intake.sections import register_case_section
        from intake.timeline import register_timeline_source

        from .selectors import case_timeline_parts
        from .views import case_section

        register_case_section(30, case_section)
        register_timeline_source(case_timeline_parts)
