from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [path("bylaws/", views.bylaws_settings, name="bylaws-settings")]
