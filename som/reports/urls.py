from django.urls import path

from som.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.team_home, name="team_home"),
]
