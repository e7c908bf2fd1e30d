"""A lab lead writes stories for their own lab only; a story is a draft submitted to the team's
review, invisible to the public (its page, the list, the lab's page, the feeds) until the team
publishes it; after that the lead's form refuses to change it."""

# ruff: noqa: F811 (the fixtures imported from story_world)

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from som.publishing import stories
from som.publishing.models import SiteImage, StoryPage
from som.publishing.tests.story_world import (  # noqa: F401 (fixtures)
    _media,
    approve,
    index_in,
    other_lab,
    other_lead,
    png_upload,
    story_data,
    story_lab,
)

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "title": "Koken in de leraarskamer",
        "kind": "account",
        "lead": "Hoe een gedeelde maaltijd de leraarskamer veranderde.",
        "body": "We kookten samen.\n\n## Wat we leerden\n\n- praten gaat makkelijker",
        "video_url": "",
        "cover_recognisable": "nobody",
    }
    fields.update(changes)
    return fields


def _write_url(lab) -> str:
    return reverse("publishing:write_story", kwargs={"slug": lab.slug})


def test_a_lead_writes_a_draft_for_their_lab_and_the_team_gets_a_mail(
    story_lab, lab_lead, client_of, settings, django_capture_on_commit_callbacks
):
    client = client_of(lab_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_write_url(story_lab), _form(), follow=True)
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode() or "Thank you" in response.content.decode()
    story = StoryPage.objects.get(written_for_lab=story_lab)
    assert not story.live and story.first_published_at is None
    assert list(story.labs.all()) == [story_lab]
    assert story.owner == lab_lead
    assert story.get_parent().specific == index_in("nl")
    assert [b.block_type for b in story.body] == ["text"]
    state = story.current_workflow_state
    assert state is not None and state.workflow.name == stories.REVIEW_WORKFLOW
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Ours to the team's address (Wagtail also tells the members of the team's group).
    ours = [m for m in mail.outbox if m.to == [settings.SOM_TEAM_EMAIL]]
    assert len(ours) == 1 and "Koken in de leraarskamer" in ours[0].subject
    assert lab_lead.email not in {address for m in mail.outbox for address in m.to}


def test_another_labs_pages_answer_404_to_a_lead(story_lab, other_lab, lab_lead, client_of):
    client = client_of(lab_lead)
    for name in ("lab_stories", "write_story"):
        url = reverse(f"publishing:{name}", kwargs={"slug": other_lab.slug})
        assert client.get(url).status_code == 404
    assert client.post(_write_url(other_lab), _form()).status_code == 404
    assert not StoryPage.objects.exists()


