from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.governance.views import chair, meetings, records, requests, vote

app_name = "governance"
urlpatterns = [
    path("", meetings.meetings, name="meetings"),
    path(_("bodies/"), meetings.bodies, name="bodies"),
    path(_("decisions/"), records.decisions, name="decisions"),
    path(_("requests/"), requests.requests, name="requests"),
    path(_("requests/<id:pk>/sign/"), requests.sign_request, name="sign_request"),
    path(_("meetings/<id:pk>/"), meetings.meeting, name="meeting"),
    path(_("meetings/<id:pk>/attendance/"), meetings.attendance, name="attendance"),
    path(_("meetings/<id:pk>/proxy/"), meetings.proxy, name="proxy"),
    path(_("proxies/<id:pk>/withdraw/"), meetings.withdraw_proxy, name="withdraw_proxy"),
    path(_("meetings/<id:pk>/propose/"), meetings.propose, name="propose"),
    path(_("proposals/<id:pk>/sign/"), meetings.sign_proposal, name="sign_proposal"),
    path(_("meetings/<id:pk>/vote/"), vote.vote, name="vote"),
    path(_("meetings/<id:pk>/screen/"), vote.projector, name="projector"),
    path(_("documents/<id:pk>/"), records.document, name="document"),
    path(_("meetings/<id:pk>/minutes/"), records.minutes, name="minutes"),
    path(_("meetings/<id:pk>/minutes.pdf"), records.minutes_pdf, name="minutes_pdf"),
    # The secretary's pages (som/governance/views/chair.py)
    path(_("meetings/new/"), chair.new_meeting, name="new_meeting"),
    path(_("meetings/<id:pk>/prepare/"), chair.prepare, name="prepare"),
    path(_("meetings/<id:pk>/chair/"), chair.chair, name="chair"),
    path(_("meetings/<id:pk>/minutes/edit/"), chair.edit_minutes, name="edit_minutes"),
]
