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
