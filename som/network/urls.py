from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.network import claim_views, invitation_views, views

app_name = "network"
urlpatterns = [
    path(_("mine/"), views.my_organisations, name="mine"),
    path(_("find/"), claim_views.find, name="find"),
    path(_("add/"), claim_views.add, name="add"),
    path(_("requests/<id:pk>/"), claim_views.claim_detail, name="claim_detail"),
    path(_("requests/<id:pk>/hand-over/"), claim_views.hand_over, name="hand_over"),
    path(_("requests/<id:pk>/withdraw/"), claim_views.withdraw, name="withdraw_claim"),
    path(_("team/requests/"), claim_views.team_claims, name="claims"),
    path(_("team/requests/<id:pk>/grant/"), claim_views.team_grant, name="grant_claim"),
    path(_("team/requests/<id:pk>/decline/"), claim_views.team_decline, name="decline_claim"),
    path(_("invitations/<id:pk>/accept/"), invitation_views.accept, name="accept_invitation"),
    path(_("invitations/<id:pk>/decline/"), invitation_views.decline, name="decline_invitation"),
    path(_("invitations/<str:token>/"), invitation_views.invitation, name="invitation"),
    path(_("<slug:slug>/act-for/"), claim_views.claim, name="claim"),
    path(_("<slug:slug>/edit/"), views.edit_organisation, name="edit"),
    path(_("<slug:slug>/staff/"), views.staff, name="staff"),
    path(_("<slug:slug>/staff/<id:pk>/end/"), views.end_staff, name="end_staff"),
    path(
        _("<slug:slug>/staff/invitations/again/"), invitation_views.resend, name="resend_invitation"
    ),
    path(
        _("<slug:slug>/staff/invitations/withdraw/"),
        invitation_views.withdraw,
        name="withdraw_invitation",
    ),
]
