from django.urls import path

from intake.api.views import CaseDecideApi, CaseDetailApi, CaseListApi
from investigations.api.views import (
    InvestigationDetailApi,
    InvestigationListApi,
    RecordsRequestDetailApi,
    RecordsRequestListApi,
    RequestedRecordAnswerApi,
)

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
]
