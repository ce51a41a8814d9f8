from django.urls import path

from . import views

app_name = "roster"
urlpatterns = [path("", views.employee_list, name="employee-list")]
