"""iCalendar (RFC 5545) for events: the public feed, one event, and the ticket's attachment."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from som.events.models import Event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SOM_NETWORK_NAME}//Platform//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Not a property icalendar knows, so written as given: one line, or the feed breaks (an old
    # title with a line break; Event.clean refuses new ones).
    calendar.add("x-wr-calname", " ".join(name.split()))
    return calendar


def _component(event: Event) -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@som-leuven")
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", event.starts_at)
    component.add("dtend", event.ends_at)
    component.add("summary", event.title)
    if event.summary or event.description:
        component.add("description", event.summary or event.description)
    location = ", ".join(part for part in [event.venue_name, event.venue_address] if part)
    if location or event.online_url:
        component.add("location", location or event.online_url)
    component.add(
        "url",
        event.external_url
        or settings.SITE_URL.rstrip("/") + reverse("events:detail", kwargs={"slug": event.slug}),
    )
    return component


def feed(events: Iterable[Event], name: str = "") -> bytes:
    calendar = _calendar(name or settings.SOM_NETWORK_NAME)
    for event in events:
        calendar.add_component(_component(event))
    return bytes(calendar.to_ical())


def single(event: Event) -> bytes:
    return feed([event], name=event.title)
