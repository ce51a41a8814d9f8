"""The public's side of governance (issue 10, R4): documents and their comment periods, policy
recommendations, sentinel event reviews, closed-case reviews, meetings, and the comment form.
Each part adds its routes here; staff routes stay in ``urls.py`` under /board/."""

from django.urls import path

from . import public_participate  # noqa: E402

app_name = "participate"
urlpatterns = [path("", public_participate.participate_home, name="home")]

# Issue 10 part A: rules, bylaws, policies and procedures (R4.2), their versions and differences.
from . import public_documents  # noqa: E402

urlpatterns += [
    path("documents/", public_documents.document_list, name="document-list"),
    path("documents/<slug:slug>/", public_documents.document_detail, name="document-detail"),
    path("documents/<slug:slug>/v<int:number>/", public_documents.document_version, name="document-version"),
    path(
        "documents/<slug:slug>/compare/<int:old>/<int:new>/",
        public_documents.document_compare,
        name="document-compare",
    ),
]

# Issue 10 part B: the public comment form on any open item (oversight/governance/comments.py).
from . import public_comments  # noqa: E402

urlpatterns += [
    path("comment/thanks/", public_comments.comment_submitted, name="comment-submitted"),
    path("comment/<slug:key>/<int:pk>/", public_comments.comment_create, name="comment-create"),
]

# Issue 10 part D: sentinel event reviews (R4.3), with public comment throughout.
from . import public_sentinel  # noqa: E402

urlpatterns += [
    path("sentinel-reviews/", public_sentinel.sentinel_list, name="sentinel-list"),
    path("sentinel-reviews/<int:pk>/", public_sentinel.sentinel_detail, name="sentinel-detail"),
    path("sentinel-reviews/<int:pk>/report.pdf", public_sentinel.sentinel_report, name="sentinel-report"),
]

# Issue 10 part C: policy recommendations (R4.1): a list with status filters and a page each.
from . import public_recommendations  # noqa: E402

urlpatterns += [
    path("recommendations/", public_recommendations.recommendation_list_public_view, name="recommendation-list"),
    path(
        "recommendations/<int:pk>/",
        public_recommendations.recommendation_detail_public_view,
        name="recommendation-detail",
    ),
]

# Issue 10 part E: civil suits in aggregate (no names) and the Board's public meetings.
from . import public_meetings, public_suits  # noqa: E402

urlpatterns += [
    path("civil-suits/", public_suits.civil_suits, name="civil-suits"),
    path("meetings/", public_meetings.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", public_meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/calendar.ics", public_meetings.meeting_calendar, name="meeting-calendar"),
]
