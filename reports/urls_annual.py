from django.urls import path

from . import views

# Issue 11 part A2: annual and quarterly report editions, inside app_name "reports" (see reports/urls.py).
urlpatterns = [
    path("annual/", views.edition_index, name="edition-index"),
    path("annual/<int:year>/v<int:version>/", views.annual_version, name="annual-version"),
    path("annual/<int:year>/v<int:version>.pdf", views.annual_version_pdf, name="annual-version-pdf"),
    path("quarterly/<int:year>/q<int:quarter>/", views.quarterly, name="quarterly"),
    path("quarterly/<int:year>/q<int:quarter>.pdf", views.quarterly_pdf, name="quarterly-pdf"),
    path("quarterly/<int:year>/q<int:quarter>/v<int:version>/", views.quarterly_version, name="quarterly-version"),
    path(
        "quarterly/<int:year>/q<int:quarter>/v<int:version>.pdf",
        views.quarterly_version_pdf,
        name="quarterly-version-pdf",
    ),
    path("editions/", views.edition_list, name="edition-list"),
    path("editions/build/", views.edition_build, name="edition-build"),
    path("editions/<int:pk>/", views.edition_detail, name="edition-detail"),
    path("editions/<int:pk>/rebuild/", views.edition_rebuild, name="edition-rebuild"),
    path("editions/<int:pk>/render/", views.edition_render, name="edition-render"),
    path("editions/<int:pk>/publish/", views.edition_publish, name="edition-publish"),
    path("editions/<int:pk>/correct/", views.edition_correct, name="edition-correct"),
    path("editions/<int:pk>/pdf/", views.edition_pdf, name="edition-pdf"),
    path("editions/<int:pk>/cases.csv", views.edition_cases_csv, name="edition-cases-csv"),
]
