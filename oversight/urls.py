from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView

from oversight.accounts.roles import public

from . import views

SpectacularAPIView.allowed_roles = "public"

public_patterns = ([path("", views.home, name="home")], "public")

urlpatterns = [
    path("", include(public_patterns)),
    # The language switcher posts here (R1.1); the choice lives in the language cookie.
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("accounts/", include("oversight.accounts.urls")),
    path("complaints/", include("intake.urls")),
    path("complaints/status/appeal/", include("discipline.appeal_public_urls")),
    path("staff/investigations/", include("investigations.urls")),
    path("staff/notices/", include("oversight.notices.urls")),
    path("staff/jobs/", include("oversight.jobs.urls")),
    path("staff/audit/", include("oversight.audit.urls")),
    path("staff/roster/", include("oversight.roster.urls")),
    path("board/", include("discipline.urls")),
    path("board/", include("oversight.governance.urls")),
    path("participate/", include("oversight.governance.public_urls")),
    # Issue 10 part D: closed deadly-force case reviews (discipline: governance may not import it).
    path("participate/closed-case-reviews/", include("discipline.closed_case_review_public_urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include("oversight.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("admin/", admin.site.urls),
]

# Under /api/ a path that matches nothing answers in the API's JSON shape (oversight/api.py).
handler404 = "oversight.api.not_found"
# A body read past its limit is a 413 with a page that says so (oversight/uploads/limits.py).
handler400 = "oversight.uploads.limits.bad_request"
