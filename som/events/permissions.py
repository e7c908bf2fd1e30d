"""The only gate to event objects: return the object or answer 404, for "missing" and
"not yours" alike."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from som.accounts.models import Person
from som.events import selectors
from som.events.models import Event, Registration


def visible_events(person: Person) -> QuerySet[Event]:
    """Everybody sees published events; the team also sees drafts (to preview them)."""
    if _is_team(person):
        return Event.objects.all()
    return selectors.public_events()


def _is_team(person: Person) -> bool:
    return person.is_authenticated and person.is_active and person.is_staff


def get_event_for_page(person: Person, slug: str) -> Event:
    """The event with its places, for its public page: for the team from the database (drafts
    too), for everybody else the published event as the page cache keeps it."""
    if _is_team(person):
        event = selectors.event_page(Event.objects.all(), slug)
    else:
        event = selectors.published_event_page(slug)
    if event is None:
        raise Http404
    return event


def get_event_for_registration(person: Person, slug: str) -> Event:
    return get_object_or_404(visible_events(person), slug=slug)


def get_registration_for_person(person: Person, pk: int) -> Registration:
    """One's own registration (to cancel it)."""
    return get_object_or_404(
        Registration.objects.select_related("event", "person"), pk=pk, person=person
    )


def get_registration_for_ticket(code: str) -> Registration:
    """The unguessable ticket code is the key: no login needed."""
    return get_object_or_404(
        Registration.objects.select_related("event", "person"), ticket_code=code
    )


def require_team(person: Person) -> None:
    """Team pages (the door, attendance) do not exist for anybody else: 404."""
    if not _is_team(person):
        raise Http404


def get_event_for_team(person: Person, pk: int) -> Event:
    """Any event, published or not, for the team's door and attendance pages."""
    require_team(person)
    return get_object_or_404(Event, pk=pk)
