from django.urls import path

from . import dashboard_views

# Issue 11 part C: the public "Data and reports" hub and the dashboard, inside app_name "reports"
# (see reports/urls.py).
urlpatterns = [
    path("", dashboard_views.hub, name="hub"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/<slug:key>.csv", dashboard_views.dashboard_csv, name="dashboard-csv"),
]
