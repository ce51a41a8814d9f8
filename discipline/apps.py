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


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part
    from oversight.accounts.roles import Role

    from .my_work import board_panels_part, director_panels_to_convene_part

    register_my_work_part(Role.DIRECTOR, 40, director_panels_to_convene_part)
    register_my_work_part(Role.BOARD, 10, board_panels_part)
