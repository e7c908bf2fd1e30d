"""The site's images: the one rule for showing them (may_show), uploads without EXIF and within
the size limit, the image view's checks, and the {% picture %} tag."""

import pytest
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.images.forms import get_image_form
from wagtail.images.utils import generate_signature

from som.network import consents
from som.publishing import image_hooks
from som.publishing.images import image_url, may_show, public_image_url
from som.publishing.models import SiteImage
from som.publishing.tests.image_world import (
    exif_of,
    jpeg_upload,
    site_image,
    website_consent,
)

PEOPLE = SiteImage.Recognisable.PEOPLE
MINORS = SiteImage.Recognisable.MINORS


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- The rule ----------------------------------------------------------------------------------


def test_an_image_of_nobody_is_shown(db):
    assert may_show(site_image())


def test_recognisable_people_need_a_consent_that_allows_the_website(team_member):
    image = site_image(recognisable=PEOPLE)
    assert not may_show(image)  # no consent at all
    newsletter_only = website_consent(team_member, uses=["newsletter"])
    image.consents.set([newsletter_only])
    assert not may_show(image)
    anna = website_consent(team_member)
    image.consents.set([anna])
    assert may_show(image)
    bert = website_consent(team_member, name="Bert")
    image.consents.set([anna, bert])
    assert may_show(image)
    consents.revoke_consent(by=team_member, consent=bert)
    assert not may_show(SiteImage.objects.get(pk=image.pk))  # every consent, not one of them


def test_children_need_a_parents_consent(team_member):
    adult = website_consent(team_member)
    image = site_image(recognisable=MINORS, consent_list=(adult,))
    assert not may_show(image)
    child = website_consent(team_member, name="Lena", is_minor=True, given_by_name="Mieke Peeters")
    image.consents.set([adult, child])
    assert may_show(image)


# --- Uploads -----------------------------------------------------------------------------------


def image_form(**files):
    form_class = get_image_form(SiteImage)
    return form_class(
        data={
            "title": "Netwerkdag",
            "description": "Leraren rond een tafel",
            "recognisable": "nobody",
        },
        files=files,
    )


def test_the_location_and_other_exif_go_before_the_original_is_stored(db):
    form = image_form(file=jpeg_upload(size=(40, 30), orientation=6))
    assert form.is_valid(), form.errors
    image = form.save()
    exif, size = exif_of(image)
    assert 0x8825 not in exif and not exif.get_ifd(0x8825)  # no GPS
    assert 0x010F not in exif  # no camera
    assert size == (30, 40)  # turned upright as the orientation said, then dropped
    assert (image.width, image.height) == (30, 40)


def test_an_image_saved_without_our_form_loses_its_exif_too(db):
    # Wagtail's multiple upload may make the image from a kept file, outside the form.
    image = site_image()
    exif, _size = exif_of(image)
    assert not exif.get_ifd(0x8825) and 0x010F not in exif
    assert image.file_size == image.file.storage.size(image.file.name)


def test_alt_text_is_required(db):
    form_class = get_image_form(SiteImage)
    form = form_class(
        data={"title": "Netwerkdag", "description": "", "recognisable": "nobody"},
        files={"file": jpeg_upload(size=(40, 30))},
    )
    assert not form.is_valid()
    assert "description" in form.errors


