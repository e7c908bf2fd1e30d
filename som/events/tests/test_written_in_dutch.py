"""Read in English, an event's own text says it was written in Dutch (issue 16) and carries
lang="nl", instead of mixing the languages without a word; in Dutch nothing is said."""

from django.urls import reverse
from django.utils import translation

from som.events.tests.factories import make_event

NOTICE = "This text was written in Dutch and is not translated."


def page(client, event, language: str) -> str:
    with translation.override(language):
        url = reverse("events:detail", args=[event.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_english_event_page_says_its_text_is_dutch(client, db):
    event = make_event(title="Netwerkdag", description="Een dag vol labo's.")
    english = page(client, event, "en")
    assert NOTICE in english
    assert '<h1 lang="nl">Netwerkdag</h1>' in english
    assert '<div lang="nl"><p>Een dag vol labo' in english


def test_the_dutch_event_page_says_nothing_about_it(client, db):
    event = make_event(title="Netwerkdag", description="Een dag vol labo's.")
    dutch = page(client, event, "nl")
    assert "written-in-dutch" not in dutch and '<h1 lang="nl">Netwerkdag</h1>' in dutch
