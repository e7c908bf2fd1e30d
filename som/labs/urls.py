from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.labs.views import calls, group, public, team
from som.labs.views import proposals as views
from som.labs.views import selection as selection_views

app_name = "labs"
# The public pages first: most requests are theirs, and routing tries the patterns in order.
urlpatterns = [
    path("", public.overview, name="overview"),
    path(_("results/"), public.results, name="results"),
    path(_("lab/<slug:slug>/"), public.lab, name="lab"),
    # Proposals and calls (som/labs/views/proposals.py).
    path(_("calls/"), views.calls, name="calls"),
    path(_("calls/<id:pk>/start/"), views.start, name="start"),
    path(_("mine/"), views.mine, name="mine"),
    path(_("proposals/<id:pk>/"), views.proposal, name="proposal"),
    path(_("proposals/<id:pk>/history/"), views.history, name="history"),
    path(_("proposals/<id:pk>/invite/"), views.invite, name="invite"),
    path(_("proposals/<id:pk>/submit/"), views.submit, name="submit"),
    path(_("invitations/<id:pk>/accept/"), views.accept, name="accept"),
    path(_("invitations/<id:pk>/decline/"), views.decline, name="decline"),
    path(_("team/"), views.team_calls, name="team_calls"),
    path(_("team/calls/new/"), calls.new_call, name="new_call"),
    path(_("team/calls/<id:pk>/"), views.team_call, name="team_call"),
    path(_("team/calls/<id:pk>/edit/"), calls.edit_call, name="edit_call"),
    path(_("team/calls/<id:pk>/close/"), calls.close_call, name="close_call"),
    path(_("team/proposals/<id:pk>/"), views.team_proposal, name="team_proposal"),
    path(_("team/proposals/<id:pk>/pitch/"), views.pitch, name="pitch"),
]

# --- Labs at work: public pages, the group's pages, the team's pages ------------------------------
urlpatterns += [
    path(_("lab/<slug:slug>/contact/"), public.contact, name="contact"),
    path(_("lab/<slug:slug>/results/<id:pk>/"), public.result, name="result"),
    path(_("files/attachments/<id:pk>/"), public.attachment, name="attachment"),
    path(_("files/results/<id:pk>/"), public.result_file, name="result_file"),
    path(_("files/receipts/<id:pk>/"), public.receipt, name="receipt"),
    path(_("lab/<slug:slug>/group/"), group.home, name="group"),
    path(_("lab/<slug:slug>/group/invite/"), group.invite_member, name="invite_member"),
    path(_("lab/<slug:slug>/group/members/<id:pk>/end/"), group.end_member, name="end_member"),
    path(_("lab/<slug:slug>/edit/"), group.edit_lab, name="edit"),
    path(_("lab/<slug:slug>/status/"), group.status, name="status"),
    path(_("lab/<slug:slug>/sessions/new/"), group.plan_session, name="plan_session"),
    path(_("lab/<slug:slug>/sessions/<id:pk>/"), group.session, name="session"),
    path(_("lab/<slug:slug>/sessions/<id:pk>/answer/"), group.answer, name="answer"),
    path(_("lab/<slug:slug>/sessions/<id:pk>/record/"), group.record, name="record"),
    path(_("lab/<slug:slug>/sessions/<id:pk>/cancel/"), group.cancel_session, name="cancel"),
    path(_("lab/<slug:slug>/logbook/"), group.logbook, name="logbook"),
    path(_("lab/<slug:slug>/logbook/<id:pk>/edit/"), group.edit_entry, name="edit_entry"),
    path(_("lab/<slug:slug>/budget/"), group.budget, name="budget"),
    path(_("lab/<slug:slug>/results/manage/"), group.results, name="manage_results"),
    path(_("lab/<slug:slug>/results/<id:pk>/edit/"), group.edit_result, name="edit_result"),
    path(_("lab/<slug:slug>/year/"), group.year_entries, name="year_entries"),
    path(_("lab/<slug:slug>/year/<id:pk>/"), group.year_entry, name="year_entry"),
    path(_("invitations/labs/<id:pk>/accept/"), group.accept, name="accept_lab"),
    path(_("invitations/labs/<id:pk>/decline/"), group.decline, name="decline_lab"),
    path(_("team/labs/"), team.labs, name="team_labs"),
    path(_("team/labs/new/"), team.create, name="team_create_lab"),
    path(_("team/proposals/<id:pk>/lab/"), team.from_proposal, name="team_lab_from_proposal"),
    path(_("team/labs/<slug:slug>/"), team.lab, name="team_lab"),
    path(_("team/labs/<slug:slug>/expenses/<id:pk>/"), team.expense, name="team_expense"),
    path(_("team/labs/<slug:slug>/year/<id:pk>/"), team.year_entry, name="team_year_entry"),
]

# --- The live selection vote (som/labs/views/selection.py): one block, kept at the end ----------

urlpatterns += [
    path(_("vote/<id:call_id>/"), selection_views.ballot, name="ballot"),
    path(_("vote/<id:call_id>/screen/"), selection_views.screen, name="screen"),
    path(_("calls/<id:call_id>/selection/"), selection_views.control, name="selection"),
    path(_("calls/<id:call_id>/result/"), selection_views.result, name="selection_result"),
]
