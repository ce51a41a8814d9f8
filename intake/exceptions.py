from django.core.exceptions import ValidationError


class RuleViolation(ValidationError):
    """A move the law or the case's state does not allow; the message says which rule."""
