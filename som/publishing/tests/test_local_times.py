"""The public site's team and lab pages show times in Brussels time (see
som/core/tests/local_times.py): the clock stands at 15:30 on 7 December."""

# ruff: noqa: F811 (the fixtures imported from story_world)

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from som.core.tests.local_times import HALF_PAST_THREE, assert_local, assert_local_text
from som.events.models import Event
from som.events.tests.factories import make_event
from som.network.consents import record_consent, revoke_consent
from som.publishing import sharing, stories
from som.publishing.models import PortraitApproval, SocialPost
from som.publishing.tests.portrait_world import approval_of, make_portrait
from som.publishing.tests.story_world import (  # noqa: F401 (fixtures)
    _media,
    story_data,
    story_lab,
)

pytestmark = pytest.mark.django_db

COVERS = {
    "publishing/consent_detail.html",
    "publishing/lab_stories.html",
    "publishing/portrait_ask_approval.html",
    "publishing/posts/event.txt",
    "publishing/to_post.html",
}


@pytest.fixture(autouse=True)
def _half_past_three(time_machine):
    time_machine.move_to(HALF_PAST_THREE, tick=False)


def test_a_revoked_consent_shows_when_it_was_revoked(client_of, team_member):
    consent = record_consent(by=team_member, subject_name="Ann Peeters", uses=["website"])
    revoke_consent(by=team_member, consent=consent, revoked_by_name="Ann Peeters")
    url = reverse("publishing:consent", kwargs={"pk": consent.pk})
    assert_local(client_of(team_member), url, {"publishing/consent_detail.html"})


def test_a_lab_lead_sees_when_their_story_was_saved(client_of, lab_lead, story_lab):
    stories.write_story(lab=story_lab, data=story_data(), by=lab_lead)
    url = reverse("publishing:lab_stories", kwargs={"slug": story_lab.slug})
    assert_local(client_of(lab_lead), url, {"publishing/lab_stories.html"})


def test_the_team_sees_when_an_approval_was_asked(client_of, team_member):
    portrait = make_portrait()
    approval_of(portrait, status=PortraitApproval.Status.ASKED)
    url = reverse("publishing:ask_approval", kwargs={"pk": portrait.pk})
    assert_local(client_of(team_member), url, {"publishing/portrait_ask_approval.html"})


def test_an_events_post_and_the_list_say_the_local_time(client_of, team_member):
    event = make_event(
        kind=Event.Kind.COMMUNITY,
        starts_at=HALF_PAST_THREE + datetime.timedelta(days=10),
        ends_at=HALF_PAST_THREE + datetime.timedelta(days=10, hours=2),
    )
    sharing.prepare_posts()
    post = SocialPost.objects.get(
        content_type=ContentType.objects.get_for_model(Event), object_id=event.pk
    )
    assert_local_text(post.text, "the event's post")
    sharing.mark_posted(post=post, by=team_member)
    assert_local(
        client_of(team_member),
        reverse("publishing:to_post"),
        COVERS
        - {
            "publishing/consent_detail.html",
            "publishing/lab_stories.html",
            "publishing/portrait_ask_approval.html",
            "publishing/posts/event.txt",
        },
    )
