from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.network import views

app_name = "network"
urlpatterns = [
    path(_("mine/"), views.my_organisations, name="mine"),
    path(_("<slug:slug>/edit/"), views.edit_organisation, name="edit"),
    path(_("<slug:slug>/staff/"), views.staff, name="staff"),
    path(_("<slug:slug>/staff/<int:pk>/end/"), views.end_staff, name="end_staff"),
]
