"""The public story list (filters, search, twelve a page, the Dutch story in the English list, a
budget of queries that does not grow) and the story page (dates, links, a video that loads
nothing from its host, a quote only with consent), and the stories on a lab's and an event's
page."""

# ruff: noqa: F811 (the fixtures imported from story_world)

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from som.events.tests.factories import make_event
from som.network.models import Consent, Speerpunt
from som.publishing.models import StoryPage
from som.publishing.selectors import public_stories, story_list_context
from som.publishing.tests.story_world import (  # noqa: F401 (fixtures)
    _media,
    index_in,
    other_lab,
    other_lead,
    published_story,
    story_lab,
    translate,
)

pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(60)


def _list(client, query: str = "", language: str = "nl") -> str:
    response = client.get(index_in(language).url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_list_says_so(client):
    assert "Nog geen story" in _list(client) or "No stories yet" in _list(client)


def test_the_list_filters_by_lab_speerpunt_school_year_and_words(client, story_lab, other_lab):
    speerpunt = Speerpunt.objects.first()
    assert speerpunt is not None
    a = published_story(
        "Koken met collegas", labs=(story_lab,), when=datetime.datetime(2025, 10, 1, tzinfo=TZ)
    )
    b = published_story("Taal in de klas", labs=(other_lab,))
    b.speerpunten.set([speerpunt])
    b.save_revision().publish()
    c = published_story("Een zomer vol ideeën", when=datetime.datetime(2026, 8, 20, tzinfo=TZ))
    page = _list(client, f"?lab={story_lab.slug}")
    assert a.title in page and b.title not in page
    page = _list(client, f"?speerpunt={speerpunt.slug}")
    assert b.title in page and a.title not in page
    # School year 2025-2026 runs from 1 September 2025 to 31 August 2026.
    page = _list(client, "?year=2025")
    assert a.title in page and c.title in page and b.title not in page
    assert "2025-2026" in page
    page = _list(client, "?q=zomer")
    assert c.title in page and a.title not in page
    page = _list(client, "?q=niets-dat-bestaat")
    assert "Geen story" in page or "No story matches" in page


def test_an_unknown_filter_value_is_left_out_not_an_error(client):
    published_story("Een story")
    assert "Een story" in _list(client, "?lab=bestaat-niet&year=abc&page=zzz")


def test_twelve_stories_a_page(client):
    for number in range(14):
        published_story(
            f"Story nummer {number:02}",
            when=datetime.datetime(2026, 1, 1, tzinfo=TZ) + datetime.timedelta(days=number),
        )
    first = _list(client)
    assert first.count('class="card story-card"') == 12
    assert "Story nummer 13" in first and "Story nummer 01" not in first
    second = _list(client, "?page=2")
    assert second.count('class="card story-card"') == 2
    assert "Story nummer 01" in second


def test_the_english_list_shows_a_dutch_story_without_translation_marked_dutch(client):
    only_dutch = published_story("Alleen in het Nederlands")
    both = published_story("In twee talen")
    translate(both, "In two languages")
    page = _list(client, language="en")
    assert "In two languages" in page
    assert ">In twee talen<" not in page
    assert re.search(r'lang="nl"><a href="[^"]*">Alleen in het Nederlands</a>', page)
    assert only_dutch.url in page


def test_the_list_needs_at_most_five_queries_whatever_the_number_of_stories(story_lab, other_lab):
    def count_for_list() -> int:
        request = RequestFactory().get("/storys/")
        with CaptureQueriesContext(connection) as queries:
            context = story_list_context(index_in("nl"), request)
            for story in context["stories"]:
                story.get_kind_display()
        return len(queries)

    for number in range(3):
        published_story(f"Eerste {number}", labs=(story_lab,))
    few = count_for_list()
    for number in range(20):
        published_story(f"Later {number}", labs=(story_lab, other_lab))
    from som.core import page_cache

    page_cache._new_version()  # the filters' choices are read again
    many = count_for_list()
    assert many <= 5
    assert many == few


def test_the_list_page_renders_within_the_budget(client, django_assert_max_num_queries):
    for number in range(15):
        published_story(f"Story {number}")
    _list(client)  # warms Wagtail's site lookup
    # The list's five, and Wagtail's routing to the page (the site, the page, its ancestors).
    with django_assert_max_num_queries(12):
        _list(client)


def test_the_list_links_its_feeds_in_the_head(client):
    head = _list(client).split("</head>", 1)[0]
    assert 'type="application/rss+xml" title="' in head
    assert reverse("publishing:stories_rss") in head
    assert reverse("publishing:stories_atom") in head


def test_updated_on_shows_only_after_a_later_edit(client, django_capture_on_commit_callbacks):
    story = published_story("Een verslag", when=timezone.now() - datetime.timedelta(days=3))
    page = client.get(story.url).content.decode()
    assert "bijgewerkt op" not in page
    story.lead = "Een betere inleiding."
    # The publication drops the cached public pages once it commits (som/publishing/signals.py).
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    page = client.get(story.url).content.decode()
    assert "bijgewerkt op" in page
    assert "Een betere inleiding." in page


def test_the_story_page_shows_kind_lead_speerpunten_and_its_links(client, story_lab):
    speerpunt = Speerpunt.objects.first()
    assert speerpunt is not None
    event = make_event(slug="netwerkdag-voorjaar")
    hidden_event = make_event(slug="nog-geheim", is_published=False)
    story = published_story("Over de netwerkdag", labs=(story_lab,), kind="interview")
    story.speerpunten.set([speerpunt])
    story.events.set([event, hidden_event])
    story.save_revision().publish()
    page = client.get(story.url).content.decode()
    assert "Interview" in page or "interview" in page
    assert speerpunt.display_name in page
    assert reverse("labs:lab", kwargs={"slug": story_lab.slug}) in page
    assert reverse("events:detail", kwargs={"slug": event.slug}) in page
    assert hidden_event.slug not in page


def test_a_video_loads_nothing_from_its_host_until_clicked(client):
    story = published_story(
        "Een videoverslag",
        kind="video_report",
    )
    story.body = [
        ("text", "Kijk mee."),
        ("video", {"url": "https://www.youtube.com/watch?v=abcDEF12345", "title": "Ons lab"}),
    ]
    story.save_revision().publish()
    page = client.get(story.url).content.decode()
    assert "<iframe" not in page
    assert not re.search(r'<script[^>]+src="https?://', page)
    assert not re.search(r"<(img|link)[^>]+(youtube|vimeo)", page)
    # The player's address waits in a data attribute; without scripts, a link to the video.
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/abcDEF12345"' in page
    assert 'href="https://www.youtube.com/watch?v=abcDEF12345"' in page
    assert "/static/js/video" in page


def test_the_video_hosts_are_the_only_frames_the_policy_allows(client):
    story = published_story("Een pagina")
    policy = client.get(story.url)["Content-Security-Policy"]
    found = re.search(r"frame-src ([^;]+)", policy)
    assert found is not None, policy
    frames = found.group(1).split()
    assert sorted(frames) == ["https://player.vimeo.com", "https://www.youtube-nocookie.com"]


def test_a_quote_shows_only_while_its_consent_allows_the_website(client, team_member):
    consent = Consent.objects.create(subject_name="Mia", website=True, recorded_by=team_member)
    no_web = Consent.objects.create(subject_name="Bo", newsletter=True, recorded_by=team_member)
    story = published_story("Met citaten")
    story.body = [
        ("quote", {"text": "Samen leren werkt.", "name": "Mia", "role": "", "consent": consent.pk}),
        ("quote", {"text": "Niet voor de site.", "name": "Bo", "role": "", "consent": no_web.pk}),
    ]
    story.save_revision().publish()
    page = client.get(story.url).content.decode()
    assert "Samen leren werkt." in page and "Niet voor de site." not in page
    Consent.objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
    from som.core import page_cache

    page_cache._new_version()
    page = client.get(story.url).content.decode()
    assert "Samen leren werkt." not in page


def test_the_lab_and_the_event_page_list_their_public_stories(client, story_lab):
    event = make_event(slug="labdag")
    story = published_story("Ons lab op de labdag", labs=(story_lab,))
    story.events.set([event])
    story.save_revision().publish()
    draft = StoryPage(title="Nog een kladje", slug="kladje", lead="x", body=[], live=False)
    index_in("nl").add_child(instance=draft)
    draft.labs.set([story_lab])
    draft.save()
    lab_page = client.get(reverse("labs:lab", kwargs={"slug": story_lab.slug})).content.decode()
    assert "Ons lab op de labdag" in lab_page and "Nog een kladje" not in lab_page
    event_page = client.get(reverse("events:detail", kwargs={"slug": event.slug})).content.decode()
    assert "Ons lab op de labdag" in event_page


def test_public_stories_hide_drafts_and_translated_duplicates():
    published_story("Gepubliceerd")
    draft = StoryPage(title="Klad", slug="klad", lead="x", body=[], live=False)
    index_in("nl").add_child(instance=draft)
    with translation.override("nl"):
        assert [s.title for s in public_stories()] == ["Gepubliceerd"]
    with translation.override("en"):
        assert [s.title for s in public_stories()] == ["Gepubliceerd"]


def test_a_story_the_team_made_private_is_left_out_in_the_same_query(story_lab):
    """Wagtail's page privacy (a view restriction on the story or above it) keeps a story off the
    public lists, and `stories_about` finds the stories in one query (a lab's page pays it)."""
    from wagtail.models import PageViewRestriction

    from som.publishing.templatetags.publishing_stories import public_stories_about

    shown = published_story("Voor iedereen", labs=(story_lab,))
    private = published_story("Alleen voor het team", labs=(story_lab,))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert list(public_stories()) == [shown]
    with CaptureQueriesContext(connection) as queries:
        assert [story.pk for story in public_stories_about(story_lab)] == [shown.pk]
    assert len(queries.captured_queries) == 1
