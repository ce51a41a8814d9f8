from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "oversight.roster"
    label = "roster"
