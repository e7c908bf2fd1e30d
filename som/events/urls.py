from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.events import views
from som.events.views import certificates, colleagues, door, partners
from som.events.views import entry_rules as entry_rules_views
from som.events.views import overbooking as overbooking_views
from som.events.views import reconfirmation as reconfirmation_views

app_name = "events"
urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path(_("mine/"), views.mine, name="mine"),
    # Attendance certificates (som/events/views/certificates.py), before the events' own slugs.
    path(_("my-certificates/"), certificates.mine, name="my_certificates"),
    path(_("my-certificates/<id:pk>/"), certificates.issue_mine, name="issue_my_certificate"),
    path(_("certificates/<id:pk>.pdf"), certificates.download, name="certificate_pdf"),
    path(
        _("certificates/organisation/<slug:slug>/"),
        certificates.staff,
        name="staff_certificates",
    ),
    path(
        _("certificates/organisation/<slug:slug>/pdf/"),
        certificates.staff_pdf,
        name="staff_certificates_pdf",
    ),
    # Partners' items in the calendar (som/events/views/partners.py), before the events' slugs.
    path(_("propose/"), partners.propose, name="propose"),
    path(_("ticket/sw.js"), views.ticket_service_worker, name="ticket_sw"),
    path(_("ticket/<str:code>/"), views.ticket, name="ticket"),
    path(_("cancel/<str:token>/"), views.cancel_link, name="cancel_link"),
    path(_("place/<str:token>/"), reconfirmation_views.place, name="place"),
    path(_("registrations/<id:pk>/"), views.registered, name="registered"),
    path(_("registrations/<id:pk>/cancel/"), views.cancel, name="cancel"),
    path(
        _("registrations/<id:pk>/cancel-for-colleague/"),
        colleagues.cancel_colleague,
        name="cancel_colleague",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path(_("<slug:slug>/register/"), views.register, name="register"),
    path(_("<slug:slug>/register-colleague/"), views.register_colleague, name="register_colleague"),
    path(_("<slug:slug>/image/"), partners.image, name="image"),
]

# The team's review of partners' items and their feeds (som/events/views/partners.py).
urlpatterns += [
    path(_("team/partner-items/"), partners.review_list, name="partner_items"),
    path(_("team/partner-items/<id:pk>/"), partners.review_item, name="partner_item"),
    path(_("team/partner-items/<id:pk>/accept/"), partners.accept_item, name="accept_partner_item"),
    path(
        _("team/partner-items/<id:pk>/decline/"), partners.decline_item, name="decline_partner_item"
    ),
    path(_("team/partner-feeds/"), partners.feeds, name="partner_feeds"),
    path(_("team/partner-feeds/<id:pk>/"), partners.change_feed, name="change_partner_feed"),
    path(_("team/partner-feeds/<id:pk>/import/"), partners.import_feed, name="import_partner_feed"),
]

# The entry rules: the members' benefit as the general assembly decided it.
urlpatterns += [path(_("team/entry/"), entry_rules_views.entry_rules, name="entry_rules")]

# The team's door and attendance pages (som/events/views/door.py).
urlpatterns += [
    path(_("team/attendance/"), door.attendance_overview, name="attendance"),
    path(_("team/<id:pk>/attendance/"), door.attendance_event, name="attendance_event"),
    path(
        _("team/<id:pk>/overbooking/"), overbooking_views.set_extra_places, name="set_overbooking"
    ),
    path(_("team/<id:pk>/attendees.<str:format>"), door.attendees_export, name="attendees_export"),
    path(_("team/<id:pk>/door/"), door.door, name="door"),
    path(_("team/<id:pk>/certificates/"), certificates.issue_for_event, name="issue_certificates"),
    path(_("team/<id:pk>/certificates.pdf"), certificates.event_pdf, name="event_certificates_pdf"),
    path(_("team/<id:pk>/door/check-in/"), door.door_check_in, name="door_check_in"),
    path(_("team/<id:pk>/door/walk-in/"), door.door_walk_in, name="door_walk_in"),
]
