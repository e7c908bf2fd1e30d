from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.labs.views import proposals as views

app_name = "labs"
urlpatterns = [
    path("", views.calls, name="calls"),
    path(_("calls/<int:pk>/start/"), views.start, name="start"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("proposals/<int:pk>/"), views.proposal, name="proposal"),
    path(_("proposals/<int:pk>/history/"), views.history, name="history"),
    path(_("proposals/<int:pk>/invite/"), views.invite, name="invite"),
    path(_("proposals/<int:pk>/submit/"), views.submit, name="submit"),
    path(_("invitations/<int:pk>/accept/"), views.accept, name="accept"),
    path(_("invitations/<int:pk>/decline/"), views.decline, name="decline"),
    path(_("team/"), views.team_calls, name="team_calls"),
    path(_("team/calls/<int:pk>/"), views.team_call, name="team_call"),
    path(_("team/proposals/<int:pk>/"), views.team_proposal, name="team_proposal"),
    path(_("team/proposals/<int:pk>/pitch/"), views.pitch, name="pitch"),
]

# --- The live selection vote (som/labs/selection_views.py): one block, kept at the end -----------
from som.labs import selection_views  # noqa: E402

urlpatterns += [
    path(_("vote/<int:call_id>/"), selection_views.ballot, name="ballot"),
    path(_("vote/<int:call_id>/screen/"), selection_views.screen, name="screen"),
    path(_("calls/<int:call_id>/selection/"), selection_views.control, name="selection"),
    path(_("calls/<int:call_id>/result/"), selection_views.result, name="selection_result"),
]
