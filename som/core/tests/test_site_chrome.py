"""The head's links, the header (with the skip link) and the footer of every page, rendered
once per process for each address, language and login state and kept
(som/core/context_processors.py: Navigation.head_links, .header and .footer)."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from som.core import context_processors

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The chrome templates rendered from here on."""
    names: list[str] = []

    def counting(template_name: str, *args, **kwargs) -> str:
        names.append(template_name)
        return render_to_string(template_name, *args, **kwargs)

    monkeypatch.setattr(context_processors, "render_to_string", counting)
    return names


# A hard reload: past the whole-page cache for visitors, so the page is built again.
FRESH = {"HTTP_CACHE_CONTROL": "no-cache"}


def _calendar(language: str = "nl") -> str:
    with translation.override(language):
        return reverse("events:calendar")


def test_a_second_visit_to_an_address_reuses_its_header_and_footer(client, rendered):
    first = client.get(_calendar(), **FRESH).content.decode()
    second = client.get(_calendar(), **FRESH).content.decode()
    assert rendered == [
        "includes/site_head_links.html",
        "includes/site_header.html",
        "includes/site_footer.html",
    ]
    assert first == second
    assert 'rel="stylesheet" href="/static/css/som' in first
    assert 'class="skip-link" href="#main"' in first


def test_each_address_language_and_login_state_has_its_own_header(client, teacher, rendered):
    visitor = client.get(_calendar(), **FRESH).content.decode()
    client.get(_calendar() + "?view=month", **FRESH)
    english = client.get(_calendar("en"), **FRESH).content.decode()
    client.force_login(teacher)
    member = client.get(_calendar()).content.decode()

    assert rendered.count("includes/site_header.html") == 4
    assert 'hreflang="nl"' in visitor and ">Aanmelden<" in visitor and ">Afmelden<" not in visitor
    assert ">Log in<" in english
    assert ">Afmelden<" in member and ">Aanmelden<" not in member


def test_the_menu_marks_the_current_page_in_the_kept_header(client):
    calendar = client.get(_calendar()).content.decode()
    home = client.get("/").content.decode()
    assert f'href="{_calendar()}" aria-current="page"' in calendar
    assert f'href="{_calendar()}" aria-current="page"' not in home


def test_changed_settings_reach_the_footer(client, settings):
    client.get(_calendar())
    settings.SOM_TEAM_EMAIL = "nieuw@som-leuven.be"
    assert "nieuw@som-leuven.be" in client.get(_calendar(), **FRESH).content.decode()


def test_the_kept_chrome_stays_bounded(client, monkeypatch):
    monkeypatch.setattr(context_processors, "_CHROME_MAX", 4)
    for page in range(10):
        client.get(_calendar() + f"?page={page}", **FRESH)
    assert len(context_processors._chrome) <= 4
