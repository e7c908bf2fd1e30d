from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.membership import views

app_name = "membership"
urlpatterns = [
    path(_("apply/"), views.apply, name="apply"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("applications/<int:pk>/withdraw/"), views.withdraw, name="withdraw"),
    path(_("<int:pk>/resign/"), views.resign, name="resign"),
    path(_("<int:pk>/representative/"), views.representative, name="representative"),
    path(_("team/applications/"), views.applications, name="applications"),
    path(_("team/applications/<int:pk>/approve/"), views.approve, name="approve"),
    path(_("team/applications/<int:pk>/decline/"), views.decline, name="decline"),
    path(_("team/overview/"), views.overview, name="overview"),
    path(_("team/register/"), views.register, name="register"),
    path(_("team/register/<int:number>/correct/"), views.correct_entry, name="correct_entry"),
]