def test_a_forged_post_on_another_labs_story_changes_nothing(
    story_lab, other_lab, lab_lead, other_lead, client_of
):
    theirs = stories.write_story(lab=other_lab, data=story_data(title="Van hen"), by=other_lead)
    revisions = theirs.revisions.count()
    client = client_of(lab_lead)
    # Their story through their lab's address, and through the lead's own lab's address.
    for slug in (other_lab.slug, story_lab.slug):
        url = reverse("publishing:edit_story", kwargs={"slug": slug, "pk": theirs.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, _form(title="Overgenomen")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Van hen" and theirs.revisions.count() == revisions


def test_a_member_who_is_not_a_lead_and_an_outsider_get_404(story_lab, outsider, client_of):
    assert client_of(outsider).get(_write_url(story_lab)).status_code == 404


def test_the_service_refuses_somebody_who_is_not_a_lead(story_lab, outsider):
    with pytest.raises(stories.StoryError) as error:
        stories.write_story(lab=story_lab, data=story_data(), by=outsider)
    assert error.value.code == "not_a_lead"
    assert not StoryPage.objects.exists()


def test_a_draft_is_invisible_to_the_public_until_the_team_publishes_it(
    story_lab, lab_lead, team_member, client, django_capture_on_commit_callbacks
):
    story = stories.write_story(lab=story_lab, data=story_data(), by=lab_lead)
    lab_page = reverse("labs:lab", kwargs={"slug": story_lab.slug})
    assert client.get(story.url).status_code == 404
    assert story.title not in client.get(index_in("nl").url).content.decode()
    assert story.title not in client.get(lab_page).content.decode()
    assert story.title not in client.get(reverse("publishing:stories_rss")).content.decode()

    # The publication drops the cached public pages once it commits (som/publishing/signals.py).
    with django_capture_on_commit_callbacks(execute=True):
        story = approve(story, team_member)

    assert story.live
    assert client.get(story.url).status_code == 200
    assert story.title in client.get(index_in("nl").url).content.decode()
    assert story.title in client.get(lab_page).content.decode()
    assert story.title in client.get(reverse("publishing:stories_rss")).content.decode()


def test_the_lead_changes_a_draft_and_it_goes_to_the_review_again(story_lab, lab_lead, client_of):
    story = stories.write_story(lab=story_lab, data=story_data(), by=lab_lead)
    first_state = story.current_workflow_state
    url = reverse("publishing:edit_story", kwargs={"slug": story_lab.slug, "pk": story.pk})
    client = client_of(lab_lead)
    assert "Wat we probeerden" in client.get(url).content.decode()
    response = client.post(
        url, _form(title="Beter gezegd", video_url="https://youtu.be/abcDEF12345")
    )
    assert response.status_code == 302
    story.refresh_from_db()
    draft = story.get_latest_revision_as_object()
    assert draft.title == "Beter gezegd" and not story.live
    assert [b.block_type for b in draft.body] == ["text", "video"]
    first_state.refresh_from_db()
    assert first_state.status == WorkflowState.STATUS_CANCELLED
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_after_publication_the_form_refuses_with_a_message(
    story_lab, lab_lead, team_member, client_of
):
    story = approve(stories.write_story(lab=story_lab, data=story_data(), by=lab_lead), team_member)
    url = reverse("publishing:edit_story", kwargs={"slug": story_lab.slug, "pk": story.pk})
    client = client_of(lab_lead)
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' not in page
    response = client.post(url, _form(title="Toch nog iets"), follow=True)
    assert response.status_code == 200
    assert "gepubliceerd" in response.content.decode() or "published" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Wat we leerden in de leraarskamer"
    with pytest.raises(stories.StoryError) as error:
        stories.update_story(story=story, data=story_data(title="Via de service"), by=lab_lead)
    assert error.value.code == "already_published"


def test_a_scheduled_story_can_no_longer_be_changed_by_the_lead(story_lab, lab_lead):
    story = stories.write_story(lab=story_lab, data=story_data(), by=lab_lead)
    StoryPage.objects.filter(pk=story.pk).update(
        go_live_at=timezone.now() + datetime.timedelta(days=2)
    )
    story.refresh_from_db()
    with pytest.raises(stories.StoryError):
        stories.update_story(story=story, data=story_data(title="Later"), by=lab_lead)


def test_a_cover_needs_its_alt_text_and_becomes_a_site_image(story_lab, lab_lead, client_of):
    client = client_of(lab_lead)
    response = client.post(_write_url(story_lab), _form(cover=png_upload()))
    assert response.status_code == 200  # the form again, with the message
    assert not StoryPage.objects.exists() and not SiteImage.objects.exists()
    response = client.post(
        _write_url(story_lab),
        _form(cover=png_upload(), cover_alt="Leerkrachten aan tafel", cover_credit="Foto: An"),
    )
    assert response.status_code == 302
    story = StoryPage.objects.get()
    assert story.cover is not None
    assert story.cover.description == "Leerkrachten aan tafel"
    assert story.cover.credit == "Foto: An"


def test_a_file_that_is_not_an_image_is_refused(story_lab, lab_lead, client_of):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cover.png", b"not an image at all", content_type="image/png")
    response = client_of(lab_lead).post(_write_url(story_lab), _form(cover=fake, cover_alt="x"))
    assert response.status_code == 200
    assert not StoryPage.objects.exists() and not SiteImage.objects.exists()


def test_a_video_address_elsewhere_than_youtube_or_vimeo_is_refused(story_lab, lab_lead, client_of):
    response = client_of(lab_lead).post(
        _write_url(story_lab), _form(video_url="https://example.org/video.mp4")
    )
    assert response.status_code == 200
    assert not StoryPage.objects.exists()


def test_the_lab_group_page_links_its_leads_to_writing_a_story(story_lab, lab_lead, client_of):
    page = client_of(lab_lead).get(reverse("labs:group", kwargs={"slug": story_lab.slug}))
    assert _write_url(story_lab) in page.content.decode()
