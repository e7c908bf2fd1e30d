"""What a shared link shows (Open Graph and Twitter's cards): every page of the sitemap, in both
languages, names its title, description, image and canonical address, all absolute; a story
and a portrait share their own image only while its people consent; and no page loads anything
from a social network."""

import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import slugify
from PIL import Image

from som.events.tests.factories import make_event
from som.labs.models import Result
from som.labs.services import labs as lab_services
from som.labs.tests.labs_world import lab_data
from som.publishing.models import SiteImage, StoryIndexPage, StoryPage
from som.publishing.tests.portrait_world import published_portrait

pytestmark = pytest.mark.django_db

REQUIRED = ("og:title", "og:description", "og:image", "og:url", "og:type", "og:locale")
ABSOLUTE = ("og:image", "og:url", "twitter:image")
SOCIAL_HOSTS = ("linkedin", "facebook", "fbcdn", "twitter", "twimg", "x.com", "licdn")


class Head(HTMLParser):
    """The share tags of a page, and every address it loads (scripts, frames, images, styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta.setdefault(
                values.get("property") or values["name"], values.get("content", "")
            )
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        if tag in ("script", "iframe", "img", "embed", "object", "source", "video", "audio"):
            self.loads.append(values.get("src") or values.get("data") or "")
        if tag == "link" and values.get("rel") != "canonical":
            self.loads.append(values.get("href", ""))


def head_of(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def site_image(*, size=(1600, 900), recognisable=SiteImage.Recognisable.NOBODY) -> SiteImage:
    buffer = io.BytesIO()
    Image.new("RGB", size, (168, 67, 27)).save(buffer, format="PNG")
    return SiteImage.objects.create(
        title="Netwerkdag",
        description="Leraren rond een tafel op de netwerkdag",
        file=SimpleUploadedFile("netwerkdag.png", buffer.getvalue(), content_type="image/png"),
        recognisable=recognisable,
    )


def published_story(title: str, **fields) -> StoryPage:
    story = StoryPage(
        title=title,
        slug=slugify(title),
        lead=f"Over {title}.",
        body=[("text", "Tekst.")],
        live=False,
        **fields,
    )
    StoryIndexPage.objects.get(locale__language_code="nl").add_child(instance=story)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


def _path(url: str) -> str:
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def _sitemap_paths(client) -> set[str]:
    xml = client.get("/sitemap.xml").content.decode()
    found = re.findall(r"<loc>([^<]+)</loc>", xml) + re.findall(r'href="([^"]+)"', xml)
    return {_path(url) for url in found}


def test_every_page_in_the_sitemap_in_both_languages_has_its_share_tags(client, team_member):
    make_event(slug="netwerkdag-voorjaar", summary="De netwerkdag van de lente.")
    lab_services.create_lab(data=lab_data(), granted=Decimal(1000), by=team_member)
    story = published_story("Wat we leerden", cover=site_image())
    portrait = published_portrait(photo=site_image())
    paths = _sitemap_paths(client) | {story.url, portrait.url}
    assert any(path.startswith("/en/") for path in paths), "the sitemap has no English page"
    site = settings.SITE_URL.rstrip("/")
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        head = head_of(response.content.decode())
        for name in (*REQUIRED, "twitter:card", "twitter:title", "twitter:image"):
            assert head.meta.get(name), f"{path}: no {name}"
        for name in ABSOLUTE:
            assert head.meta[name].startswith(("http://", "https://")), f"{path}: {name}"
        assert head.meta["og:url"] == head.canonical == site + urlparse(path).path, path
        assert head.meta["og:locale"] == ("en_GB" if path.startswith("/en/") else "nl_BE"), path
        assert head.meta["twitter:card"] in ("summary", "summary_large_image"), path


def test_a_story_with_a_cover_shares_it_as_a_large_card(client):
    story = published_story("Samen koken in de leraarskamer", cover=site_image())
    html = client.get(story.url).content.decode()
    head = head_of(html)
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Samen koken in de leraarskamer"
    assert head.meta["og:description"] == "Over Samen koken in de leraarskamer."
    assert "/images/" in head.meta["og:image"] and "fill-1200x630" in head.meta["og:image"]
    assert head.meta["og:image:width"] == "1200" and head.meta["og:image:height"] == "630"
    assert head.meta["og:image:alt"] == "Leraren rond een tafel op de netwerkdag"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:image"] == head.meta["og:image"]
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in html  # the share control
    # The address in the tag is one the image view serves.
    image = client.get(urlparse(head.meta["og:image"]).path)
    assert image.status_code == 200
    assert image["Content-Type"].startswith("image/")


def test_a_portrait_with_a_photo_shares_it(client):
    portrait = published_portrait(photo=site_image())
    html = client.get(portrait.url).content.decode()
    head = head_of(html)
    assert head.meta["og:type"] == "article"
    assert "fill-1200x630" in head.meta["og:image"]
    assert head.meta["twitter:card"] == "summary_large_image"
    assert "Elise Janssens" in head.meta["og:description"]
    assert "https://www.facebook.com/sharer/sharer.php?u=" in html  # the share control


def test_a_photo_of_people_without_their_consent_is_never_shared(client):
    """The image would be in every LinkedIn preview: without consent, the default image."""
    photo = site_image(recognisable=SiteImage.Recognisable.PEOPLE)
    story = published_story("Een klas op uitstap", cover=photo)
    html = client.get(story.url).content.decode()
    head = head_of(html)
    assert head.meta["og:image"].endswith("/static/img/share-default.png")
    assert head.meta["twitter:card"] == "summary"
    assert f"/{photo.pk}/" not in html.split("</head>")[0]


def test_a_small_image_gets_no_size_it_does_not_have(client):
    story = published_story("Klein beeld", cover=site_image(size=(600, 400)))
    head = head_of(client.get(story.url).content.decode())
    assert "fill-1200x630" in head.meta["og:image"]
    assert "og:image:width" not in head.meta


def test_an_event_shares_its_title_day_and_summary(client):
    event = make_event(slug="netwerkdag-voorjaar", summary="De netwerkdag van de lente.")
    head = head_of(client.get(f"/agenda/{event.slug}/").content.decode())
    assert head.meta["og:title"].startswith(f"{event.title} · ")
    assert head.meta["og:description"] == "De netwerkdag van de lente."
    assert head.meta["og:type"] == "website"


def test_a_page_without_its_own_text_shares_the_sites_description_and_image(client):
    head = head_of(client.get("/en/events/").content.decode())
    assert head.meta["og:locale"] == "en_GB"
    assert "network of and for Leuven education" in head.meta["og:description"]
    assert head.meta["og:image"] == settings.SITE_URL.rstrip("/") + "/static/img/share-default.png"
    assert head.meta["og:image:width"] == "1200"


def test_no_page_loads_a_script_frame_or_pixel_of_a_social_network(client, team_member):
    """The share buttons are links: no LinkedIn or Facebook script, widget or tracking pixel."""
    event = make_event(slug="netwerkdag-voorjaar")
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(1000), by=team_member)
    result = Result.objects.create(
        lab=lab,
        title="Een gedeelde leraarskamer",
        summary="Wat werkte.",
        published_at=event.created_at,
    )
    story = published_story("Wat we leerden", cover=site_image())
    pages = [
        "/",
        "/en/",
        f"/agenda/{event.slug}/",
        story.url,
        reverse("labs:result", kwargs={"slug": lab.slug, "pk": result.pk}),
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        loads = [address.lower() for address in head_of(html).loads]
        assert not [a for a in loads if any(host in a for host in SOCIAL_HOSTS)], path
        assert "connect.facebook.net" not in html and "platform.linkedin.com" not in html


def test_the_share_control_is_plain_links_with_labels(client):
    event = make_event(slug="netwerkdag-voorjaar")
    html = client.get(f"/agenda/{event.slug}/").content.decode()
    site = settings.SITE_URL.rstrip("/")
    address = f"{site}/agenda/{event.slug}/".replace(":", "%3A").replace("/", "%2F")
    assert f'href="https://www.linkedin.com/sharing/share-offsite/?url={address}"' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
    assert 'href="mailto:?subject=' in html
    assert "(deel op LinkedIn, opent in een nieuw venster)" in html
