from django.urls import path

from intake.api.views import CaseDetailApi, CaseListApi

app_name = "api"
urlpatterns = [
    path("cases/", CaseListApi.as_view(), name="case-list"),
    path("cases/<int:pk>/", CaseDetailApi.as_view(), name="case-detail"),
]
