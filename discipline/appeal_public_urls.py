"""The filer's appeal on the status page (public), mounted at /complaints/status/appeal/ in oversight/urls.py."""

from django.urls import path

from . import appeal_views

app_name = "appeals"
urlpatterns = [path("", appeal_views.status_appeal, name="status-appeal")]
