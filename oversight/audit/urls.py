from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("users/<int:pk>/roles/", views.role_change_form, name="role-change-form"),
    path("role-changes/", views.role_change_list, name="role-change-list"),
    path("reads/", views.sensitive_read_list, name="sensitive-read-list"),
    path("reads.csv", views.sensitive_read_export, name="sensitive-read-export"),
]
