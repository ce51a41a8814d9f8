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

# Issue 10 part A: rules, bylaws, policies and procedures (R4.2): the Board reads, the Director records.
from . import documents_views as docv  # noqa: E402

urlpatterns += [
    path("documents/", docv.document_list, name="document-list"),
    path("documents/create/", docv.document_create, name="document-create"),
    path("documents/<int:pk>/", docv.document_detail, name="document-detail"),
    path("documents/<int:pk>/draft/", docv.version_draft, name="document-version-draft"),
    path("documents/versions/<int:pk>/", docv.version_detail, name="document-version-detail"),
    path("documents/versions/<int:pk>/open/", docv.version_open, name="document-version-open"),
    path("documents/versions/<int:pk>/adopt/", docv.version_adopt, name="document-version-adopt"),
    path("documents/versions/<int:pk>/adopt-urgent/", docv.version_adopt_urgent, name="document-version-adopt-urgent"),
    path("documents/versions/<int:pk>/recommend/", docv.version_recommend, name="document-version-recommend"),
    path(
        "documents/versions/<int:pk>/administrator/",
        docv.version_administrator_adopt,
        name="document-version-administrator-adopt",
    ),
    path(
        "documents/versions/<int:pk>/temporary/",
        docv.version_administrator_temporary,
        name="document-version-administrator-temporary",
    ),
    path("documents/versions/<int:pk>/withdraw/", docv.version_withdraw, name="document-version-withdraw"),
]

# Issue 10 part D: sentinel event reviews (R4.3): the Director records, the Board reads.
from . import sentinel_views  # noqa: E402

urlpatterns += [
    path("sentinel-reviews/", sentinel_views.sentinel_review_list, name="sentinel-list"),
    path("sentinel-reviews/open/", sentinel_views.sentinel_review_open, name="sentinel-open"),
    path("sentinel-reviews/<int:pk>/", sentinel_views.sentinel_review_detail, name="sentinel-detail"),
    path("sentinel-reviews/<int:pk>/start/", sentinel_views.sentinel_review_start, name="sentinel-start"),
    path(
        "sentinel-reviews/<int:pk>/participants/",
        sentinel_views.sentinel_participant_add,
        name="sentinel-participant-add",
    ),
    path("sentinel-reviews/<int:pk>/milestones/", sentinel_views.sentinel_milestone_add, name="sentinel-milestone-add"),
    path(
        "sentinel-reviews/milestones/<int:pk>/done/",
        sentinel_views.sentinel_milestone_done,
        name="sentinel-milestone-done",
    ),
    path("sentinel-reviews/<int:pk>/report/", sentinel_views.sentinel_report_save, name="sentinel-report-save"),
    path("sentinel-reviews/<int:pk>/report/items/", sentinel_views.sentinel_report_item_add, name="sentinel-item-add"),
    path("sentinel-reviews/<int:pk>/report/publish/", sentinel_views.sentinel_report_publish, name="sentinel-publish"),
    path("sentinel-reviews/<int:pk>/close/", sentinel_views.sentinel_review_close, name="sentinel-close"),
]

# Issue 10 part B: the moderation queue of public comments.
from . import comments_views  # noqa: E402

urlpatterns += [
    path("comments/", comments_views.comment_queue, name="comment-queue"),
    path("comments/<int:pk>/", comments_views.comment_detail, name="comment-detail"),
    path("comments/<int:pk>/publish/", comments_views.comment_publish_view, name="comment-publish"),
    path("comments/<int:pk>/withhold/", comments_views.comment_withhold_view, name="comment-withhold"),
    path("comments/export/", comments_views.comment_export, name="comment-export"),
]

# Issue 10 part C: policy recommendations (R4.1): the Board and the Director; the PPB liaison's portal.
from . import recommendations_views as rv  # noqa: E402

