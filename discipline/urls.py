from django.urls import path

from . import views

app_name = "discipline"
urlpatterns = [
    path("panels/", views.panel_list, name="panel-list"),
    path("panels/<int:pk>/", views.panel_detail, name="panel-detail"),
    path("panels/<int:pk>/decide/", views.panel_decide, name="panel-decide"),
    path("panels/<int:pk>/allegations/<int:allegation_pk>/vote/", views.vote_cast, name="vote-cast"),
    path(
        "panels/<int:pk>/allegations/<int:allegation_pk>/discipline/", views.discipline_decide, name="discipline-decide"
    ),
    path("cases/<int:pk>/panel/", views.panel_convene, name="panel-convene"),
]
