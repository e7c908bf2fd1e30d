from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.team_home, name="team_home"),
    path(_("annual-report/"), views.annual_report, name="annual_report"),
]
