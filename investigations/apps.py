from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "investigations"

    def ready(self):
        from intake.sections import never, register_case_section, register_case_summary_facts
        from intake.status import register_stage_clock, register_stage_note
        from intake.timeline import register_timeline_source
        from oversight.calendar.models import Deadline
        from oversight.calendar.rules import register_reminder_handler
        from oversight.notices.case_log import register_case_notice_subjects

        from . import case_sections as cs
        from .mayor import mayor_stage_note
        from .noncompliance_views import noncompliance_case_part
        from .reminders import investigation_clock_notices, records_clock_notices
        from .selectors import case_timeline_parts, investigation_due_at_for_case

        register_reminder_handler(
            Deadline.Rule.INVESTIGATION_180D, investigation_clock_notices, select_related=("case", "investigator")
        )
        register_reminder_handler(
            Deadline.Rule.RECORDS_5BD,
            records_clock_notices,
            select_related=("investigation__case", "investigation__investigator"),
        )
        register_case_section(
            20, cs.investigation_section, section="investigation", available=cs.has_investigation_stage
        )
        register_case_section(21, cs.records_section, section="records", available=cs.has_investigation)
        register_case_section(22, cs.evidence_section, section="evidence", available=cs.shows_evidence)
        register_case_section(23, cs.interviews_section, section="interviews", available=cs.has_investigation)
        register_case_section(24, cs.findings_section, section="findings", available=cs.has_investigation)
        # Issue 11 (35A.050 F.1.l): the Director's line on discipline for failures to comply.
        register_case_section(28, noncompliance_case_part, section="investigation", available=never)
        register_case_summary_facts(cs.case_summary_facts)
        register_case_notice_subjects(cs.case_notice_subjects)
        register_timeline_source(case_timeline_parts)
        register_stage_clock("investigation", investigation_due_at_for_case)
        register_stage_note("mayor", mayor_stage_note)
        _register_my_work()


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part
    from oversight.accounts.roles import Role

    from . import my_work

    register_my_work_part(Role.DIRECTOR, 10, my_work.director_late_part)
    register_my_work_part(Role.DIRECTOR, 30, my_work.director_awaiting_investigation_part)
    register_my_work_part(Role.INVESTIGATOR, 10, my_work.investigator_cases_part)
    register_my_work_part(Role.INVESTIGATOR, 20, my_work.investigator_tasks_part)
    register_my_work_part(Role.INVESTIGATOR, 30, my_work.investigator_records_part)
    register_my_work_part(Role.INVESTIGATOR, 40, my_work.investigator_interviews_part)
