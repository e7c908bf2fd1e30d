from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("ticket/sw.js"), views.ticket_service_worker, name="ticket_sw"),
    path(_("ticket/<str:code>/"), views.ticket, name="ticket"),
    path(_("cancel/<str:token>/"), views.cancel_link, name="cancel_link"),
    path(_("registrations/<int:pk>/"), views.registered, name="registered"),
    path(_("registrations/<int:pk>/cancel/"), views.cancel, name="cancel"),
    path("<slug:slug>/", views.detail, name="detail"),
    path(_("<slug:slug>/register/"), views.register, name="register"),
    path(_("<slug:slug>/register-colleague/"), views.register_colleague, name="register_colleague"),
]
