from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.events import door, views

app_name = "events"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("ticket/sw.js"), views.ticket_service_worker, name="ticket_sw"),
    path(_("ticket/<str:code>/"), views.ticket, name="ticket"),
    path(_("cancel/<str:token>/"), views.cancel_link, name="cancel_link"),
    path(_("registrations/<id:pk>/"), views.registered, name="registered"),
    path(_("registrations/<id:pk>/cancel/"), views.cancel, name="cancel"),
    path("<slug:slug>/", views.detail, name="detail"),
    path(_("<slug:slug>/register/"), views.register, name="register"),
    path(_("<slug:slug>/register-colleague/"), views.register_colleague, name="register_colleague"),
]

# The team's door and attendance pages (som/events/door.py).
urlpatterns += [
    path(_("team/attendance/"), door.attendance_overview, name="attendance"),
    path(_("team/<id:pk>/attendance/"), door.attendance_event, name="attendance_event"),
    path(_("team/<id:pk>/attendees.<str:format>"), door.attendees_export, name="attendees_export"),
    path(_("team/<id:pk>/door/"), door.door, name="door"),
    path(_("team/<id:pk>/door/check-in/"), door.door_check_in, name="door_check_in"),
    path(_("team/<id:pk>/door/walk-in/"), door.door_walk_in, name="door_walk_in"),
]
