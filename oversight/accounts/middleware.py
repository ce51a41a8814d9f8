import time

from django.conf import settings
from django.contrib.auth import logout

_KEY = "_session_started_at"


class AbsoluteSessionLimitMiddleware:
    """Ends a staff session 12 hours after login whatever the activity (ASVS L2).

    The idle limit is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(_KEY)
            now = time.time()
            if started is None:
                request.session[_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)
