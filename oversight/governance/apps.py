from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "oversight.governance"
    label = "governance"
