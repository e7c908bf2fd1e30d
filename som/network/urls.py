from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.network.views import claims, invitations, organisations

app_name = "network"
urlpatterns = [
    path(_("mine/"), organisations.my_organisations, name="mine"),
    path(_("find/"), claims.find, name="find"),
    path(_("add/"), claims.add, name="add"),
    path(_("requests/<id:pk>/"), claims.claim_detail, name="claim_detail"),
    path(_("requests/<id:pk>/hand-over/"), claims.hand_over, name="hand_over"),
    path(_("requests/<id:pk>/withdraw/"), claims.withdraw, name="withdraw_claim"),
    path(_("team/requests/"), claims.team_claims, name="claims"),
    path(_("team/requests/<id:pk>/grant/"), claims.team_grant, name="grant_claim"),
    path(_("team/requests/<id:pk>/decline/"), claims.team_decline, name="decline_claim"),
    path(_("invitations/<id:pk>/accept/"), invitations.accept, name="accept_invitation"),
    path(_("invitations/<id:pk>/decline/"), invitations.decline, name="decline_invitation"),
    path(_("invitations/<str:token>/"), invitations.invitation, name="invitation"),
    path(_("<slug:slug>/act-for/"), claims.claim, name="claim"),
    path(_("<slug:slug>/edit/"), organisations.edit_organisation, name="edit"),
    path(_("<slug:slug>/staff/"), organisations.staff, name="staff"),
    path(_("<slug:slug>/staff/<id:pk>/end/"), organisations.end_staff, name="end_staff"),
    path(_("<slug:slug>/staff/invitations/again/"), invitations.resend, name="resend_invitation"),
    path(
        _("<slug:slug>/staff/invitations/withdraw/"),
        invitations.withdraw,
        name="withdraw_invitation",
    ),
]
