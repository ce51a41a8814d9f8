from django.apps import AppConfig


class RateLimitConfig(AppConfig):
    name = "oversight.ratelimit"
    label = "ratelimit"
