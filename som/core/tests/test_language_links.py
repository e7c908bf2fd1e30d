"""The language switch: one link per language to this page's address in that language, the
query kept (som/core/context_processors.py, Navigation.languages)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from som.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def _links(page: str) -> dict[str, str]:
    return {code: href for href, code in re.findall(r'href="([^"]+)" hreflang="(\w+)"', page)}


def _address(name: str, language: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_each_language_links_to_the_same_page_with_its_query(client):
    page = client.get(_address("events:calendar", "nl") + "?view=month&kind=network_day")
    links = _links(page.content.decode())
    assert links["en"] == _address("events:calendar", "en") + "?view=month&amp;kind=network_day"
    assert links["nl"] == _address("events:calendar", "nl") + "?view=month&amp;kind=network_day"


def test_a_page_with_arguments_keeps_them_in_the_other_language(client):
    event = make_event(title="Netwerkdag in twee talen")
    page = client.get(_address("events:detail", "en", slug=event.slug)).content.decode()
    links = _links(page)
    assert links["nl"] == _address("events:detail", "nl", slug=event.slug)
    assert links["en"] == _address("events:detail", "en", slug=event.slug)
    assert links["nl"] != links["en"]
