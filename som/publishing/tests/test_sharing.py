"""The team's "to post" list: a prepared LinkedIn text for every public story, portrait, event
and lab result, written once; marked posted (and undone) by the team only; an item that is a
draft, or is no longer public, gets no post and drops off the list."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from som.core.models import AuditEntry
from som.events.tests.factories import make_event
from som.labs.models import Result
from som.labs.services import labs as lab_services
from som.labs.tests.labs_world import lab_data
from som.publishing import sharing
from som.publishing.models import SocialPost, StoryIndexPage, StoryPage
from som.publishing.tests.portrait_world import make_portrait, published_portrait

pytestmark = pytest.mark.django_db


@pytest.fixture
def to_post_url():
    return reverse("publishing:to_post")


def published_story(title: str, *, live: bool = True) -> StoryPage:
    story = StoryPage(
        title=title,
        slug=slugify(title),
        lead=f"Over {title}.",
        body=[("text", "Tekst.")],
        live=False,
    )
    StoryIndexPage.objects.get(locale__language_code="nl").add_child(instance=story)
    revision = story.save_revision()
    if live:
        revision.publish()
    story.refresh_from_db()
    return story


def published_result(team_member, **fields) -> Result:
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(1000), by=team_member)
    values = {
        "title": "Een gedeelde leraarskamer",
        "summary": "Wat werkte, en wat niet.",
        "published_at": timezone.now(),
    }
    values.update(fields)
    return Result.objects.create(lab=lab, **values)


def posts_about(obj) -> QuerySet[SocialPost]:
    return SocialPost.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def post_about(obj) -> SocialPost:
    """The item's one post (the test fails when it has none)."""
    return posts_about(obj).get()


# --- prepare_posts ----------------------------------------------------------------------------


def test_every_public_item_gets_one_dutch_post_with_its_link_and_hashtags(team_member):
    story = published_story("Samen koken in de leraarskamer")
    portrait = published_portrait()
    event = make_event(title="Netwerkdag voorjaar", slug="netwerkdag-voorjaar", summary="Kom!")
    result = published_result(team_member)

    assert sharing.prepare_posts() == 4

    story_post = post_about(story)
    assert story_post.title == "Samen koken in de leraarskamer"
    assert story_post.url.endswith("/storys/samen-koken-in-de-leraarskamer/")
    assert story_post.url.startswith(("http://", "https://")) and story_post.url in story_post.text
    assert "Nieuw verhaal" in story_post.text and "Over Samen koken" in story_post.text
    assert "#SOMLeuven #onderwijs #Leuven" in story_post.text
    assert "Zij maken onderwijs: Elise Janssens" in post_about(portrait).text
    event_text = post_about(event).text
    assert event_text.startswith("Netwerkdag voorjaar, op ") and "Kom!" in event_text
    assert "/agenda/netwerkdag-voorjaar/" in event_text
    result_text = post_about(result).text
    assert "Een gedeelde leraarskamer" in result_text and "#SOMlabs" in result_text
    assert f"/{result.pk}/" in post_about(result).url


def test_the_daily_command_prepares_the_missing_posts():
    story = published_story("Samen koken")
    out = io.StringIO()
    call_command("prepare_posts", stdout=out)
    assert "1 post(s) prepared" in out.getvalue()
    assert posts_about(story).exists()


def test_preparing_again_writes_nothing_and_keeps_the_texts(team_member):
    story = published_story("Samen koken")
    make_event(slug="netwerkdag-voorjaar")
    assert sharing.prepare_posts() == 2
    post = post_about(story)
    SocialPost.objects.filter(pk=post.pk).update(text="De tekst die het team aanpaste.")

    assert sharing.prepare_posts() == 0
    assert SocialPost.objects.count() == 2
    post.refresh_from_db()
    assert post.text == "De tekst die het team aanpaste."


def test_a_draft_an_unpublished_item_or_an_unapproved_portrait_gets_no_post(team_member):
    draft = published_story("Nog een klad", live=False)
    hidden_event = make_event(slug="in-voorbereiding", is_published=False)
    past_event = make_event(
        slug="vorig-jaar",
        starts_at=timezone.now() - datetime.timedelta(days=400),
        ends_at=timezone.now() - datetime.timedelta(days=400) + datetime.timedelta(hours=3),
    )
    unpublished = published_result(team_member, published_at=None)
    unapproved = make_portrait(slug="nog-niet-goedgekeurd")

    assert sharing.prepare_posts() == 0
    for item in (draft, hidden_event, past_event, unpublished, unapproved):
        assert not posts_about(item).exists()


# --- The list ----------------------------------------------------------------------------------


