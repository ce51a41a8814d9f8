"""The public's reviews of closed deadly-force cases (R4.5), mounted at /participate/closed-case-reviews/
in oversight/urls.py (governance, a kernel app, may not import discipline)."""

from django.urls import path

from . import closed_case_review_views as views

app_name = "closed_case_reviews"
urlpatterns = [
    path("", views.public_review_list, name="list"),
    path("<int:pk>/", views.public_review_detail, name="detail"),
    path("<int:pk>/review.pdf", views.public_review_pdf, name="pdf"),
    path("publications/<int:pk>/", views.public_batch_detail, name="batch-detail"),
]
