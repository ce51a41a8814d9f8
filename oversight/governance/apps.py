from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "oversight.governance"
    label = "governance"

    def ready(self):
        # Each R4 part registers its commentable items, clocks and reminder handlers on import (issue 10).
        from . import comments, documents, meetings, recommendations, sentinel, submissions, suits  # noqa: F401
