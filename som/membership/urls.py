from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.membership.views import members, team, years

app_name = "membership"
urlpatterns = [
    path(_("apply/"), members.apply, name="apply"),
    path(_("mine/"), members.mine, name="mine"),
    path(_("applications/<id:pk>/withdraw/"), members.withdraw, name="withdraw"),
    path(_("<id:pk>/resign/"), members.resign, name="resign"),
    path(_("<id:pk>/representative/"), members.representative, name="representative"),
    path(_("team/applications/"), team.applications, name="applications"),
    path(_("team/applications/<id:pk>/approve/"), team.approve, name="approve"),
    path(_("team/applications/<id:pk>/decline/"), team.decline, name="decline"),
    path(_("team/overview/"), team.overview, name="overview"),
    path(_("team/register/"), team.register, name="register"),
    path(_("team/years/"), years.membership_years, name="years"),
    path(_("team/register/<id:number>/correct/"), team.correct_entry, name="correct_entry"),
]
