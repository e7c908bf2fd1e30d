from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.membership.views import members as views
from som.membership.views import team as team_views
from som.membership.views import years as year_views

app_name = "membership"
urlpatterns = [
    path(_("apply/"), views.apply, name="apply"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("applications/<id:pk>/withdraw/"), views.withdraw, name="withdraw"),
    path(_("<id:pk>/resign/"), views.resign, name="resign"),
    path(_("<id:pk>/representative/"), views.representative, name="representative"),
    path(_("team/applications/"), team_views.applications, name="applications"),
    path(_("team/applications/<id:pk>/approve/"), team_views.approve, name="approve"),
    path(_("team/applications/<id:pk>/decline/"), team_views.decline, name="decline"),
    path(_("team/overview/"), team_views.overview, name="overview"),
    path(_("team/register/"), team_views.register, name="register"),
    path(_("team/years/"), year_views.membership_years, name="years"),
    path(_("team/register/<id:number>/correct/"), team_views.correct_entry, name="correct_entry"),
]
