from django.urls import path

from . import appeal_views, guide_views, hearing_views, preliminary_views, seating_views, views

app_name = "discipline"
urlpatterns = [
    path("panels/", views.panel_list, name="panel-list"),
    path("panels/<int:pk>/", views.panel_detail, name="panel-detail"),
    path("panels/<int:pk>/decide/", views.panel_decide, name="panel-decide"),
    path("panels/<int:pk>/allegations/<int:allegation_pk>/vote/", views.vote_cast, name="vote-cast"),
    # A preliminary panel's review of the case-handling decision (issue 9.3); its page is panel-detail.
    path("panels/<int:pk>/preliminary/vote/", preliminary_views.preliminary_vote, name="preliminary-vote"),
    path("panels/<int:pk>/preliminary/decide/", preliminary_views.preliminary_decide, name="preliminary-decide"),
    path("panels/<int:pk>/preliminary/answer/", preliminary_views.preliminary_answer, name="preliminary-answer"),
    # Discipline by vote and Loudermill (issue 9.7, 9.8).
    path(
        "panels/<int:pk>/allegations/<int:allegation_pk>/proposals/",
        guide_views.proposal_create,
        name="proposal-create",
    ),
    path("discipline/proposals/<int:pk>/vote/", guide_views.proposal_vote, name="proposal-vote"),
    path("discipline/loudermills/", guide_views.loudermill_list, name="loudermill-list"),
    path("discipline/<int:pk>/loudermill/", guide_views.loudermill_detail, name="loudermill-detail"),
    path("discipline/<int:pk>/loudermill/notice/", guide_views.loudermill_notice, name="loudermill-notice"),
    path("discipline/<int:pk>/loudermill/response/", guide_views.loudermill_response, name="loudermill-response"),
    path("discipline/<int:pk>/loudermill/outcome/", guide_views.loudermill_outcome, name="loudermill-outcome"),
    # Seating (issue 9.3, 9.4): convening a panel of a kind by rotation, conflicts and recusal.
    path("cases/<int:pk>/panel/", seating_views.panel_convene, name="panel-convene"),
    path("conflicts/", seating_views.conflict_list, name="conflict-list"),
    path("conflicts/<int:pk>/withdraw/", seating_views.conflict_withdraw, name="conflict-withdraw"),
    path("panels/<int:pk>/recusal/", seating_views.seat_recuse, name="seat-recuse"),
    path("panels/<int:pk>/seats/<int:seat_pk>/recusal/", seating_views.seat_vacate, name="seat-vacate"),
    # Hearings (issue 9.5): scheduling, the packet, the panel's evidence, and the public notice.
    path("panels/<int:pk>/hearings/", hearing_views.hearing_schedule, name="hearing-schedule"),
    path("hearings/<int:pk>/cancel/", hearing_views.hearing_cancel, name="hearing-cancel"),
    path("panels/<int:pk>/packet.pdf", hearing_views.panel_packet, name="panel-packet"),
    path(
        "panels/<int:pk>/evidence/<int:evidence_pk>/file/",
        hearing_views.panel_evidence_file,
        name="panel-evidence-file",
    ),
    path("hearings/", hearing_views.hearing_public_list, name="hearing-public-list"),
    # Appeals and proceedings after the Board (issue 9.9, 9.10).
    path("appeals/", appeal_views.appeal_list, name="appeal-list"),
    path("appeals/<int:pk>/", appeal_views.appeal_detail, name="appeal-detail"),
    path("appeals/<int:pk>/panel/", appeal_views.appeal_panel_convene, name="appeal-panel-convene"),
    path("appeals/<int:pk>/vote/", appeal_views.appeal_vote, name="appeal-vote"),
    path("appeals/<int:pk>/decide/", appeal_views.appeal_decide, name="appeal-decide"),
    path("cases/<int:pk>/appeals/", appeal_views.officer_appeal_enter, name="officer-appeal-enter"),
    path("cases/<int:pk>/proceedings/", appeal_views.proceeding_new, name="proceeding-new"),
    path("proceedings/<int:pk>/decide/", appeal_views.proceeding_decide, name="proceeding-decide"),
]

# Issue 10 part E: paid administrative leave per case and officer, recorded by the Director.
from . import leave_views  # noqa: E402

urlpatterns += [
    path("cases/<int:pk>/leave/", leave_views.case_leave, name="case-leave"),
    path("leave/<int:pk>/", leave_views.leave_update, name="leave-update"),
]

# Issue 11 section 5: complaints lost to time limits, recorded by the Director per case.
from . import time_limit_views  # noqa: E402

urlpatterns += [
    path("cases/<int:pk>/time-limit/", time_limit_views.case_time_limit, name="case-time-limit"),
    path(
        "cases/<int:pk>/time-limit/withdraw/",
        time_limit_views.case_time_limit_withdraw,
        name="case-time-limit-withdraw",
    ),
]

# Issue 10 part D: reviews of closed deadly-force cases (R4.5), drafted and published by the Director.
from . import closed_case_review_views  # noqa: E402

urlpatterns += [
    path("closed-case-reviews/", closed_case_review_views.review_list, name="closed-review-list"),
    path("closed-case-reviews/open/", closed_case_review_views.review_open, name="closed-review-open"),
    path("closed-case-reviews/publish/", closed_case_review_views.review_batch_publish, name="closed-review-publish"),
    path("closed-case-reviews/<int:pk>/", closed_case_review_views.review_detail, name="closed-review-detail"),
    path("closed-case-reviews/<int:pk>/edit/", closed_case_review_views.review_edit, name="closed-review-edit"),
    path("closed-case-reviews/<int:pk>/redact/", closed_case_review_views.review_redact, name="closed-review-redact"),
]
