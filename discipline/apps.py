from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "discipline"

    def ready(self):
        from intake.sections import register_case_section
        from intake.timeline import register_timeline_source

        from . import case_sections as cs
        from .selectors import case_timeline_parts

        register_case_section(30, cs.board_section, section="board", available=cs.has_board_stage)
        register_case_section(31, cs.discipline_section, section="discipline", available=cs.has_panel_results)
        register_timeline_source(case_timeline_parts)
        _register_my_work()
        _register_status_parts()
        _register_appeals()
        _register_leave()
        _register_time_limits()


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part
    from oversight.accounts.roles import Role

    from . import my_work as mw

    register_my_work_part(Role.DIRECTOR, 40, mw.director_panels_to_convene_part)
    register_my_work_part(Role.DIRECTOR, 41, mw.director_hearings_to_schedule_part)
    register_my_work_part(Role.DIRECTOR, 42, mw.director_loudermills_part)
    register_my_work_part(Role.DIRECTOR, 43, mw.director_appeals_part)
    register_my_work_part(Role.DIRECTOR, 44, mw.director_proceedings_part)
    register_my_work_part(Role.BOARD, 10, mw.board_panels_part)
    register_my_work_part(Role.BOARD, 11, mw.board_votes_part)
    register_my_work_part(Role.BOARD, 12, mw.board_hearings_part)
    # Issue 9.3: a preliminary panel's review of the case-handling decision.
    from . import preliminary

    register_my_work_part(Role.DIRECTOR, 45, preliminary.director_preliminary_reviews_part)
    register_my_work_part(Role.BOARD, 13, preliminary.board_preliminary_part)


def _register_status_parts():
    from intake.status import register_status_part

    from .status_results import status_results_part

    register_status_part(status_results_part)


def _register_appeals():
    """Part E: the appeal window's length, the appeals section of the case page, the filer's appeal box."""
    from intake.sections import register_case_section
    from intake.status import register_status_part
    from intake.timeline import register_timeline_source
    from oversight.calendar.models import Deadline
    from oversight.calendar.rules import register_clock_length

    from . import appeal_views
    from .appeals import window_days

    register_clock_length(Deadline.Rule.APPEAL_WINDOW, window_days)
    register_case_section(
        32, appeal_views.appeals_section, section="discipline", available=appeal_views.has_appeals_stage
    )
    register_status_part(appeal_views.status_appeal_part)
    register_timeline_source(appeal_views.appeal_timeline_parts)


def _register_leave():
    """Issue 10 part E: the Director's paid-leave summary on the case page's investigation and discipline sections."""
    from intake.sections import never, register_case_section

    from .leave_views import leave_case_part

    register_case_section(29, leave_case_part, section="investigation", available=never)
    register_case_section(39, leave_case_part, section="discipline", available=never)


def _register_time_limits():
    """Issue 11 section 5: the Director's line on whether a time limit cost the complaint, on the case
    page's decision section (every case has one)."""
    from intake.sections import never, register_case_section

    from .time_limit_views import time_limit_case_part

    register_case_section(7, time_limit_case_part, section="decision", available=never)
