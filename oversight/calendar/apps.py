from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "oversight.calendar"
    label = "oversight_calendar"
    verbose_name = "Calendar and deadlines"
