from django.urls import path

from . import release_views as views

# Issue 11 part B: raw-data releases, inside app_name "reports" (see reports/urls.py).
urlpatterns = [
    path("data/", views.data_index, name="data-index"),
    path("data/dictionary/", views.data_dictionary, name="data-dictionary"),
    path("data/staff/", views.data_staff, name="data-staff"),
    path("data/staff/build/", views.data_build, name="data-build"),
    path("data/staff/<int:pk>/publish/", views.data_publish, name="data-publish"),
    path("data/<int:version>/", views.data_release, name="data-release"),
    path("data/<int:version>/manifest.json", views.data_manifest, name="data-manifest"),
    path("data/<int:version>/<slug:dataset>.<slug:fmt>", views.data_download, name="data-download"),
]
