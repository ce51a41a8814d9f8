from django.urls import path

from . import views
from .urls_annual import urlpatterns as annual_urls
from .urls_dashboard import urlpatterns as dashboard_urls
from .urls_data import urlpatterns as data_urls
from .urls_trends import urlpatterns as trend_urls

app_name = "reports"
# Each part of issue 11 owns one list of routes: annual and quarterly reports (urls_annual), raw data
# releases (urls_data), the dashboard and the public data hub (urls_dashboard), trends and the
# contract-accountability metrics (urls_trends).
urlpatterns = [
    # The names the site has linked since R5.1 began; the published editions now stand behind them.
    path("annual/", views.edition_index, name="annual-current"),
    path("annual/<int:year>/", views.annual, name="annual"),
    path("annual/<int:year>.pdf", views.annual_pdf, name="annual-pdf"),
    path("annual/<int:year>/render/", views.annual_render, name="annual-render"),
    *annual_urls,
    *dashboard_urls,
    *data_urls,
    *trend_urls,
]
