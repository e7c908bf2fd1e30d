"""The feeds of the stories (RSS, Atom) and the portraits (RSS): well-formed XML with the title,
lead, link, date and author of each public item, and nothing else: no draft, no story taken
offline, no portrait whose person revoked their consent."""

# ruff: noqa: F811 (the fixtures imported from story_world)

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from som.network.models import Consent
from som.publishing.models import PortraitIndexPage, PortraitPage, StoryPage
from som.publishing.tests.story_world import (  # noqa: F401 (fixtures)
    _media,
    index_in,
    published_story,
    story_lab,
    translate,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _rss_items(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel is not None and channel.findtext("title")
    return [{child.tag: (child.text or "") for child in item} for item in channel.findall("item")]


def test_the_rss_feed_has_each_public_story_with_its_lead_link_date_and_author(client, story_lab):
    story = published_story("Koken in de leraarskamer", labs=(story_lab,))
    StoryPage.objects.filter(pk=story.pk).update(written_for_lab=story_lab)
    draft = StoryPage(title="Nog een klad", slug="klad", lead="x", body=[], live=False)
    index_in("nl").add_child(instance=draft)
    offline = published_story("Offline gehaald")
    offline.unpublish()
    items = _rss_items(client, reverse("publishing:stories_rss"))
    assert [item["title"] for item in items] == ["Koken in de leraarskamer"]
    item = items[0]
    assert item["description"] == story.lead
    assert item["link"] == f"http://testserver{story.url}"
    assert item["pubDate"]
    # The author is the lab (a feed never names a person).
    assert story_lab.title in item.get("{http://purl.org/dc/elements/1.1/}creator", "") + item.get(
        "author", ""
    )


def test_the_atom_feed_has_the_same_stories(client):
    published_story("Een eerste verslag")
    response = client.get(reverse("publishing:stories_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Een eerste verslag"]
    assert entries[0].findtext(f"{ATOM}summary") == "Over Een eerste verslag."
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").startswith("http://testserver/")
    assert entries[0].findtext(f"{ATOM}updated")


def test_the_english_feed_has_english_stories_and_dutch_ones_not_translated(client):
    both = published_story("In twee talen")
    translate(both, "In two languages")
    published_story("Alleen Nederlands")
    with translation.override("en"):
        url = reverse("publishing:stories_rss")
    assert url.startswith("/en/")
    items = _rss_items(client, url)
    titles = {item["title"] for item in items}
    assert titles == {"In two languages", "Alleen Nederlands"}


def _portrait(title: str, consent: Consent | None) -> PortraitPage:
    index = PortraitIndexPage.objects.get(locale__language_code="nl")
    portrait = PortraitPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        person_name=title,
        role="leerkracht",
        person_email="x@example.org",
        consent=consent,
        live=False,
    )
    index.add_child(instance=portrait)
    # Published as the approval allows it (som/publishing/models/portraits.py checks it).
    PortraitPage.objects.filter(pk=portrait.pk).update(
        live=True, first_published_at=timezone.now(), last_published_at=timezone.now()
    )
    return PortraitPage.objects.get(pk=portrait.pk)


def test_the_portraits_feed_leaves_out_a_revoked_consent(client, team_member):
    allowed = Consent.objects.create(subject_name="Mia", website=True, recorded_by=team_member)
    revoked = Consent.objects.create(
        subject_name="Bo", website=True, recorded_by=team_member, revoked_at=timezone.now()
    )
    _portrait("Mia Maes", allowed)
    _portrait("Bo Bos", revoked)
    items = _rss_items(client, reverse("publishing:portraits_rss"))
    assert [item["title"] for item in items] == ["Mia Maes, leerkracht"]
