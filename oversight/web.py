"""Small helpers every HTML view uses: call one service, turn a rule violation into a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def call_service(request, service, *, success, **kwargs):
    """Runs a service; its rule violations become error messages (and None), success a message."""
    try:
        result = service(**kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    messages.success(request, success)
    return result


def form_errors_to_messages(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def submit_form(request, form, service, *, success, **kwargs):
    """Validates a posted form, then calls the service with kwargs and the cleaned data.

    Field errors and rule violations both come back as messages; returns the service's result or None.
    """
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return None
    return call_service(request, service, success=success, **kwargs, **form.cleaned_data)
