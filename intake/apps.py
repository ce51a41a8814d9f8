from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self):
        from .filer_section import filer_section
        from .sections import register_case_section
        from .staff_sections import incident_group_section, reconsideration_section

        register_case_section(5, reconsideration_section)
        register_case_section(6, incident_group_section)
        register_case_section(10, filer_section)
