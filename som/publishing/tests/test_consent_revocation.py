"""Revoking a consent takes the photo and the quote off every public place in the same request:
a story whose cover and gallery use the image (its page, the story list, the home page), the
portrait with that consent, the lab result's photo, and the image's own address. The team gets a
mail that lists the places. And the register's pages are the team's only."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from som.labs.models import ResultFile
from som.labs.services import work
from som.network.models import Consent
from som.publishing.images import ALLOWED_SPECS, image_url
from som.publishing.models import HomePage, StoryIndexPage, StoryPage
from som.publishing.tests.image_world import site_image, website_consent
from som.publishing.tests.story_world import (  # noqa: F401 (fixtures)
    png_upload,
    story_lab,
)

QUOTE = "Samen leren we meer dan alleen."


def traces(html: str, image) -> list[str]:
    """The image's addresses (any size) and its file's name, where they occur in a page."""
    found = re.findall(rf"/images/[^\"' ]+/{image.pk}/[a-z0-9x-]+/", html)
    name = image.file.name.rsplit("/", 1)[-1]
    if name in html:
        found.append(name)
    return found


@pytest.fixture
def world(team_member, lab_lead, story_lab):  # noqa: F811
    consent = website_consent(team_member, name="Anna Peeters", uses=["website", "newsletter"])
    image = site_image(
        "Anna in de klas", recognisable="people", consent_list=(consent,), credit="Jan"
    )
    other = site_image("Lege klas")
    story = StoryPage(
        title="Klasbezoek bij Anna",
        slug="klasbezoek-bij-anna",
        lead="Een bezoek.",
        cover=image,
        body=[
            ("text", "Een bezoek."),
            ("gallery", {"images": [image, other], "caption": "De klas"}),
            ("quote", {"text": QUOTE, "name": "Anna Peeters", "role": "", "consent": consent.pk}),
        ],
        live=False,
    )
    StoryIndexPage.objects.get(locale__language_code="nl").add_child(instance=story)
    story.save_revision().publish()
    story.refresh_from_db()
    from som.publishing.tests.portrait_world import published_portrait

    portrait = published_portrait(photo=image, consent=consent)
    result = work.save_result(
        lab=story_lab,
        data=work.ResultData(title="Startnota", summary="Wat we leerden."),
        by=lab_lead,
    )
    photo = work.add_result_file(
        result=result,
        upload=png_upload("anna.png"),
        by=lab_lead,
        caption="Anna aan het woord",
        is_photo=True,
        recognisable=ResultFile.Recognisable.ADULTS,
        consent=True,
    )
    # The team links the lab's photo to Anna's own consent in the register.
    ResultFile.objects.filter(pk=photo.pk).update(consent=consent)
    work.publish_result(result=result, by=lab_lead)
    return {
        "consent": consent,
        "image": image,
        "story": story,
        "portrait": portrait,
        "result": result,
        "photo": photo,
    }


def public_pages(world) -> dict[str, str]:
    result = world["result"]
    return {
        "story": world["story"].url,
        "story list": StoryIndexPage.objects.get(locale__language_code="nl").url,
        "home": HomePage.objects.get(locale__language_code="nl").url,
        "portrait": world["portrait"].url,
        "lab result": reverse("labs:result", kwargs={"slug": result.lab.slug, "pk": result.pk}),
    }


def test_revocation_takes_the_photo_and_quote_off_every_public_place_at_once(
    client, client_of, team_member, world, django_capture_on_commit_callbacks
):
    image, consent, photo = world["image"], world["consent"], world["photo"]
    pages = public_pages(world)
    before = {name: client.get(url) for name, url in pages.items()}
    assert all(response.status_code == 200 for response in before.values())
    # Before: the story shows the cover and the gallery, the list its card, the portrait its
    # photo, the lab result its photo; the image's sizes are served.
    for name in ("story", "story list", "portrait"):
        assert traces(before[name].content.decode(), image), name
    assert QUOTE in before["story"].content.decode()
    photo_url = reverse("labs:result_file", kwargs={"pk": photo.pk})
    assert photo_url in before["lab result"].content.decode()
    assert client.get(photo_url).status_code == 200
    served = client.get(image_url(image, "width-800"))
    assert served.status_code == 200
    rendition_files = [r.file.name for r in image.renditions.all()]
    assert rendition_files

    team = client_of(team_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = team.post(
            reverse("publishing:revoke_consent", kwargs={"pk": consent.pk}),
            {"revoked_by_name": "Anna Peeters", "note": "Per mail gevraagd"},
        )
    assert response.status_code == 302

    # After, in the next request: no trace anywhere.
    for name, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        if name == "portrait":
            assert response.status_code == 404 or not traces(html, image), name
        else:
            assert response.status_code == 200, name
        assert not traces(html, image), name
        assert QUOTE not in html, name
        assert photo_url not in html, name
    for spec in ALLOWED_SPECS:
        assert client.get(image_url(image, spec)).status_code == 404
    assert client.get(photo_url).status_code == 404
    assert not image.renditions.exists()
    storage = image.file.storage
    assert not any(storage.exists(name) for name in rendition_files)

    # The team's mail lists where the consent was used.
    [message] = [m for m in mail.outbox if "Anna Peeters" in m.subject]
    body = message.body
    assert "Anna in de klas" in body  # the image
    assert "Klasbezoek bij Anna" in body  # the story (its cover, gallery and quote)
    assert world["portrait"].title in body
    assert "Startnota" in body and "anna.png" in body  # the lab result's photo


def test_the_lab_group_still_sees_its_photo_after_a_revocation(
    client_of, team_member, lab_lead, world
):
    from som.network import consents

    consents.revoke_consent(by=team_member, consent=world["consent"])
    photo_url = reverse("labs:result_file", kwargs={"pk": world["photo"].pk})
    assert client_of(lab_lead).get(photo_url).status_code == 200


# --- The register's pages ------------------------------------------------------------------------


def test_the_register_is_the_teams_only(client, client_of, teacher, lab_lead, team_member):
    consent = website_consent(team_member)
    urls = [
        reverse("publishing:consents"),
        reverse("publishing:record_consent"),
        reverse("publishing:consent", kwargs={"pk": consent.pk}),
        reverse("publishing:revoke_consent", kwargs={"pk": consent.pk}),
    ]
    for person in (teacher, lab_lead):
        for url in urls:
            assert client_of(person).get(url).status_code == 404
        response = client_of(person).post(urls[3], {"revoked_by_name": "x"})
        assert response.status_code == 404
    assert client.get(urls[0]).status_code == 302  # to the login
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_the_team_searches_and_filters_the_register(client_of, team_member):
    website_consent(team_member, name="Anna Peeters")
    website_consent(team_member, name="Lena", is_minor=True, given_by_name="Mieke")
    gone = website_consent(team_member, name="Bart Vos")
    from som.network import consents

    consents.revoke_consent(by=team_member, consent=gone)
    team = client_of(team_member)
    url = reverse("publishing:consents")
    html = team.get(url).content.decode()
    assert html.index("Bart Vos") < html.index("Lena") < html.index("Anna Peeters")  # newest first
    html = team.get(url, {"q": "peet"}).content.decode()
    assert "Anna Peeters" in html and "Bart Vos" not in html
    html = team.get(url, {"state": "revoked"}).content.decode()
    assert "Bart Vos" in html and "Anna Peeters" not in html
    html = team.get(url, {"state": "active", "minors": "on"}).content.decode()
    assert "Lena" in html and "Anna Peeters" not in html and "Bart Vos" not in html


def test_the_team_records_a_consent_and_a_child_needs_a_parent(client_of, team_member):
    team = client_of(team_member)
    url = reverse("publishing:record_consent")
    response = team.post(url, {"subject_name": "Lena", "is_minor": "on", "uses": ["website"]})
    assert response.status_code == 200
    assert not Consent.objects.exists()
    assert "given_by_name" in response.context["form"].errors
    response = team.post(
        url,
        {
            "subject_name": "Lena",
            "is_minor": "on",
            "given_by_name": "Mieke Peeters",
            "uses": ["website", "annual_report"],
        },
    )
    consent = Consent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("publishing:consent", kwargs={"pk": consent.pk})
    assert consent.is_minor and consent.website and consent.annual_report
    assert not consent.newsletter
    detail = team.get(response["Location"]).content.decode()
    assert "Mieke Peeters" in detail
    assert reverse("publishing:revoke_consent", kwargs={"pk": consent.pk}) in detail


def test_the_revoke_page_asks_first(client_of, team_member):
    consent = website_consent(team_member)
    team = client_of(team_member)
    url = reverse("publishing:revoke_consent", kwargs={"pk": consent.pk})
    assert team.get(url).status_code == 200
    consent.refresh_from_db()
    assert consent.revoked_at is None  # a GET only asks
