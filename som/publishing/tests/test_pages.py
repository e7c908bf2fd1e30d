"""The pages the team edits (Wagtail): the start pages a new install gets in Dutch and English,
what their blocks list when served, the menu and the language switch on them, revisions and
their revert reaching visitors at once, and the old address of a renamed page."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from som.events.models import Event
from som.events.tests.factories import make_event
from som.publishing.models import ContentPage, HomePage
from som.publishing.site_pages import ensure_site_pages

pytestmark = pytest.mark.django_db

# A hard reload: past the whole-page cache for visitors, so the page is built again.
FRESH = {"HTTP_CACHE_CONTROL": "no-cache"}

START_PAGES = {
    "/": "Waarom SOM Leuven?",
    "/over-som/": "Missie",
    "/word-lid/": "Lidmaatschappen en tarieven",
    "/labcyclus/": "Ze pitchen het op een netwerkdag",
    "/contact/": "Stuur ons een bericht",
    "/privacy/": "toestemmingsregister",
    "/statuten/": "Belgisch Staatsblad",
    "/en/": "Why SOM Leuven?",
    "/en/about-som/": "Mission",
    "/en/become-a-member/": "Memberships and tariffs",
    "/en/lab-cycle/": "They pitch it at a network day",
    "/en/contact/": "Send us a message",
    "/en/privacy/": "consent register",
    "/en/statutes/": "Belgian Official Gazette",
}


@pytest.mark.parametrize(("address", "text"), START_PAGES.items())
def test_a_new_install_has_every_start_page_with_its_text_in_both_languages(client, address, text):
    response = client.get(address)
    assert response.status_code == 200
    assert text in response.content.decode()


def _page(purpose: str, language: str = "nl") -> ContentPage:
    return ContentPage.objects.get(purpose=purpose, locale__language_code=language)


def test_the_lab_cycle_has_its_five_steps_in_order(client):
    html = client.get("/en/lab-cycle/").content.decode()
    steps = [
        "A group submits a proposal together",
        "They pitch it at a network day",
        "The network helps choose",
        "At least a year of work",
        "Sharing results",
    ]
    positions = [html.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "at least one year" in html


def test_making_the_start_pages_again_leaves_the_teams_edits_alone(team_member):
    about = _page("about")
    about.intro = "Wat het team er zelf van maakte."
    about.save_revision(user=team_member).publish()
    privacy = _page("privacy")
    privacy.get_translation(Locale.objects.get(language_code="en")).delete()
    privacy.delete()

    ensure_site_pages()

    assert _page("about").intro == "Wat het team er zelf van maakte."
    assert "toestemmingsregister" in str(_page("privacy").body)  # made again, with its content
    assert "consent register" in str(_page("privacy", "en").body)
    assert ContentPage.objects.filter(purpose="about").count() == 2  # nothing doubled


def test_the_home_page_lists_the_next_network_day_first_then_what_comes(client):
    soon = timezone.now() + datetime.timedelta(days=3)
    make_event(
        kind=Event.Kind.COMMUNITY,
        title="Leesclub over inclusie",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )
    make_event(title="Netwerkdag van de lente")
    make_event(title="Verborgen netwerkdag", is_published=False)
    html = client.get("/").content.decode()
    assert html.index("Netwerkdag van de lente") < html.index("Leesclub over inclusie")
    assert "Verborgen netwerkdag" not in html


def test_the_home_page_costs_a_few_queries_whatever_it_lists(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    for n in range(8):
        make_event(title=f"Netwerkdag {n}")
    client.get("/")  # the listings and the menu's addresses are kept after the first visitor
    with django_assert_num_queries(0):  # the next visitor: the whole page from the cache
        assert "Netwerkdag 0" in client.get("/").content.decode()
    # Built again: Wagtail's routing only (the site, the language, the page, the view
    # restrictions of its ancestors, the specific page); the listings cost nothing more, however
    # many rows they show.
    with django_assert_max_num_queries(6):
        response = client.get("/", **FRESH)
    assert response.status_code == 200 and "Netwerkdag 7" not in response.content.decode()


def test_the_menu_marks_the_page_and_the_language_switch_leads_to_its_translation(client):
    html = client.get("/over-som/").content.decode()
    assert 'href="/over-som/" aria-current="page"' in html
    assert 'href="/en/about-som/" hreflang="en"' in html
    english = client.get("/en/about-som/").content.decode()
    assert 'href="/over-som/" hreflang="nl"' in english


def test_a_page_without_translation_switches_to_the_other_languages_home(client, team_member):
    home = HomePage.objects.get(locale__language_code="nl")
    only_dutch = ContentPage(title="Alleen in het Nederlands", slug="alleen-nl")
    home.add_child(instance=only_dutch)
    only_dutch.save_revision(user=team_member).publish()
    html = client.get("/alleen-nl/").content.decode()
    assert 'href="/en/" hreflang="en"' in html


def test_the_footer_links_to_privacy_the_statutes_and_the_network(client):
    html = client.get("/").content.decode()
    for address in ("/privacy/", "/statuten/", "/storys/", "/zij-maken-onderwijs/"):
        assert f'href="{address}"' in html
    with translation.override("en"):
        english = client.get("/en/").content.decode()
    assert 'href="/en/privacy/"' in english and 'href="/en/statutes/"' in english


def test_an_edit_and_its_revert_reach_visitors_at_once(
    client, team_member, django_capture_on_commit_callbacks
):
    home = HomePage.objects.get(locale__language_code="nl")
    first = home.get_latest_revision()
    assert "De toekomst van onderwijs maken we samen" in client.get("/").content.decode()

    home.hero_title = "Een nieuwe titel van het team"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision(user=team_member).publish()
    assert "Een nieuwe titel van het team" in client.get("/").content.decode()

    # Wagtail's revert: the earlier revision, published again as a new one.
    earlier = first.as_object()
    with django_capture_on_commit_callbacks(execute=True):
        earlier.save_revision(user=team_member, previous_revision=first).publish()
    page = client.get("/").content.decode()  # a visitor: the page cache had the new title
    assert "Een nieuwe titel van het team" not in page
    assert "De toekomst van onderwijs maken we samen" in page
    assert home.revisions.count() >= 3


def test_a_new_slug_leaves_a_redirect_from_the_old_address(
    client, team_member, django_capture_on_commit_callbacks
):
    about = _page("about")
    about.slug = "over-ons"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision(user=team_member).publish()

    assert client.get("/over-ons/").status_code == 200
    old = client.get("/over-som/")
    assert old.status_code in (301, 302) and old["Location"].endswith("/over-ons/")
    assert Redirect.objects.filter(old_path="/over-som", automatically_created=True).exists()
