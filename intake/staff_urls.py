"""Staff intake pages, mounted under /complaints/staff/ in the intake namespace."""

from django.urls import path

from . import staff_views as views

urlpatterns = [
    path("complaints/new/", views.complaint_enter, name="complaint-enter"),
    path("incidents/new/", views.incident_open, name="incident-open"),
    path("allegation-types/", views.allegation_type_list, name="allegation-type-list"),
    path("allegation-types/<int:pk>/", views.allegation_type_edit, name="allegation-type-edit"),
    path("cases/<int:pk>/access-code/", views.access_code_reissue, name="access-code-reissue"),
    path("cases/<int:pk>/reconsideration/", views.reconsideration_enter, name="reconsideration-enter"),
    path("reconsiderations/<int:pk>/decide/", views.reconsideration_decide, name="reconsideration-decide"),
    path("groups/", views.incident_group_index, name="incident-group-list"),
    path("groups/<int:pk>/", views.incident_group_detail, name="incident-group-detail"),
    path("cases/<int:pk>/group/", views.case_group_join, name="case-group-join"),
    path("cases/<int:pk>/group/leave/", views.case_group_leave, name="case-group-leave"),
]
