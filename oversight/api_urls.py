from django.urls import path

from discipline.api import appeals as appeals_api
from discipline.api import discipline as discipline_api
from discipline.api import seating as seating_api
from discipline.api.hearings import PanelHearingListApi, PanelResultListApi, PanelTallyApi, PanelVoteApi
from intake.api.views import CaseDecideApi, CaseDetailApi, CaseListApi
from investigations.api.views import (
    InvestigationDetailApi,
    InvestigationListApi,
    RecordsRequestDetailApi,
    RecordsRequestListApi,
    RequestedRecordAnswerApi,
)
from oversight.governance.api import BoardMemberListApi, BylawsRulesApi

app_name = "api"
urlpatterns = [
    path("cases/", CaseListApi.as_view(), name="case-list"),
    path("cases/<int:pk>/", CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<int:pk>/decision/", CaseDecideApi.as_view(), name="case-decide"),
    path("records-requests/", RecordsRequestListApi.as_view(), name="records-request-list"),
    path("records-requests/<int:pk>/", RecordsRequestDetailApi.as_view(), name="records-request-detail"),
    path(
        "records-requests/<int:pk>/records/<int:record_pk>/answer/",
        RequestedRecordAnswerApi.as_view(),
        name="requested-record-answer",
    ),
    path("investigations/", InvestigationListApi.as_view(), name="investigation-list"),
    path("investigations/<int:pk>/", InvestigationDetailApi.as_view(), name="investigation-detail"),
    # Hearings, votes, the tally and results (issue 9.5, 9.6).
    path("board/panels/<int:pk>/hearings/", PanelHearingListApi.as_view(), name="panel-hearing-list"),
    path("board/panels/<int:pk>/votes/", PanelVoteApi.as_view(), name="panel-vote"),
    path("board/panels/<int:pk>/tally/", PanelTallyApi.as_view(), name="panel-tally"),
    path("board/panels/<int:pk>/results/", PanelResultListApi.as_view(), name="panel-result-list"),
    # Discipline proposals, votes, decisions and Loudermill (issue 9.7, 9.8).
    path("board/discipline/proposals/", discipline_api.ProposalCreateApi.as_view(), name="proposal-create"),
    path("board/discipline/proposals/<int:pk>/votes/", discipline_api.ProposalVoteApi.as_view(), name="proposal-vote"),
    path("board/discipline/decisions/", discipline_api.DecisionListApi.as_view(), name="decision-list"),
    path(
        "board/discipline/decisions/<int:pk>/loudermill/notice/",
        discipline_api.LoudermillNoticeApi.as_view(),
        name="loudermill-notice",
    ),
    path(
        "board/discipline/decisions/<int:pk>/loudermill/response/",
        discipline_api.LoudermillResponseApi.as_view(),
        name="loudermill-response",
    ),
    path(
        "board/discipline/decisions/<int:pk>/loudermill/outcome/",
        discipline_api.LoudermillOutcomeApi.as_view(),
        name="loudermill-outcome",
    ),
    # Panels, seats, conflicts and recusal (issue 9.3, 9.4).
    path("board/panels/", seating_api.PanelListApi.as_view(), name="panel-list"),
    path("board/panels/<int:pk>/", seating_api.PanelDetailApi.as_view(), name="panel-detail"),
    path("board/panels/<int:pk>/recusal/", seating_api.PanelRecusalApi.as_view(), name="panel-recusal"),
    path("board/conflicts/", seating_api.ConflictListApi.as_view(), name="conflict-list"),
    path("cases/<int:pk>/panels/", seating_api.CasePanelConveneApi.as_view(), name="case-panel-convene"),
    # The Board's roster and the bylaws' numbers per body (issue 9.1, 9.2).
    path("board/members/", BoardMemberListApi.as_view(), name="board-member-list"),
    path("board/bylaws/", BylawsRulesApi.as_view(), name="board-bylaws"),
    # Appeals, proceedings after the Board and final outcomes (issue 9.9, 9.10).
    path("board/appeals/", appeals_api.AppealListApi.as_view(), name="appeal-list"),
    path("board/appeals/<int:pk>/votes/", appeals_api.AppealVoteApi.as_view(), name="appeal-vote"),
    path("cases/<int:pk>/appeals/", appeals_api.CaseAppealCreateApi.as_view(), name="case-appeal-create"),
    path("board/proceedings/", appeals_api.ProceedingListApi.as_view(), name="proceeding-list"),
    path("board/final-outcomes/", appeals_api.FinalOutcomeListApi.as_view(), name="final-outcome-list"),
]

# Issue 10 part B: moderation of public comments, for the Director (the public uses the form only).
from oversight.governance import comments_api  # noqa: E402

urlpatterns += [
    path("board/comments/", comments_api.CommentModerationListApi.as_view(), name="comment-list"),
    path("board/comments/<int:pk>/publish/", comments_api.CommentPublishApi.as_view(), name="comment-publish"),
    path("board/comments/<int:pk>/withhold/", comments_api.CommentWithholdApi.as_view(), name="comment-withhold"),
]

# Issue 10 part A: rules, bylaws, policies and procedures (R4.2): public reads, the Director records.
from oversight.governance import documents_api  # noqa: E402

urlpatterns += [
    path("documents/", documents_api.DocumentListApi.as_view(), name="document-list"),
    path("documents/<int:pk>/", documents_api.DocumentDetailApi.as_view(), name="document-detail"),
    path("document-versions/<int:pk>/", documents_api.DocumentVersionDetailApi.as_view(), name="document-version"),
    path("board/documents/", documents_api.DocumentCreateApi.as_view(), name="document-create"),
    path(
        "board/documents/<int:pk>/versions/",
        documents_api.DocumentVersionDraftApi.as_view(),
        name="document-version-draft",
    ),
    path(
        "board/document-versions/<int:pk>/open/",
        documents_api.DocumentVersionOpenApi.as_view(),
        name="document-version-open",
    ),
    path(
        "board/document-versions/<int:pk>/adopt/",
        documents_api.DocumentVersionAdoptApi.as_view(),
        name="document-version-adopt",
    ),
    path(
        "board/document-versions/<int:pk>/adopt-urgent/",
        documents_api.DocumentVersionAdoptUrgentApi.as_view(),
        name="document-version-adopt-urgent",
    ),
]

# Issue 10 part C: policy recommendations (R4.1), scoped per role; PPB's answer by its liaison.
from oversight.governance import recommendations_api  # noqa: E402

urlpatterns += [
    path("recommendations/", recommendations_api.RecommendationListApi.as_view(), name="recommendation-list"),
    path(
        "recommendations/<int:pk>/",
        recommendations_api.RecommendationDetailApi.as_view(),
        name="recommendation-detail",
    ),
    path(
        "recommendations/<int:pk>/answer/",
        recommendations_api.RecommendationAnswerApi.as_view(),
        name="recommendation-answer",
    ),
]

# Issue 10 part F: PPB's data submissions (R4.7): the periods owed, and a period's CSV file by its liaison.
from oversight.governance import submissions_api  # noqa: E402

urlpatterns += [
    path("data-submissions/", submissions_api.DataPeriodListApi.as_view(), name="data-period-list"),
    path(
        "data-submissions/<int:pk>/",
        submissions_api.DataSubmissionCreateApi.as_view(),
        name="data-submission-create",
    ),
]
