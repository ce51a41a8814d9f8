from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("annual/", views.annual_current, name="annual-current"),
    path("annual/<int:year>/", views.annual, name="annual"),
    path("annual/<int:year>.pdf", views.annual_pdf, name="annual-pdf"),
    path("annual/<int:year>/render/", views.annual_render, name="annual-render"),
]