def test_a_too_big_upload_gets_a_clear_message_and_nothing_is_stored(db, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2 * 1024
    with translation.override("nl"):
        form = image_form(file=jpeg_upload())
        assert not form.is_valid()
        message = " ".join(form.errors["file"])
    assert "te groot" in message and "2,0" in message
    assert not SiteImage.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_other_formats_are_refused(db):
    gif = jpeg_upload(name="netwerkdag.gif", size=(40, 30))
    form = image_form(file=gif)
    assert not form.is_valid() and "file" in form.errors


def test_recognisable_people_without_consents_are_refused_in_the_form(db):
    form_class = get_image_form(SiteImage)
    form = form_class(
        data={"title": "Netwerkdag", "description": "Leraren", "recognisable": "people"},
        files={"file": jpeg_upload(size=(40, 30))},
    )
    assert not form.is_valid()
    assert "consents" in form.errors


# --- The image view ------------------------------------------------------------------------------


def test_the_view_serves_an_allowed_size_for_five_minutes(client, db):
    image = site_image()
    response = client.get(image_url(image, "width-400"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_nginx_sends_the_file_when_x_accel_is_on(client, db, settings):
    settings.SOM_X_ACCEL_REDIRECT = True
    image = site_image()
    response = client.get(image_url(image, "width-800"))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/protected/images/")
    assert response["Cache-Control"] == "public, max-age=300"


def test_the_view_refuses_a_wrong_signature_or_another_size(client, db):
    image = site_image()
    path = reverse("site_image", args=["AAAA", image.pk, "width-400"])
    assert client.get(path).status_code == 404
    # A correctly signed size the pages never use: refused all the same.
    spec = "width-2000"
    path = reverse("site_image", args=[generate_signature(image.pk, spec), image.pk, spec])
    assert client.get(path).status_code == 404
    assert not image.renditions.filter(filter_spec=spec).exists()


def test_the_view_refuses_an_image_whose_people_did_not_consent(client, team_member):
    image = site_image(recognisable=PEOPLE)
    spec = "width-400"
    path = reverse("site_image", args=[generate_signature(image.pk, spec), image.pk, spec])
    assert client.get(path).status_code == 404
    assert not image.renditions.exists()
    image.consents.set([website_consent(team_member)])
    assert client.get(path).status_code == 200


def test_open_graph_gets_no_address_for_an_image_that_may_not_be_shown(db):
    assert public_image_url(site_image(recognisable=PEOPLE)) == ""
    assert "fill-1200x630" in public_image_url(site_image())


# --- The tag -----------------------------------------------------------------------------------


def render(source: str, **context) -> str:
    return Template("{% load publishing_images %}" + source).render(Context(context))


def test_the_picture_tag_offers_three_widths(db):
    image = site_image(credit="Jan Fotograaf")
    html = render('{% picture image sizes="50vw" class="wide" credit=True %}', image=image)
    assert html.count("w, ") == 2 and "1200w" in html
    assert 'width="800" height="600"' in html
    assert 'alt="Netwerkdag: leraren rond een tafel"' in html
    assert 'loading="lazy"' in html and 'decoding="async"' in html
    assert 'sizes="50vw"' in html and 'class="wide"' in html
    assert "Jan Fotograaf" in html and "<figcaption" in html


def test_a_small_image_is_never_offered_wider(db):
    html = render("{% picture image %}", image=site_image(size=(500, 250)))
    assert "400w" in html and "500w" in html and "800w" not in html and "1200" not in html
    assert 'width="500" height="250"' in html


def test_the_picture_tag_renders_nothing_without_consent(db):
    image = site_image(recognisable=PEOPLE, credit="Jan")
    assert render("{% picture image credit=True %}", image=image).strip() == ""


# --- Publishing --------------------------------------------------------------------------------


def test_publishing_a_page_with_an_image_that_may_not_be_shown_is_refused(team_member):
    from som.publishing.models import StoryIndexPage, StoryPage

    image = site_image("Klasfoto", recognisable=PEOPLE)
    index = StoryIndexPage.objects.get(locale__language_code="nl")
    story = StoryPage(
        title="Klasbezoek",
        slug="klasbezoek",
        lead="Een bezoek.",
        body=[("image", {"image": image, "caption": ""})],
        live=False,
    )
    index.add_child(instance=story)
    request = RequestFactory().post("/cms/")
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    MessageMiddleware(lambda request: HttpResponse()).process_request(request)
    response = image_hooks.images_need_consent(request, story)
    assert response is not None and response.status_code == 302
    message = str(next(iter(messages.get_messages(request))))
    assert "Klasfoto" in message and "Klasbezoek" in message
    image.consents.set([website_consent(team_member)])
    assert image_hooks.images_need_consent(request, story) is None


def test_the_admins_thumbnails_come_from_a_view_behind_its_login(client, client_of, team_member):
    image = site_image(recognisable=PEOPLE)  # no consent: never public, but the team sees it
    rendition = image.get_rendition("max-165x165")
    assert rendition.url.startswith("/cms/")
    assert client.get(rendition.url).status_code == 302  # to the login
    response = client_of(team_member).get(rendition.url)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
