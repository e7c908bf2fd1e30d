from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.governance import chair_views, views

app_name = "governance"
urlpatterns = [
    path("", views.meetings, name="meetings"),
    path(_("bodies/"), views.bodies, name="bodies"),
    path(_("decisions/"), views.decisions, name="decisions"),
    path(_("requests/"), views.requests, name="requests"),
    path(_("requests/<id:pk>/sign/"), views.sign_request, name="sign_request"),
    path(_("meetings/<id:pk>/"), views.meeting, name="meeting"),
    path(_("meetings/<id:pk>/attendance/"), views.attendance, name="attendance"),
    path(_("meetings/<id:pk>/proxy/"), views.proxy, name="proxy"),
    path(_("proxies/<id:pk>/withdraw/"), views.withdraw_proxy, name="withdraw_proxy"),
    path(_("meetings/<id:pk>/propose/"), views.propose, name="propose"),
    path(_("proposals/<id:pk>/sign/"), views.sign_proposal, name="sign_proposal"),
    path(_("meetings/<id:pk>/vote/"), views.vote, name="vote"),
    path(_("meetings/<id:pk>/screen/"), views.projector, name="projector"),
    path(_("documents/<id:pk>/"), views.document, name="document"),
    path(_("meetings/<id:pk>/minutes/"), views.minutes, name="minutes"),
    path(_("meetings/<id:pk>/minutes.pdf"), views.minutes_pdf, name="minutes_pdf"),
    # The secretary's pages (som/governance/chair_views.py)
    path(_("meetings/new/"), chair_views.new_meeting, name="new_meeting"),
    path(_("meetings/<id:pk>/prepare/"), chair_views.prepare, name="prepare"),
    path(_("meetings/<id:pk>/chair/"), chair_views.chair, name="chair"),
    path(_("meetings/<id:pk>/minutes/edit/"), chair_views.edit_minutes, name="edit_minutes"),
]
