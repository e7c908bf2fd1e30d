from django.urls import path
from django.utils.translation import gettext_lazy as _

from som.publishing import feeds
from som.publishing.views import consent as consent_views
from som.publishing.views import directory as directory_views
from som.publishing.views import portrait as portrait_views
from som.publishing.views import sharing as sharing_views
from som.publishing.views import story as story_views

app_name = "publishing"
urlpatterns = [
    # Who is in the network: the member institutions and partners (directory_views).
    path(_("network/"), directory_views.directory, name="directory"),
    path(_("network/<slug:slug>/"), directory_views.organisation, name="organisation"),
    path(
        _("organisations/<slug:slug>/directory/"),
        directory_views.edit_profile,
        name="edit_profile",
    ),
    path(
        _("organisations/<slug:slug>/directory/me/"),
        directory_views.my_listing,
        name="my_listing",
    ),
    # Feeds of the stories and portraits (feeds).
    path(_("stories.rss"), feeds.StoriesRss(), name="stories_rss"),
    path(_("stories.atom"), feeds.StoriesAtom(), name="stories_atom"),
    path(_("portraits.rss"), feeds.PortraitsRss(), name="portraits_rss"),
    # A portrait: the person's approval (a link from a mail), and readers' messages to them.
    path(_("portrait/approve/<str:token>/"), portrait_views.approval, name="portrait_approval"),
    path(_("portrait/<id:pk>/message/"), portrait_views.contact_person, name="portrait_message"),
    path(_("team/portraits/<id:pk>/ask/"), portrait_views.ask_approval, name="ask_approval"),
    # A lab lead writes a story for their lab; the team reviews it (story_views).
    path(_("labs/<slug:slug>/stories/"), story_views.lab_stories, name="lab_stories"),
    path(_("labs/<slug:slug>/stories/new/"), story_views.write_story, name="write_story"),
    path(_("labs/<slug:slug>/stories/<id:pk>/"), story_views.edit_story, name="edit_story"),
    # The consent register (consent_views), for the team.
    path(_("team/consents/"), consent_views.register, name="consents"),
    path(_("team/consents/new/"), consent_views.record, name="record_consent"),
    path(_("team/consents/<id:pk>/"), consent_views.detail, name="consent"),
    path(_("team/consents/<id:pk>/revoke/"), consent_views.revoke, name="revoke_consent"),
    # The team's posts to share (sharing_views).
    path(_("team/to-post/"), sharing_views.to_post, name="to_post"),
    path(_("team/to-post/<id:pk>/posted/"), sharing_views.mark_posted, name="mark_posted"),
]
