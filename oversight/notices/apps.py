from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "oversight.notices"
    label = "notices"

    def ready(self):
        from oversight.accounts.my_work import register_my_work_part
        from oversight.accounts.roles import Role

        from .my_work import letters_part, undelivered_part

        register_my_work_part(Role.DIRECTOR, 60, undelivered_part)
        register_my_work_part(Role.DIRECTOR, 70, letters_part)
        register_my_work_part(Role.INTAKE, 70, letters_part)
