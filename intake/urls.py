from django.urls import include, path

from . import views

app_name = "intake"
urlpatterns = [
    path("new/", views.complaint_new, name="complaint-new"),
    path("filed/", views.complaint_filed, name="complaint-filed"),
    path("staff/", views.case_queue, name="case-queue"),
    path("staff/cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("staff/cases/<int:pk>/allegations/", views.allegation_add, name="allegation-add"),
    path("staff/cases/<int:pk>/category/", views.case_categorize, name="case-categorize"),
    path("staff/cases/<int:pk>/decide/", views.case_decide, name="case-decide"),
    path("staff/cases/<int:pk>/close/", views.case_close, name="case-close"),
    path("staff/", include("intake.staff_urls")),
]
