from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self):
        from oversight.accounts.need_to_know import FieldGroup
        from oversight.notices.case_log import register_case_notice_subjects

        from .case_page import complaint_part, decision_part, notices_part, timeline_part
        from .filer_section import filer_section
        from .sections import register_case_section
        from .staff_sections import incident_group_section, reconsideration_section

        register_case_section(1, complaint_part, section="complaint")
        register_case_section(2, decision_part, section="decision")
        register_case_section(5, reconsideration_section, section="decision")
        register_case_section(6, incident_group_section, section="complaint")
        register_case_section(10, filer_section, section="complaint")
        register_case_section(90, notices_part, section="notices")
        register_case_section(99, timeline_part, section="timeline")
        # A notice about a complaint goes to its filer: name and address are filer contact.
        register_case_notice_subjects(lambda case, user: [(case.complaints.all(), FieldGroup.FILER_CONTACT)])
        _register_my_work()


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part
    from oversight.accounts.roles import Role

    from .my_work import intake_queue_part, reconsideration_part

    register_my_work_part(Role.DIRECTOR, 20, reconsideration_part)
    register_my_work_part(Role.INTAKE, 10, intake_queue_part)
