"""What search engines are told: robots.txt points at the sitemap and keeps them out of the back
office; the sitemap lists the public pages, the published events and the labs, in both
languages with each other as alternates."""

from decimal import Decimal

import pytest

from som.events.tests.factories import make_event
from som.labs.services import labs as lab_services
from som.labs.tests.labs_world import lab_data

pytestmark = pytest.mark.django_db


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_the_sitemap_lists_published_events_and_labs_in_both_languages(client):
    shown = make_event(slug="netwerkdag-voorjaar")
    hidden = make_event(slug="nog-in-voorbereiding", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/agenda/{shown.slug}/</loc>" in xml
    assert f'hreflang="en" href="http://testserver/en/events/{shown.slug}/"' in xml
    assert hidden.slug not in xml
    assert "<loc>http://testserver/over-som/</loc>" in xml


def test_the_sitemap_lists_the_teams_live_pages_with_their_translations(client, team_member):
    from som.publishing.models import ContentPage

    about = ContentPage.objects.get(purpose="about", locale__language_code="nl")
    draft = ContentPage(title="Nog niet klaar", slug="nog-niet-klaar", live=False)
    about.get_parent().add_child(instance=draft)
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/</loc>" in xml and "<loc>http://testserver/en/</loc>" in xml
    assert "<loc>http://testserver/en/about-som/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/about-som/"' in xml
    assert 'hreflang="nl" href="http://testserver/over-som/"' in xml
    assert "<loc>http://testserver/privacy/</loc>" in xml
    assert "nog-niet-klaar" not in xml


def test_the_sitemap_lists_the_labs_public_pages(client, team_member):
    lab = lab_services.create_lab(data=lab_data(), granted=Decimal(1000), by=team_member)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/labos/labo/{lab.slug}/" in xml
