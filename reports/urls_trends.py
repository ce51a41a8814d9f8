from django.urls import path

from . import trends_views

# Issue 11 part D: trends and the contract-accountability metrics, inside app_name "reports" (see
# reports/urls.py).
urlpatterns = [
    path("accountability/", trends_views.accountability, name="accountability"),
    path("accountability/definitions/", trends_views.accountability_definitions, name="accountability-definitions"),
    path("trends/early-identification/", trends_views.early_identification, name="early-identification"),
]
