from django.urls import include, path, register_converter

from . import public_views, views
from .sections import SectionConverter

register_converter(SectionConverter, "case_section")

app_name = "intake"
urlpatterns = [
    path("new/", public_views.complaint_new, name="complaint-new"),
    path("filed/", public_views.complaint_filed, name="complaint-filed"),
    path("status/", public_views.complaint_status, name="status"),
    path("status/add/", public_views.complaint_status_add, name="status-add"),
    path("status/survey/", public_views.complaint_survey, name="status-survey"),
    path("status/lock/", public_views.complaint_status_lock, name="status-lock"),
    path("status/reconsider/", public_views.complaint_reconsider, name="status-reconsider"),
    path("paper-form.pdf", views.complaint_paper_form, name="complaint-paper-form"),
    path("staff/", views.case_queue, name="case-queue"),
    path("staff/cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("staff/cases/<int:pk>/<case_section:section>/", views.case_detail, name="case-section"),
    path("staff/cases/<int:pk>/allegations/", views.allegation_add, name="allegation-add"),
    path("staff/cases/<int:pk>/category/", views.case_categorize, name="case-categorize"),
    path("staff/cases/<int:pk>/decide/", views.case_decide, name="case-decide"),
    path("staff/cases/<int:pk>/close/", views.case_close, name="case-close"),
    path("staff/cases/<int:pk>/filer-messages/", public_views.filer_message_new, name="filer-message-new"),
    path("staff/attachments/<int:pk>/", public_views.attachment_download, name="attachment-download"),
    path("staff/", include("intake.staff_urls")),
]
