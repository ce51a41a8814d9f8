from django.urls import path

from . import letter_views, views

app_name = "notices"
urlpatterns = [
    path("outbox/", views.outbox_list, name="outbox-list"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox-read"),
    path("outbox/<int:pk>/act/", letter_views.failed_notice_act, name="failed-notice-act"),
    path("letters/", letter_views.letter_list, name="letter-list"),
    path("letters/batches/", letter_views.letter_batch_create, name="letter-batch-create"),
    path("letters/batches/<int:pk>/", letter_views.letter_batch_detail, name="letter-batch-detail"),
    path("letters/batches/<int:pk>/letters.pdf", letter_views.letter_batch_pdf, name="letter-batch-pdf"),
]
