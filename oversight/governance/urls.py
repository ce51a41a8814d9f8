from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("bylaws/", views.bylaws_settings, name="bylaws-settings"),
    path("bylaws/change/", views.bylaws_setting_change, name="bylaws-setting-change"),
]
