from django.urls import path

from . import noncompliance_views, views

app_name = "investigations"
urlpatterns = [
    path("", views.my_cases, name="investigation-list"),
    path("cases/<int:pk>/chief-notice/", views.chief_notice_send, name="chief-notice-send"),
    path("cases/<int:pk>/open/", views.investigation_open, name="investigation-open"),
    path("cases/<int:pk>/mayor-response/", views.mayor_response_record, name="mayor-response-record"),
    path("<int:pk>/records-requests/", views.records_request_send, name="records-request-send"),
    path("<int:pk>/complete/", views.investigation_complete, name="investigation-complete"),
    path("<int:pk>/plan/", views.investigation_plan, name="investigation-plan"),
    path("<int:pk>/tasks/", views.investigation_task_add, name="task-add"),
    path("tasks/<int:pk>/done/", views.investigation_task_done, name="task-done"),
    path("<int:pk>/report.pdf", views.investigation_report, name="investigation-report"),
    path("<int:pk>/report/render/", views.investigation_report_render, name="investigation-report-render"),
    path("allegations/<int:pk>/finding/", views.finding_record, name="finding-record"),
    path("ppb/requests/", views.liaison_inbox, name="liaison-inbox"),
    path("ppb/requests/<int:pk>/", views.records_request_detail, name="records-request-detail"),
    path(
        "ppb/requests/<int:pk>/records/<int:record_pk>/answer/",
        views.requested_record_answer,
        name="requested-record-answer",
    ),
    path("records/<int:record_pk>/file/", views.requested_record_file, name="requested-record-file"),
    path("records/<int:record_pk>/subpoena/", views.subpoena_issue, name="subpoena-issue"),
    path("subpoenas/<int:subpoena_pk>/", views.subpoena_advance, name="subpoena-advance"),
    path("<int:pk>/evidence/", views.evidence_receive, name="evidence-receive"),
    path("evidence/<int:pk>/derived/", views.evidence_mark_derived, name="evidence-mark-derived"),
    path("evidence/<int:pk>/marking/", views.material_mark, {"kind": "evidence"}, name="evidence-mark"),
    path("interviews/<int:pk>/marking/", views.material_mark, {"kind": "interview"}, name="interview-mark"),
    path("<int:pk>/interviews/", views.interview_schedule, name="interview-schedule"),
    path("interviews/<int:pk>/garrity/", views.interview_garrity, name="interview-garrity"),
    path("interviews/<int:pk>/statement/", views.interview_complete, name="interview-complete"),
    path("interviews/<int:pk>/refusal/", views.interview_refuse, name="interview-refuse"),
    path("cases/<int:pk>/prosecutor-export/", views.prosecutor_export, name="prosecutor-export"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("evidence/<int:pk>/verify/", views.evidence_verify, name="evidence-verify"),
    path("records/<int:record_pk>/evidence/", views.evidence_register_record, name="evidence-register-record"),
    path("ppb/chief-notices/<int:pk>/acknowledge/", views.chief_notice_acknowledge, name="chief-notice-acknowledge"),
    # Issue 11 (35A.050 F.1.l): discipline for failures to comply, recorded by the Director.
    path("cases/<int:pk>/non-compliance/", noncompliance_views.case_noncompliance, name="case-noncompliance"),
    path(
        "non-compliance/<str:kind>/<int:pk>/",
        noncompliance_views.noncompliance_record,
        name="noncompliance-record",
    ),
]