urlpatterns += [
    path("recommendations/", rv.recommendation_list, name="recommendation-list"),
    path("recommendations/create/", rv.recommendation_create, name="recommendation-create"),
    path("recommendations/<int:pk>/", rv.recommendation_detail, name="recommendation-detail"),
    path("recommendations/<int:pk>/adopt/", rv.recommendation_adopt, name="recommendation-adopt"),
    path("recommendations/<int:pk>/send/", rv.recommendation_send, name="recommendation-send"),
    path(
        "recommendations/<int:pk>/council-request/",
        rv.recommendation_council_request,
        name="recommendation-council-request",
    ),
    path(
        "recommendations/<int:pk>/council-decision/",
        rv.recommendation_council_decide,
        name="recommendation-council-decide",
    ),
    path("recommendations/<int:pk>/updates/", rv.recommendation_update, name="recommendation-update"),
    path("recommendations/ppb/", rv.recommendation_ppb_list, name="recommendation-ppb-list"),
    path("recommendations/ppb/<int:pk>/", rv.recommendation_ppb_detail, name="recommendation-ppb-detail"),
    path("recommendations/ppb/<int:pk>/answer/", rv.recommendation_ppb_answer, name="recommendation-ppb-answer"),
]

# Issue 10 part E: civil suits (R4.6) and the Board's public meetings: the Director records, the Board reads.
from . import meetings_views as mv  # noqa: E402
from . import suits_views  # noqa: E402

urlpatterns += [
    path("civil-suits/", suits_views.civil_suit_list, name="civil-suit-list"),
    path("civil-suits/record/", suits_views.civil_suit_record, name="civil-suit-record"),
    path("civil-suits/<int:pk>/", suits_views.civil_suit_detail, name="civil-suit-detail"),
    path("civil-suits/<int:pk>/edit/", suits_views.civil_suit_edit, name="civil-suit-edit"),
    path("meetings/", mv.meeting_list, name="meeting-list"),
    path("meetings/schedule/", mv.meeting_schedule, name="meeting-schedule"),
    path("meetings/<int:pk>/", mv.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", mv.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/notice/", mv.meeting_notice, name="meeting-notice"),
    path("meetings/<int:pk>/held/", mv.meeting_held, name="meeting-held"),
    path("meetings/<int:pk>/cancel/", mv.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/agenda/", mv.agenda_item_add, name="agenda-item-add"),
    path("meetings/agenda/<int:pk>/remove/", mv.agenda_item_remove, name="agenda-item-remove"),
    path("meetings/agenda/<int:pk>/move/", mv.agenda_item_move, name="agenda-item-move"),
    path("meetings/<int:pk>/minutes/", mv.meeting_minutes, name="meeting-minutes"),
    path("meetings/<int:pk>/minutes/approve/", mv.meeting_minutes_approve, name="meeting-minutes-approve"),
]

# Issue 10 part F: PPB's data submissions (R4.7): the Board and the Director; the PPB liaison's upload pages.
from . import submissions_views as dv  # noqa: E402

urlpatterns += [
    path("data/", dv.data_standard_list_view, name="data-standard-list"),
    path("data/standards/record/", dv.data_standard_record_view, name="data-standard-record"),
    path("data/standards/<int:pk>/", dv.data_standard_detail, name="data-standard-detail"),
    path("data/standards/<int:pk>/revise/", dv.data_standard_revise, name="data-standard-revise"),
    path("data/periods/", dv.data_period_list_view, name="data-period-list"),
    path("data/periods/<int:pk>/", dv.data_period_detail, name="data-period-detail"),
    path("data/submissions/<int:pk>/", dv.data_submission_detail, name="data-submission-detail"),
    path("data/submissions/<int:pk>/csv/", dv.data_submission_csv, name="data-submission-csv"),
    path("data/ppb/", dv.data_liaison_list, name="data-liaison"),
    path("data/ppb/<int:pk>/upload/", dv.data_liaison_upload, name="data-liaison-upload"),
]

# Issue 11 (35A.050 F.1.q): PPB's feedback to the Board: the liaison sends it, the Director and the Board read it.
from . import feedback_views as fv  # noqa: E402

urlpatterns += [
    path("feedback/", fv.ppb_feedback_list, name="feedback-list"),
    path("feedback/ppb/", fv.ppb_feedback_send, name="feedback-ppb"),
]
