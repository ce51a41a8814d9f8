from django.urls import path

from . import mfa_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("mfa/verify/", mfa_views.verify, name="mfa-verify"),
    path("mfa/enrol/", mfa_views.enrol, name="mfa-enrol"),
    path("mfa/recovery-codes/", mfa_views.recovery_codes, name="recovery-codes"),
    path("mfa/reset/", mfa_views.reset, name="mfa-reset"),
    path("", views.home, name="home"),
]
