from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("outbox/", views.outbox_list, name="outbox-list"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox-read"),
]
