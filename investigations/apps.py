from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "investigations"

    def ready(self):
        from intake.sections import register_case_section
        from intake.status import register_stage_clock, register_stage_note
        from intake.timeline import register_timeline_source
        from oversight.calendar.models import Deadline
        from oversight.calendar.rules import register_reminder_handler

        from .mayor import mayor_stage_note
        from .reminders import investigation_clock_notices, records_clock_notices
        from .selectors import case_timeline_parts, investigation_due_at_for_case
        from .views import case_section

        register_reminder_handler(Deadline.Rule.INVESTIGATION_180D, investigation_clock_notices)
        register_reminder_handler(Deadline.Rule.RECORDS_5BD, records_clock_notices)
        register_case_section(20, case_section)
        register_timeline_source(case_timeline_parts)
        register_stage_clock("investigation", investigation_due_at_for_case)
        register_stage_note("mayor", mayor_stage_note)
