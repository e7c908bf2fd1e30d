"""English is complete as the second language: a message written in Dutch in the code (its Dutch
translation is the message itself) needs an English translation, or English screens show Dutch
("Speerpunten" did, on the event and lab pages). Words both languages share are listed here."""

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from som.events.tests.factories import make_event
from som.network.models import Speerpunt

# Messages whose Dutch text is the message itself and that English writes the same way: names,
# loanwords, addresses and formats. A new Dutch message either gets an English translation or,
# if English really says it the same way, a line here.
# fmt: off
SAME_IN_BOTH_LANGUAGES = {
    "SOM Leuven", "SOM Leuven vzw", "Samen Onderwijs Maken", "Samen Onderwijs Maken Leuven",
    "SOM Leuven vzw, Samen Onderwijs Maken Leuven",
    "%(type)s %(network)s %(year)s (%(tariff)s)",
    "Account", "Agenda", "agenda", "Budget", "budget", "code", "Contact", "contact/", "Deadline",
    "deadline %(deadline)s", "Deadline %(deadline)s", "details", "hash", "Home", "keynote",
    "label", "Links", "links", "Object", "object", "online", "Online", "Online:",
    "Online: %(link)s", "open", "Partners", "partners", "PDF", "prefix", "Quorum", "school",
    "Screening", "screening", "Sector", "sector", "slug", "Start", "Status", "status", "Team",
    "team", "team/", "Ticket", "ticket/<str:code>/", "ticket/sw.js", "type", "Website", "website",
    "workshop", "Cc", "Demo", "Mailbox", "Banner", "interview", "Privacy", "Video",
}
# fmt: on


def _catalogue(language: str):
    path = settings.LOCALE_PATHS[0] / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _text(message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_every_dutch_message_has_an_english_translation():
    dutch, english = _catalogue("nl"), _catalogue("en")
    written_in_dutch = {
        _text(message)
        for message in dutch
        if message.id and message.string and message.string == message.id
    }
    missing = sorted(
        _text(message)
        for message in english
        if message.id
        and _text(message) in written_in_dutch
        and not _translated(message)
        and _text(message) not in SAME_IN_BOTH_LANGUAGES
    )
    assert missing == []


def test_every_message_has_a_dutch_translation():
    # Dutch is the default language: a message without one shows the English text on Dutch screens.
    missing = sorted(
        _text(message) for message in _catalogue("nl") if message.id and not _translated(message)
    )
    assert missing == []


def test_no_translation_is_marked_fuzzy():
    # Django ignores fuzzy translations: the screen would show the untranslated message. (A
    # changed message in a template leaves its old translation fuzzy after `make messages`.)
    fuzzy = [
        (language, _text(message))
        for language in ("nl", "en")
        for message in _catalogue(language)
        if message.id and message.fuzzy
    ]
    assert fuzzy == []


@pytest.mark.django_db
def test_english_screens_say_focus_areas(client):
    event = make_event()
    event.speerpunten.add(Speerpunt.objects.all()[0])  # the data migration seeds them
    with translation.override("en"):
        address = reverse("events:detail", kwargs={"slug": event.slug})
    page = client.get(address).content.decode()
    assert "Focus areas" in page
    assert "Speerpunten" not in page
