from django.urls import path  # noqa: F401

# Issue 11: this part's routes, inside app_name "reports" (see reports/urls.py).
urlpatterns = []