def test_the_list_is_the_teams_only(client, client_of, outsider, teacher, lab_lead, to_post_url):
    make_event(slug="netwerkdag-voorjaar")
    response = client.get(to_post_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for person in (outsider, teacher, lab_lead):
        assert client_of(person).get(to_post_url).status_code == 404
    # Opening it is what prepares the posts: nobody else's visit wrote one.
    assert SocialPost.objects.count() == 0


def test_the_team_sees_the_posts_to_do_newest_first_with_the_weeks_count(
    client_of, team_member, to_post_url
):
    older = published_story("Het oudere verhaal")
    StoryPage.objects.filter(pk=older.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=10)
    )
    newer = published_story("Het nieuwe verhaal")
    response = client_of(team_member).get(to_post_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Het nieuwe verhaal") < html.index("Het oudere verhaal")
    assert post_about(newer).text in html
    assert "3 à 4 posts per week" in html or "3 to 4 posts a week" in html
    assert "0 posts" in html


def test_a_post_whose_item_went_offline_is_hidden_from_the_list(
    client_of, team_member, to_post_url
):
    story = published_story("Het ingetrokken verhaal")
    event = make_event(title="Afgelaste dag", slug="afgelaste-dag")
    portrait = published_portrait()
    client = client_of(team_member)
    html = client.get(to_post_url).content.decode()
    assert "Het ingetrokken verhaal" in html and "Afgelaste dag" in html
    sharing.mark_posted(post=post_about(portrait), by=team_member)
    assert "Elise Janssens" in client.get(to_post_url).content.decode()

    story.unpublish()
    event.is_published = False
    event.save()
    portrait.unpublish()  # withdrawn by the person portrayed

    html = client.get(to_post_url).content.decode()
    assert "Het ingetrokken verhaal" not in html
    assert "Afgelaste dag" not in html
    assert "Elise Janssens" not in html


# --- Marked posted, and undone --------------------------------------------------------------------


def test_the_team_marks_a_post_posted_and_undoes_it(client_of, team_member, to_post_url):
    story = published_story("Samen koken")
    client = client_of(team_member)
    client.get(to_post_url)
    post = post_about(story)
    mark_url = reverse("publishing:mark_posted", kwargs={"pk": post.pk})

    response = client.post(mark_url, {"action": "posted"}, follow=True)
    post.refresh_from_db()
    assert post.posted_at is not None and post.posted_by == team_member
    html = response.content.decode()
    assert "Tine Team" in html
    assert "1 post" in html  # this week's count
    assert AuditEntry.objects.filter(action="social_post.posted", object_id=str(post.pk)).exists()

    # A second "posted" (a colleague's old tab) changes nothing.
    client.post(mark_url, {"action": "posted"})
    post.refresh_from_db()
    assert post.posted_by == team_member

    client.post(mark_url, {"action": "undo"})
    post.refresh_from_db()
    assert post.posted_at is None and post.posted_by is None
    assert AuditEntry.objects.filter(action="social_post.unposted", object_id=str(post.pk)).exists()


def test_nobody_but_the_team_marks_a_post(client, client_of, outsider, lab_lead, team_member):
    story = published_story("Samen koken")
    sharing.prepare_posts()
    post = post_about(story)
    mark_url = reverse("publishing:mark_posted", kwargs={"pk": post.pk})
    for someone in (client, client_of(outsider), client_of(lab_lead)):
        response = someone.post(mark_url, {"action": "posted"})
        assert response.status_code in (302, 404)
        post.refresh_from_db()
        assert post.posted_at is None
    with pytest.raises(sharing.SharingError) as error:
        sharing.mark_posted(post=post, by=lab_lead)
    assert error.value.code == "not_team"
    sharing.mark_posted(post=post, by=team_member)
    with pytest.raises(sharing.SharingError) as error:
        sharing.unmark_posted(post=post, by=outsider)
    assert error.value.code == "not_team"
    post.refresh_from_db()
    assert post.posted_by == team_member


def test_an_unknown_action_changes_nothing(client_of, team_member):
    story = published_story("Samen koken")
    sharing.prepare_posts()
    post = post_about(story)
    client_of(team_member).post(
        reverse("publishing:mark_posted", kwargs={"pk": post.pk}), {"action": "delete"}
    )
    post.refresh_from_db()
    assert post.posted_at is None
    assert SocialPost.objects.filter(pk=post.pk).exists()


def test_the_lists_queries_do_not_grow_with_its_rows(client_of, team_member, to_post_url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of(team_member)

    def queries() -> int:
        client.get(to_post_url)  # prepares what is missing; the second visit only reads
        with CaptureQueriesContext(connection) as captured:
            assert client.get(to_post_url).status_code == 200
        return len(captured)

    published_story("Het eerste verhaal")
    make_event(slug="eerste-dag")
    published_result(team_member)
    few = queries()
    for n in range(3):
        published_story(f"Verhaal {n}")
        make_event(slug=f"dag-{n}")
    post = SocialPost.objects.first()
    assert post is not None
    sharing.mark_posted(post=post, by=team_member)
    assert queries() <= few + 1  # + the posted list's own query


def test_wagtails_menu_leads_the_team_to_the_list(client_of, team_member, to_post_url):
    html = client_of(team_member).get("/cms/").content.decode()
    assert to_post_url in html and "Te posten" in html
