from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("bylaws/", views.bylaws_settings, name="bylaws-settings"),
    path("bylaws/change/", views.bylaws_setting_change, name="bylaws-setting-change"),
    path("bylaws/versions/record/", views.bylaws_version_record, name="bylaws-version-record"),
    path("members/", views.board_members, name="member-list"),
    path("members/appoint/", views.board_member_appoint, name="member-appoint"),
    path("members/<int:pk>/end/", views.board_member_end, name="member-end"),
    path("members/<int:pk>/leadership/", views.board_member_leadership, name="member-leadership"),
    path("subcommittees/", views.subcommittee_list_view, name="subcommittee-list"),
    path("subcommittees/create/", views.subcommittee_create, name="subcommittee-create"),
    path("subcommittees/<int:pk>/", views.subcommittee_detail, name="subcommittee-detail"),
    path("subcommittees/<int:pk>/dissolve/", views.subcommittee_dissolve, name="subcommittee-dissolve"),
    path("subcommittees/<int:pk>/actions/", views.subcommittee_action_create, name="subcommittee-action-create"),
    path("subcommittees/actions/<int:pk>/review/", views.subcommittee_action_review, name="subcommittee-action-review"),
    path("trainings/", views.training_list, name="training-list"),
    path("trainings/create/", views.training_create, name="training-create"),
    path("trainings/complete/", views.training_complete, name="training-complete"),
]
